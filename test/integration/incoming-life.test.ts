import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import demo from '../../seed/demo-org.json';
import { decide, paperRegistrarFor, type OrgSnapshot } from '../../domain';
import {
  incomingWorkflowId,
  paperArrivedSignal,
  paperFollowUpWorkflowId,
  registrationUpdate,
  stateQuery,
  type IncomingInput,
} from '../../workflows/incoming/contract';
import { PHASE, STAGE, UNIT, URGENCY } from '../../workflows/shared/search-attributes';
import { testDatabaseKinds } from '../support/databases';
import { startTestSystem, type TestSystem } from '../support/system';
import { eventually, incomingDriver, userId } from './incoming-helpers';

const org = demo as unknown as OrgSnapshot;

/**
 * The incoming life end to end through the API, against the real dev server, with the real-scale timing (no task
 * escalates during these tests; incoming-escalation.test.ts runs the ladder in seconds).
 */
describe.each(testDatabaseKinds())('the incoming life on %s', (kind) => {
  let system: TestSystem;
  let d: ReturnType<typeof incomingDriver>;

  beforeAll(async () => {
    system = await startTestSystem(kind);
    d = incomingDriver(system);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('claims the queue task, assigns it to a section whose head delegates to a colleague, who closes it', async () => {
    const reg = await d.register({ subject: 'ขอความร่วมมือซ่อมแซมถนนในพื้นที่' });
    const queued = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
    expect(queued.assignee).toBeNull();

    const claimed = await d.ok('clerk.ladkrabang', queued.taskId, { action: 'claim' });
    expect(claimed.stage).toBe('triage');
    expect(claimed.nextTasks[0]).toMatchObject({ type: 'triage', assigneeUserId: userId('clerk.ladkrabang') });
    expect((await d.act('clerk.ladkrabang', queued.taskId, { action: 'claim' })).status).toBe(409);
    const mine = claimed.nextTasks[0].taskId;
    const claimAgain = await d.act('clerk.ladkrabang', mine, { action: 'claim' });
    expect(claimAgain.status).toBe(422);
    expect(claimAgain.body.error.code).toBe('ACTION_NOT_ALLOWED');

    const toSection = await d.ok('clerk.ladkrabang', mine, { action: 'assign', toUnitId: 'district-1011-works' });
    expect(toSection).toMatchObject({ stage: 'assigned' });
    expect(toSection.nextTasks[0].assigneeUserId).toBe(userId('head.works.ladkrabang'));

    const headTask = await d.taskOf('head.works.ladkrabang', reg.id, 'act');
    const delegated = await d.ok('head.works.ladkrabang', headTask.taskId, {
      action: 'assign',
      toUserId: userId('staff.works.ladkrabang'),
      comment: 'มอบ จนท. ตรวจสอบพื้นที่',
    });
    expect(delegated.nextTasks[0].assigneeUserId).toBe(userId('staff.works.ladkrabang'));
    // The deadline goes with the work, not with the person.
    expect(delegated.nextTasks[0].dueAt).toBe(headTask.dueAt);

    const staffTask = await d.taskOf('staff.works.ladkrabang', reg.id, 'act');
    expect((await d.ok('staff.works.ladkrabang', staffTask.taskId, { action: 'close' })).stage).toBe('closed');
    expect(await d.actions(reg.id)).toEqual([
      'document.registered',
      'task.opened',
      'task.claimed',
      'task.assigned',
      'task.delegated',
      'document.closed',
    ]);
    const doc = await d.doc('staff.works.ladkrabang', reg.id);
    expect(doc.history[3].details.toUnit).toEqual({ id: 'district-1011-works', name: 'ฝ่ายโยธา สำนักงานเขตลาดกระบัง' });
    expect(doc.openTasks).toEqual([]);
  });

  it('forwards to another unit, whose clerk gets a new life with its own receipt number', async () => {
    const reg = await d.register({ subject: 'ส่งต่อเรื่องร้องเรียนด้านสาธารณสุข' });
    const triage = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
    const own = await d.act('clerk.ladkrabang', triage.taskId, { action: 'forward', toUnitId: 'district-1011-civil' });
    expect(own.status).toBe(400);
    expect(own.body.error.code).toBe('INVALID_UNIT');

    const forwarded = await d.ok('clerk.ladkrabang', triage.taskId, { action: 'forward', toUnitId: 'dept-01' });
    expect(forwarded.stage).toBe('forwarded');
    const { documentId, receipt } = forwarded.forwarded;
    expect(documentId).not.toBe(reg.id);
    expect(receipt.text).toMatch(/^เลขรับ [๐-๙]+ /);

    const theirs = await d.taskOf('clerk.dept01', documentId, 'triage');
    expect(theirs.receiptText).toBe(receipt.text);
    const newDoc = await d.doc('clerk.dept01', documentId);
    expect(newDoc).toMatchObject({ stage: 'triage', unit: { id: 'dept-01' }, receipt: { number: receipt.number } });
    expect(newDoc.history[0].details.forwardedFrom).toMatchObject({ documentId: reg.id, unitId: 'district-1011' });
    const registers = await system.ds.query(
      'SELECT unit_id, register, number FROM register_entries WHERE document_id IN (?, ?) ORDER BY unit_id',
      [reg.id, documentId],
    );
    expect(registers.map((r: Record<string, unknown>) => [r.unit_id, r.register, Number(r.number)])).toEqual([
      ['dept-01', 'receipt', receipt.number],
      ['district-1011', 'receipt', reg.receipt.number],
    ]);

    const oldDoc = await d.doc('clerk.ladkrabang', reg.id);
    expect(oldDoc.stage).toBe('forwarded');
    expect(oldDoc.history.at(-1)).toMatchObject({
      action: 'document.forwarded',
      details: { documentId, receipt: { number: receipt.number }, toUnit: { id: 'dept-01' } },
    });
    // The other unit's document is not the forwarding unit's to see.
    expect((await d.api.get(`/api/documents/${documentId}`, await d.tokenOf('clerk.ladkrabang'))).status).toBe(404);
  });

  it('proposes through three levels, each writing a minute, and the approval comes back down for action', async () => {
    const reg = await d.register({ subject: 'ขออนุมัติจัดกิจกรรมวันเด็กแห่งชาติ', urgency: 'urgent' });
    const triage = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
    await d.ok('clerk.ladkrabang', triage.taskId, { action: 'assign', toUserId: userId('staff.ladkrabang') });
    const act = await d.taskOf('staff.ladkrabang', reg.id, 'act');

    const sent = await d.ok('staff.ladkrabang', act.taskId, {
      action: 'propose',
      toPositionId: 'district-1011-director',
      comment: 'เรียน หัวหน้าฝ่าย เพื่อโปรดพิจารณา',
    });
    expect(sent.stage).toBe('proposed');
    expect(sent.nextTasks[0]).toMatchObject({ type: 'review', assigneeUserId: userId('head.ladkrabang') });

    const minutes: Array<[string, string, string]> = [
      ['head.ladkrabang', 'annotate', 'เรียน ผอ.เขต เห็นควรอนุมัติ'],
      ['assistant.ladkrabang', 'annotate', 'เรียน ผอ.เขต เห็นชอบตามเสนอ'],
      ['director.ladkrabang', 'approve', 'อนุมัติ ดำเนินการต่อไป'],
    ];
    for (const [username, action, comment] of minutes) {
      const review = await d.taskOf(username, reg.id, 'review');
      expect(review.type).toBe('review');
      if (username === 'director.ladkrabang') {
        // The last level of this proposal: nothing above to send it on to.
        const onward = await d.act(username, review.taskId, { action: 'annotate', comment: 'ส่งต่อ' });
        expect(onward.status).toBe(422);
      }
      await d.ok(username, review.taskId, { action, comment });
    }
    const back = await d.taskOf('staff.ladkrabang', reg.id, 'act');
    const decided = await d.doc('staff.ladkrabang', reg.id);
    expect(decided.stage).toBe('decided');
    expect(decided.minutes).toEqual([
      expect.objectContaining({
        text: 'เรียน ผอ.เขต เห็นควรอนุมัติ',
        author: { id: userId('head.ladkrabang'), displayName: expect.any(String) },
        positionTitle: 'หัวหน้าฝ่ายบริหารงานทั่วไป',
        decision: 'annotate',
      }),
      expect.objectContaining({ positionTitle: 'ผู้ช่วยผู้อำนวยการเขตลาดกระบัง', decision: 'annotate' }),
      expect.objectContaining({
        text: 'อนุมัติ ดำเนินการต่อไป',
        author: expect.objectContaining({ id: userId('director.ladkrabang') }),
        positionTitle: 'ผู้อำนวยการเขตลาดกระบัง',
        decision: 'approve',
      }),
    ]);
    expect(decided.minutes[0].atText).toMatch(/[๐-๙]/);
    const times = decided.minutes.map((m: { at: string }) => Date.parse(m.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    expect((await d.ok('staff.ladkrabang', back.taskId, { action: 'close', comment: 'ดำเนินการแล้ว' })).stage).toBe(
      'closed',
    );
    expect(await d.actions(reg.id)).toEqual([
      'document.registered',
      'task.opened',
      'task.assigned',
      'proposal.sent',
      'proposal.minuted',
      'proposal.minuted',
      'proposal.approved',
      'document.closed',
    ]);
    const described = await system.client.workflow.getHandle(reg.workflowId).describe();
    expect(described.typedSearchAttributes.get(STAGE)).toBe('closed');
    expect(described.typedSearchAttributes.get(URGENCY)).toBe('urgent');
    expect(described.typedSearchAttributes.get(UNIT)).toBe('district-1011');
    expect(described.typedSearchAttributes.get(PHASE)).toBe(4);
    if (process.env.RECORD_HISTORIES === '1' && kind === 'sqlite') {
      const history = await system.client.workflow.getHandle(reg.workflowId).fetchHistory();
      const dir = join(__dirname, '..', 'fixtures', 'histories');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'incoming-three-levels.json'), historyToJSON(history));
    }
  });

  it('returns to the proposer with a comment; the second round is approved at the first level', async () => {
    const reg = await d.register({ subject: 'ขอข้อมูลสถิติประชากรประจำปี' });
    const triage = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
    await d.ok('clerk.ladkrabang', triage.taskId, { action: 'assign', toUserId: userId('staff.ladkrabang') });
    const act = await d.taskOf('staff.ladkrabang', reg.id, 'act');
    await d.ok('staff.ladkrabang', act.taskId, { action: 'propose' });
    const review = await d.taskOf('head.ladkrabang', reg.id, 'review');

    const bare = await d.act('head.ladkrabang', review.taskId, { action: 'return' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe('INVALID_ACTION_INPUT');
    const returned = await d.ok('head.ladkrabang', review.taskId, {
      action: 'return',
      comment: 'ขอให้แนบตารางสถิติย้อนหลัง ๓ ปี',
    });
    expect(returned.stage).toBe('returned');
    expect(returned.nextTasks[0]).toMatchObject({ type: 'act', assigneeUserId: userId('staff.ladkrabang') });

    const again = await d.taskOf('staff.ladkrabang', reg.id, 'act');
    await d.ok('staff.ladkrabang', again.taskId, { action: 'propose', comment: 'แนบตารางแล้ว' });
    const second = await d.taskOf('head.ladkrabang', reg.id, 'review');
    expect(second.taskId).not.toBe(review.taskId);
    expect((await d.ok('head.ladkrabang', second.taskId, { action: 'approve' })).stage).toBe('decided');

    const doc = await d.doc('staff.ladkrabang', reg.id);
    expect(doc.minutes.map((m: { decision: string; text: string }) => [m.decision, m.text])).toEqual([
      ['return', 'ขอให้แนบตารางสถิติย้อนหลัง ๓ ปี'],
      ['approve', 'อนุมัติ'],
    ]);
    expect(doc.history.find((h: { action: string }) => h.action === 'proposal.returned').comment).toBe(
      'ขอให้แนบตารางสถิติย้อนหลัง ๓ ปี',
    );
  });

  it('rejects a stale, duplicate, foreign or wrong action before anything changes', async () => {
    const reg = await d.register({ subject: 'ทดสอบการปฏิเสธคำสั่งที่ไม่ถูกต้อง' });
    const triage = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
    for (const action of ['approve', 'sign', 'register_paper']) {
      const wrong = await d.act('clerk.ladkrabang', triage.taskId, { action });
      expect(wrong.status).toBe(422);
      expect(wrong.body.error.code).toBe('ACTION_NOT_ALLOWED');
    }
    const notClerk = await d.act('staff.ladkrabang', triage.taskId, { action: 'close' });
    expect(notClerk.status).toBe(403);
    expect(notClerk.body.error.code).toBe('NOT_TASK_HOLDER');

    const key = { 'idempotency-key': `assign-${reg.id}` };
    const body = { action: 'assign', toUserId: userId('staff.ladkrabang') };
    const first = await d.act('clerk.ladkrabang', triage.taskId, body, key);
    const replay = await d.act('clerk.ladkrabang', triage.taskId, body, key);
    expect(first.status).toBe(200);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    const duplicate = await d.act('clerk.ladkrabang', triage.taskId, body);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('TASK_NOT_OPEN');

    const act = await d.taskOf('staff.ladkrabang', reg.id, 'act');
    const colleague = await d.act('staff.civil.ladkrabang', act.taskId, { action: 'close' });
    expect(colleague.status).toBe(403);
    const otherUnit = await d.act('clerk.central', act.taskId, { action: 'close' });
    expect(otherUnit.status).toBe(404);
    const offChain = await d.act('staff.ladkrabang', act.taskId, {
      action: 'propose',
      toPositionId: 'dept-01-director',
    });
    expect(offChain.status).toBe(422);
    expect(offChain.body.error.code).toBe('NOT_ON_CHAIN');
    const toSelf = await d.act('staff.ladkrabang', act.taskId, {
      action: 'assign',
      toUserId: userId('staff.ladkrabang'),
    });
    expect(toSelf.status).toBe(422);
    const stale = await d.act('clerk.ladkrabang', triage.taskId, { action: 'close' });
    expect(stale.status).toBe(409);

    expect(await d.actions(reg.id)).toEqual(['document.registered', 'task.opened', 'task.assigned']);
    const open = (await d.taskRows(reg.id)).filter((t) => t.status === 'open');
    expect(open.map((t) => t.id)).toEqual([act.taskId]);
  });

  it('lets a supervisor of the unit reassign a task, and no one else', async () => {
    const reg = await d.register({ subject: 'ทดสอบการโอนงานโดยผู้บังคับบัญชา' });
    const triage = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
    await d.ok('clerk.ladkrabang', triage.taskId, { action: 'assign', toUserId: userId('staff.ladkrabang') });
    const act = await d.taskOf('staff.ladkrabang', reg.id, 'act');
    const reassign = async (username: string, toUsername: string, taskId = act.taskId) =>
      d.api.post(
        `/api/tasks/${taskId}/reassign`,
        { toUserId: userId(toUsername), comment: 'ผู้รับผิดชอบเดิมลาราชการ' },
        await d.tokenOf(username),
      );

    expect((await reassign('staff.civil.ladkrabang', 'staff.civil.ladkrabang')).status).toBe(403);
    expect((await reassign('head.civil.ladkrabang', 'staff.civil.ladkrabang')).status).toBe(403);
    const outside = await reassign('director.ladkrabang', 'clerk.central');
    expect(outside.status).toBe(400);
    expect(outside.body.error.code).toBe('INVALID_ASSIGNEE');
    const same = await reassign('director.ladkrabang', 'staff.ladkrabang');
    expect(same.status).toBe(422);

    const moved = await reassign('director.ladkrabang', 'staff.civil.ladkrabang');
    expect(moved.status).toBe(200);
    expect(moved.body.nextTasks[0]).toMatchObject({ type: 'act', assigneeUserId: userId('staff.civil.ladkrabang') });
    expect((await reassign('director.ladkrabang', 'staff.civil.ladkrabang')).status).toBe(409);
    expect((await d.act('staff.ladkrabang', act.taskId, { action: 'close' })).status).toBe(409);

    const now = await d.taskOf('staff.civil.ladkrabang', reg.id, 'act');
    const back = await reassign('head.ladkrabang', 'staff.ladkrabang', now.taskId);
    expect(back.status).toBe(403); // the head of the admin section does not supervise the civil section
    await d.ok('staff.civil.ladkrabang', now.taskId, { action: 'close' });
    const doc = await d.doc('director.ladkrabang', reg.id);
    expect(doc.history.find((h: { action: string }) => h.action === 'task.reassigned')).toMatchObject({
      actor: { id: userId('director.ladkrabang') },
      comment: 'ผู้รับผิดชอบเดิมลาราชการ',
      details: { from: userId('staff.ladkrabang'), to: { id: userId('staff.civil.ladkrabang') } },
    });
  });

  it('keeps a top-secret document in its own register, never routed, its content never stored', async () => {
    const reg = await d.register({ subject: 'เรื่องลับที่สุด', secrecy: 'top_secret', note: 'ข้อความลับ' });
    expect(reg).toMatchObject({ medium: 'paper', paperReasonCode: 'top_secret' });
    const [row] = await system.ds.query('SELECT stage, note, paper_reason_code FROM documents WHERE id = ?', [reg.id]);
    expect(row).toMatchObject({ stage: 'paper', note: null, paper_reason_code: 'top_secret' });
    const [entry] = await system.ds.query('SELECT register FROM register_entries WHERE document_id = ?', [reg.id]);
    expect(entry.register).toBe('secret_receipt');
    expect(await d.taskRows(reg.id)).toEqual([]);
    expect(await d.actions(reg.id)).toEqual(['document.registered', 'document.paper_only']);
  });

  it('records a proposal as gone on paper on a day of phase 2, with the policy’s reason on the document', async () => {
    const date = '2024-01-15';
    const decision = await d.api.get(
      `/api/rollout/decision?capability=propose&unitId=district-1011&date=${date}`,
      await d.tokenOf('staff.ladkrabang'),
    );
    expect(decision.body).toMatchObject({ medium: 'paper', phase: 2, reason: { code: 'not_yet' } });

    const reg = await d.register({ subject: 'หนังสือรับช่วงระยะที่ ๒', receivedAt: `${date}T03:00:00.000Z` });
    expect(reg.medium).toBe('electronic'); // receiving is electronic from phase 2
    expect(reg.receipt.year).toBe(2567);
    const triage = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
    await d.ok('clerk.ladkrabang', triage.taskId, { action: 'assign', toUserId: userId('staff.ladkrabang') });
    const act = await d.taskOf('staff.ladkrabang', reg.id, 'act');
    const onPaper = await d.ok('staff.ladkrabang', act.taskId, { action: 'propose' });
    expect(onPaper.stage).toBe('proposed_on_paper');
    expect(onPaper.nextTasks[0]).toMatchObject({ type: 'act', assigneeUserId: userId('staff.ladkrabang') });

    const doc = await d.doc('staff.ladkrabang', reg.id);
    expect(doc).toMatchObject({ paperReasonCode: 'not_yet', paperReason: decision.body.reason.th });
    expect(doc.history.at(-1)).toMatchObject({
      action: 'proposal.on_paper',
      details: { capability: 'propose', reasonCode: 'not_yet', phase: 2 },
    });
    await d.ok('staff.ladkrabang', onPaper.nextTasks[0].taskId, { action: 'close' });

    // Between units is phase 3 too: a forward on that day goes on paper, and no new life starts.
    const other = await d.register({ subject: 'ส่งต่อช่วงระยะที่ ๒', receivedAt: `${date}T04:00:00.000Z` });
    const otherTriage = await d.taskOf('clerk.ladkrabang', other.id, 'triage');
    const forwarded = await d.ok('clerk.ladkrabang', otherTriage.taskId, { action: 'forward', toUnitId: 'dept-01' });
    expect(forwarded).toMatchObject({ stage: 'forwarded', nextTasks: [] });
    expect(forwarded.forwarded).toBeUndefined();
    expect(await d.actions(other.id)).toContain('document.forwarded_on_paper');
  });

  it('sends to the district levels electronically in phase 3 but to an executive on paper (executive is phase 4)', async () => {
    const date = '2024-02-15';
    const expected = decide({
      capability: 'executive',
      unitId: 'district-1011',
      date,
      secrecy: 'none',
      category: 'general',
      kind: 'memo',
    });
    expect(expected).toMatchObject({ medium: 'paper', phase: 3 });
    const reg = await d.register({ subject: 'หนังสือรับช่วงระยะที่ ๓', receivedAt: `${date}T03:00:00.000Z` });
    const triage = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
    await d.ok('clerk.ladkrabang', triage.taskId, { action: 'assign', toUserId: userId('director.ladkrabang') });
    const act = await d.taskOf('director.ladkrabang', reg.id, 'act');
    const sent = await d.ok('director.ladkrabang', act.taskId, { action: 'propose', toPositionId: 'deputy-permsec-3' });
    expect(sent.stage).toBe('proposed_on_paper');
    const doc = await d.doc('director.ladkrabang', reg.id);
    expect(doc.paperReason).toBe(expected.reason!.th);
    expect((await d.taskRows(reg.id)).some((t) => t.type === 'register_paper')).toBe(false);
  });

  it('writes the minute of an acting official under the acting title', async () => {
    // 1-10 Apr 2024: the assistant director acts as director (รักษาราชการแทน); one person, one decision.
    const reg = await d.register({ subject: 'หนังสือช่วงผู้อำนวยการเขตลา', receivedAt: '2024-04-05T03:00:00.000Z' });
    const triage = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
    await d.ok('clerk.ladkrabang', triage.taskId, { action: 'assign', toUserId: userId('staff.ladkrabang') });
    const act = await d.taskOf('staff.ladkrabang', reg.id, 'act');
    await d.ok('staff.ladkrabang', act.taskId, { action: 'propose', toPositionId: 'district-1011-director' });
    await d.ok('head.ladkrabang', (await d.taskOf('head.ladkrabang', reg.id, 'review')).taskId, {
      action: 'annotate',
      comment: 'เห็นควรอนุมัติ',
    });
    const review = await d.taskOf('assistant.ladkrabang', reg.id, 'review');
    await d.ok('assistant.ladkrabang', review.taskId, { action: 'approve', comment: 'อนุมัติ' });
    const doc = await d.doc('staff.ladkrabang', reg.id);
    expect(doc.minutes.map((m: { positionTitle: string }) => m.positionTitle)).toEqual([
      'หัวหน้าฝ่ายบริหารงานทั่วไป',
      'ผู้ช่วยผู้อำนวยการเขตลาดกระบัง รักษาราชการแทน ผู้อำนวยการเขตลาดกระบัง',
    ]);
    const sentOn = doc.history.find((h: { action: string }) => h.action === 'proposal.minuted');
    expect(sentOn.details).toMatchObject({ toPositionId: 'district-1011-director', acting: 'รักษาราชการแทน' });
  });

  it('continues as new in the middle of its life and carries every task and the proposal over', async () => {
    const documentId = randomUUID();
    const input: IncomingInput = {
      documentId,
      unitId: 'district-1011',
      registeredBy: {
        userId: userId('clerk.ladkrabang'),
        displayName: 'ธุรการ',
        roles: ['clerk'],
        unitId: 'district-1011',
      },
      receivedAt: new Date().toISOString(),
      fields: {
        subject: 'ทดสอบต่ออายุประวัติ',
        kind: 'memo',
        urgency: 'normal',
        secrecy: 'none',
        category: 'general',
        senderName: 'สำนักงานเขตบางกะปิ',
      },
      continueAsNewAfterSteps: 1,
    };
    const handle = await system.client.workflow.start('incomingDocument', {
      workflowId: incomingWorkflowId(documentId),
      taskQueue: system.env.TEMPORAL_TASK_QUEUE,
      args: [input],
    });
    const registration = await handle.executeUpdate(registrationUpdate);
    expect(registration.receipt.number).toBeGreaterThan(0);
    const triage = await d.taskOf('clerk.ladkrabang', documentId, 'triage');
    await d.ok('clerk.ladkrabang', triage.taskId, { action: 'assign', toUserId: userId('staff.ladkrabang') });
    const act = await d.taskOf('staff.ladkrabang', documentId, 'act');
    await d.ok('staff.ladkrabang', act.taskId, { action: 'propose' });
    const review = await d.taskOf('head.ladkrabang', documentId, 'review');
    await d.ok('head.ladkrabang', review.taskId, { action: 'approve', comment: 'อนุมัติ' });
    const back = await d.taskOf('staff.ladkrabang', documentId, 'act');
    await d.ok('staff.ladkrabang', back.taskId, { action: 'close' });
    const latest = system.client.workflow.getHandle(incomingWorkflowId(documentId));
    await expect(latest.result()).resolves.toEqual({ stage: 'closed' });
    expect((await latest.describe()).runId).not.toBe(handle.firstExecutionRunId);
    expect(await d.actions(documentId)).toEqual([
      'document.registered',
      'task.opened',
      'task.assigned',
      'proposal.sent',
      'proposal.approved',
      'document.closed',
    ]);
  });

  describe('paper follow-up', () => {
    const registrar = paperRegistrarFor('deputy-permsec-3', org)!.username;

    async function proposeToDeputy(category: string) {
      const reg = await d.register({ subject: `เสนอรองปลัดกรุงเทพมหานคร (${category})`, category });
      const triage = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
      await d.ok('clerk.ladkrabang', triage.taskId, { action: 'assign', toUserId: userId('director.ladkrabang') });
      const act = await d.taskOf('director.ladkrabang', reg.id, 'act');
      const sent = await d.ok('director.ladkrabang', act.taskId, {
        action: 'propose',
        toPositionId: 'deputy-permsec-3',
      });
      expect(sent).toMatchObject({ stage: 'proposed', nextTasks: [{ assigneeUserId: userId('deputy.permsec3') }] });
      return reg;
    }

    it('gives the executive’s clerk a register_paper task, done by an Update, beside the electronic proposal', async () => {
      const reg = await proposeToDeputy('general');
      const paper = await d.taskOf(registrar, reg.id, 'register_paper');
      expect((await d.act('clerk.ladkrabang', paper.taskId, { action: 'register_paper' })).status).toBe(404);
      const wrong = await d.act(registrar, paper.taskId, { action: 'close' });
      expect(wrong.status).toBe(422);

      const done = await d.ok(registrar, paper.taskId, { action: 'register_paper' });
      expect(done.stage).toBe('paper_registered');
      expect((await d.act(registrar, paper.taskId, { action: 'register_paper' })).status).toBe(409);
      const doc = await d.doc('director.ladkrabang', reg.id);
      const registered = doc.history.find((h: { action: string }) => h.action === 'paper.registered');
      expect(registered).toMatchObject({
        actor: { id: userId(registrar) },
        details: { register: 'receipt', executive: 'รองปลัดกรุงเทพมหานคร', number: expect.any(Number) },
      });
      const rows = await system.ds.query(
        "SELECT unit_id, method FROM register_entries WHERE document_id = ? AND method = 'paper'",
        [reg.id],
      );
      expect(rows).toHaveLength(1);

      // The executive's own review went on electronically meanwhile, and decides as usual.
      const review = await d.taskOf('deputy.permsec3', reg.id, 'review');
      await d.ok('deputy.permsec3', review.taskId, { action: 'approve', comment: 'ทราบ อนุมัติ' });
      expect((await d.doc('director.ladkrabang', reg.id)).stage).toBe('decided');
    });

    it('closes the clerk’s task when the paper-arrived signal comes instead', async () => {
      const reg = await proposeToDeputy('procurement');
      await d.taskOf(registrar, reg.id, 'register_paper');
      const child = system.client.workflow.getHandle(paperFollowUpWorkflowId(reg.id, 'deputy-permsec-3', 1));
      await child.signal(paperArrivedSignal, { note: 'ได้รับต้นฉบับทางไปรษณีย์' });
      await expect(child.result()).resolves.toMatchObject({ outcome: 'paper_arrived' });
      const rows = await d.taskRows(reg.id);
      expect(rows.find((t) => t.type === 'register_paper')).toMatchObject({ status: 'done', outcome: 'paper_arrived' });
      expect(await d.actions(reg.id)).toEqual(expect.arrayContaining(['paper.requested', 'paper.arrived']));
    });

    it('opens no paper task for an invitation', async () => {
      const reg = await proposeToDeputy('invitation');
      const state = await system.client.workflow.getHandle(reg.workflowId).query(stateQuery);
      expect(state.paperFollowUps).toBeUndefined();
      const withPaper = await proposeToDeputy('general');
      await eventually(
        async () =>
          (await system.client.workflow.getHandle(withPaper.workflowId).query(stateQuery)).paperFollowUps?.length,
      );
      expect((await d.taskRows(reg.id)).map((t) => t.type)).toEqual(['triage', 'act', 'review']);
      expect(await d.actions(reg.id)).not.toContain('paper.requested');
    });
  });
});
