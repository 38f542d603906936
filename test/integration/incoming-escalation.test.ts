import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { paperRegistrarFor, type OrgSnapshot } from '../../domain';
import demo from '../../seed/demo-org.json';
import { testDatabaseKinds } from '../support/databases';
import { startTestSystem, type TestSystem } from '../support/system';
import { eventually, incomingDriver, userId } from './incoming-helpers';

/**
 * The escalation ladder in seconds: every task is due 2 s after it opens; the holder is reminded 1 s later, the task
 * is flagged overdue for the supervisor at +3 s and moved to the superior at +9 s (wall clock, not working time).
 */
const FAST = {
  TASK_DUE_SECONDS: '2',
  ESCALATION_REMIND_AFTER_SECONDS: '1',
  ESCALATION_FLAG_AFTER_SECONDS: '3',
  ESCALATION_MOVE_AFTER_SECONDS: '9',
  ESCALATION_WORKING_TIME: 'false',
};

describe.each(testDatabaseKinds())('deadlines and escalation on %s', (kind) => {
  let system: TestSystem;
  let d: ReturnType<typeof incomingDriver>;

  beforeAll(async () => {
    system = await startTestSystem(kind, { env: FAST });
    d = incomingDriver(system);
  });
  afterAll(async () => {
    await system?.stop();
  });

  const row = async (taskId: string) =>
    ((await system.ds.query('SELECT * FROM tasks WHERE id = ?', [taskId])) as Array<Record<string, any>>)[0];

  it('reminds the holder, flags the task for the supervisor, then moves it to the superior, each step audited', async () => {
    const reg = await d.register({ subject: 'ทดสอบการเร่งรัดงานค้าง', urgency: 'most_urgent' });
    const triage = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
    await d.ok('clerk.ladkrabang', triage.taskId, { action: 'assign', toUserId: userId('staff.ladkrabang') });
    const act = await d.taskOf('staff.ladkrabang', reg.id, 'act');
    expect(Date.parse(act.dueAt) - Date.parse(act.createdAt)).toBeLessThanOrEqual(2_100);

    const early = await d.api.get('/api/supervisor/overdue?status=all&limit=200', await d.tokenOf('head.ladkrabang'));
    const listed = early.body.items.find((t: any) => t.taskId === act.taskId);
    expect(listed.overdue || listed.dueSoon).toBe(true);
    const page = await d.api.get('/api/supervisor/overdue?limit=1', await d.tokenOf('director.ladkrabang'));
    expect(page.body.items).toHaveLength(1);
    if (page.body.total > 1) {
      const next = await d.api.get(
        `/api/supervisor/overdue?limit=1&cursor=${page.body.nextCursor}`,
        await d.tokenOf('director.ladkrabang'),
      );
      expect(next.body.items[0].taskId).not.toBe(page.body.items[0].taskId);
    }

    await eventually(async () => Number((await row(act.taskId)).escalation_level) >= 1);
    const supervisorList = async (username: string) =>
      d.api.get('/api/supervisor/overdue?status=overdue', await d.tokenOf(username));
    const flagged = await eventually(async () => {
      const list = await supervisorList('head.ladkrabang');
      return list.body.items?.find((t: any) => t.taskId === act.taskId && t.escalationLevel === 2);
    });
    expect(flagged).toMatchObject({
      documentId: reg.id,
      type: 'act',
      overdue: true,
      holder: { id: userId('staff.ladkrabang'), positionTitle: 'เจ้าหน้าที่ฝ่ายบริหารงานทั่วไป' },
    });
    expect(flagged.ageSeconds).toBeGreaterThanOrEqual(3);
    expect(flagged.overdueSeconds).toBeGreaterThanOrEqual(3);
    expect((await supervisorList('staff.ladkrabang')).status).toBe(403);
    const civil = await supervisorList('head.civil.ladkrabang');
    expect(civil.body.items.some((t: any) => t.taskId === act.taskId)).toBe(false);
    const director = await supervisorList('director.ladkrabang');
    expect(director.body.items.some((t: any) => t.taskId === act.taskId)).toBe(true);

    const moved = await d.taskOf('head.ladkrabang', reg.id, 'act', 30_000);
    expect(await row(act.taskId)).toMatchObject({ status: 'done', outcome: 'escalated' });
    expect(Number((await row(act.taskId)).escalation_level)).toBe(3);
    const doc = await d.doc('head.ladkrabang', reg.id);
    const ladder = doc.history.filter((h: any) => h.details.taskId === act.taskId).map((h: any) => h.action);
    expect(ladder).toEqual(['task.reminded', 'task.flagged_overdue', 'task.escalated']);
    const escalated = doc.history.find((h: any) => h.action === 'task.escalated' && h.details.taskId === act.taskId);
    expect(escalated).toMatchObject({
      actor: null,
      details: { reason: 'superior', to: { id: userId('head.ladkrabang') } },
    });
    const flag = doc.history.find((h: any) => h.action === 'task.flagged_overdue' && h.details.taskId === act.taskId);
    expect(flag.details.supervisor).toMatchObject({ id: userId('head.ladkrabang') });

    await d.ok('head.ladkrabang', moved.taskId, { action: 'close', comment: 'ดำเนินการแทนแล้ว' });
    expect((await d.doc('head.ladkrabang', reg.id)).stage).toBe('closed');
    if (process.env.RECORD_HISTORIES === '1' && kind === 'sqlite') {
      const history = await system.client.workflow.getHandle(reg.workflowId).fetchHistory();
      const dir = join(__dirname, '..', 'fixtures', 'histories');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'incoming-escalated.json'), historyToJSON(history));
    }
  });

  it('moves an overdue task to the official acting in the holder’s post on that day', async () => {
    // 1-10 Apr 2024: the assistant director acts as director of Lat Krabang (รักษาราชการแทน).
    const reg = await d.register({ subject: 'ทดสอบเร่งรัดช่วงผู้อำนวยการลา', receivedAt: '2024-04-05T03:00:00.000Z' });
    const triage = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
    await d.ok('clerk.ladkrabang', triage.taskId, { action: 'assign', toUserId: userId('director.ladkrabang') });
    const act = await d.taskOf('director.ladkrabang', reg.id, 'act');
    const moved = await d.taskOf('assistant.ladkrabang', reg.id, 'act', 30_000);
    const doc = await d.doc('assistant.ladkrabang', reg.id);
    const escalated = doc.history.find((h: any) => h.action === 'task.escalated' && h.details.taskId === act.taskId);
    expect(escalated.details).toMatchObject({ reason: 'acting', to: { id: userId('assistant.ladkrabang') } });
    const flag = doc.history.find((h: any) => h.action === 'task.flagged_overdue' && h.details.taskId === act.taskId);
    expect(flag.details.supervisor).toMatchObject({ id: userId('deputy.permsec3') });
    await d.ok('assistant.ladkrabang', moved.taskId, { action: 'close' });
  });

  it('reminds the executive’s clerk about the paper original until it is registered', async () => {
    const registrar = paperRegistrarFor('deputy-permsec-3', demo as unknown as OrgSnapshot)!.username;
    const reg = await d.register({ subject: 'ทดสอบเร่งรัดการลงรับต้นฉบับ' });
    const triage = await d.taskOf('clerk.ladkrabang', reg.id, 'triage');
    await d.ok('clerk.ladkrabang', triage.taskId, { action: 'assign', toUserId: userId('director.ladkrabang') });
    const act = await d.taskOf('director.ladkrabang', reg.id, 'act');
    await d.ok('director.ladkrabang', act.taskId, { action: 'propose', toPositionId: 'deputy-permsec-3' });
    const paper = await d.taskOf(registrar, reg.id, 'register_paper');
    await eventually(async () => Number((await row(paper.taskId)).escalation_level) >= 1);
    const overdue = await d.api.get('/api/supervisor/overdue', await d.tokenOf('deputy.permsec3'));
    expect(overdue.status).toBe(200);
    await d.ok(registrar, paper.taskId, { action: 'register_paper' });
    expect(await d.actions(reg.id)).toEqual(
      expect.arrayContaining(['paper.requested', 'task.reminded', 'paper.registered']),
    );
  });
});
