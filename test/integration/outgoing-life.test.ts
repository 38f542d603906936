import { createOutgoingActivities } from '../../activities/outgoing';
import { createOutgoingDispatchActivities } from '../../activities/outgoing-dispatch';
import { seededUserId } from '../../db/seed';
import { apiClient } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { act, buildOutgoing, recordHistory, startSmtpSink, taskOf, waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';

type Row = Record<string, unknown>;

describe.each(testDatabaseKinds())('the outgoing life on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  const tokens: Record<string, string> = {};
  const as = (username: string) => tokens[username];
  const query = (sql: string, params: unknown[] = []) => system.ds.query(sql, params) as Promise<Row[]>;

  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    system = await startTestSystem(kind, { env: { SMTP_URL: smtp.url } });
    api = apiClient(system.baseUrl);
    for (const u of [
      'staff.ladkrabang',
      'head.ladkrabang',
      'assistant.ladkrabang',
      'director.ladkrabang',
      'clerk.ladkrabang',
      'clerk.phranakhon',
      'clerk.central',
      'staff.civil.ladkrabang',
      'head.civil.ladkrabang',
      'staff.central',
      'head.central',
    ])
      tokens[u] = await api.login(u);
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  /** Creates a draft as staff.ladkrabang and submits it to `toPositionId` (default: up to the director). */
  async function draftAndSubmit(body: Record<string, unknown>, toPositionId?: string) {
    const created = await api.post('/api/documents', body, as('staff.ladkrabang'));
    expect(created.status).toBe(201);
    const submitted = await api.post(
      `/api/documents/${created.body.id}/submit`,
      toPositionId ? { toPositionId } : {},
      as('staff.ladkrabang'),
    );
    expect(submitted.status).toBe(200);
    return created.body.id as string;
  }

  /** Signs as head.ladkrabang a document submitted to the head's own position. */
  async function signedByHead(body: Record<string, unknown>) {
    const id = await draftAndSubmit(body, 'district-1011-admin-head');
    const sign = await taskOf(api, as('head.ladkrabang'), id, 'sign');
    const signed = await act(api, as('head.ladkrabang'), sign.taskId, 'sign');
    expect(signed.status).toBe(200);
    expect(signed.body.stage).toBe('numbered');
    return id;
  }

  describe('POST /api/documents → review → return → revise → sign → send', () => {
    it('takes a memo through every step and delivers it to another district with its own receipt number', async () => {
      const created = await api.post('/api/documents', buildOutgoing(), as('staff.ladkrabang'));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ stage: 'draft', medium: 'electronic', version: 1 });
      expect(created.body.workflowId).toBe(`out-${created.body.id}`);
      const id = created.body.id as string;

      const revised = await api.request('PUT', `/api/documents/${id}`, {
        token: as('staff.ladkrabang'),
        body: buildOutgoing({ subject: 'ขอความร่วมมือจัดเจ้าหน้าที่ร่วมตรวจสอบพื้นที่ (แก้ไข)' }),
      });
      expect(revised.status).toBe(200);
      expect(revised.body).toMatchObject({ version: 2, stage: 'draft' });

      const notAuthor = await api.post(`/api/documents/${id}/submit`, {}, as('head.ladkrabang'));
      expect(notAuthor.status).toBe(403);
      expect(notAuthor.body.error.code).toBe('NOT_AUTHOR');

      const submitted = await api.post(`/api/documents/${id}/submit`, {}, as('staff.ladkrabang'));
      expect(submitted.status).toBe(200);
      expect(submitted.body.stage).toBe('review');
      const twice = await api.post(`/api/documents/${id}/submit`, {}, as('staff.ladkrabang'));
      expect(twice.status).toBe(409);
      const tooLate = await api.request('PUT', `/api/documents/${id}`, {
        token: as('staff.ladkrabang'),
        body: buildOutgoing(),
      });
      expect(tooLate.status).toBe(409);

      const review1 = await taskOf(api, as('head.ladkrabang'), id, 'review');
      const foreign = await act(api, as('staff.civil.ladkrabang'), review1.taskId, 'approve');
      expect(foreign.status).toBe(403);
      expect(foreign.body.error.code).toBe('NOT_TASK_HOLDER');
      const otherUnit = await act(api, as('clerk.central'), review1.taskId, 'approve');
      expect(otherUnit.status).toBe(404);
      const wrongAction = await act(api, as('head.ladkrabang'), review1.taskId, 'sign');
      expect(wrongAction.status).toBe(422);
      expect((await act(api, as('head.ladkrabang'), review1.taskId, 'approve')).status).toBe(200);
      expect((await act(api, as('head.ladkrabang'), review1.taskId, 'approve')).status).toBe(409);

      const review2 = await taskOf(api, as('assistant.ladkrabang'), id, 'review');
      const bare = await act(api, as('assistant.ladkrabang'), review2.taskId, 'return');
      expect(bare.status).toBe(400);
      const returned = await act(api, as('assistant.ladkrabang'), review2.taskId, 'return', {
        comment: 'โปรดระบุวันที่ตรวจสอบ',
      });
      expect(returned.status).toBe(200);
      expect(returned.body.stage).toBe('returned');

      const third = await api.request('PUT', `/api/documents/${id}`, {
        token: as('staff.ladkrabang'),
        body: buildOutgoing({ body: { recipient: 'เรียน ผู้อำนวยการเขตพระนคร', body: 'ตรวจสอบวันที่ ๑ ธันวาคม' } }),
      });
      expect(third.body.version).toBe(3);
      const draftTask = await taskOf(api, as('staff.ladkrabang'), id, 'draft');
      const resubmitted = await act(api, as('staff.ladkrabang'), draftTask.taskId, 'propose');
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body.stage).toBe('review');

      for (const reviewer of ['head.ladkrabang', 'assistant.ladkrabang']) {
        const t = await taskOf(api, as(reviewer), id, 'review');
        expect((await act(api, as(reviewer), t.taskId, 'approve', { comment: 'เห็นควรลงนาม' })).status).toBe(200);
      }
      const sign = await taskOf(api, as('director.ladkrabang'), id, 'sign');
      const signed = await act(api, as('director.ladkrabang'), sign.taskId, 'sign');
      expect(signed.status).toBe(200);
      expect(signed.body.stage).toBe('numbered');

      const numbered = await api.get(`/api/documents/${id}`, as('staff.ladkrabang'));
      expect(numbered.body.number.code).toMatch(/^กท 9511\/\d+$/);
      expect(numbered.body.number.text).toMatch(/^กท ๙๕๑๑\/[๐-๙]+$/);
      expect(numbered.body.signature.lines).toEqual(['(นายสุดา แก้วประเสริฐ)', 'ผู้อำนวยการเขตลาดกระบัง']);
      expect(numbered.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
      const v1 = await api.get(`/api/documents/${id}/versions/1`, as('staff.ladkrabang'));
      expect(v1.body.subject).toBe(buildOutgoing().subject);

      const dispatch = await taskOf(api, as('clerk.ladkrabang'), id, 'dispatch');
      const sent = await act(api, as('clerk.ladkrabang'), dispatch.taskId, 'send');
      expect(sent.status).toBe(200);
      const delivered = await waitFor(
        () => api.get(`/api/documents/${id}`, as('staff.ladkrabang')),
        (res) => res.body.stage === 'sent' && res.body.recipients?.[0]?.receipt !== undefined,
      );
      const recipient = delivered.body.recipients[0];
      expect(recipient).toMatchObject({ unitId: 'district-1001', method: 'electronic', status: 'delivered' });

      const arrived = await api.get(`/api/documents/${recipient.incomingDocumentId}`, as('clerk.phranakhon'));
      expect(arrived.status).toBe(200);
      expect(arrived.body).toMatchObject({
        direction: 'incoming',
        unit: { id: 'district-1001' },
        sender: { name: 'สำนักงานเขตลาดกระบัง', number: numbered.body.number.code },
        receipt: { number: recipient.receipt.number },
      });
      const [row] = await query('SELECT method, to_text, cancelled FROM register_entries WHERE document_id = ?', [id]);
      expect(row).toMatchObject({ method: 'electronic', to_text: 'สำนักงานเขตพระนคร' });
      const actions = delivered.body.history.map((h: { action: string }) => h.action) as string[];
      // The final letter: signed when the signer has a key (SIGNING_P12_DIR), else rendered.
      const letter = actions.slice(actions.indexOf('document.numbered') + 1, actions.indexOf('document.dispatched'));
      expect(letter).toHaveLength(1);
      expect(['document.pdf_signed', 'document.pdf_rendered']).toContain(letter[0]);
      expect(delivered.body.hasFile).toBe(true);
      expect(arrived.body.hasFile).toBe(true);
      expect(actions.filter((a) => a !== letter[0])).toEqual([
        'document.drafted',
        'document.revised',
        'document.submitted',
        'document.approved',
        'document.returned',
        'document.revised',
        'document.submitted',
        'document.approved',
        'document.approved',
        'document.signed',
        'document.numbered',
        'document.dispatched',
        'document.sent',
      ]);
      await recordHistory(system.client, created.body.workflowId, 'outgoing-returned-letter-sent', kind);
    });
  });

  describe('an acting official signs', () => {
    it('prints รักษาราชการแทน when the assistant director acts for the director that day', async () => {
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      await query(
        `INSERT INTO acting_appointments (position_id, acting_user_id, kind, matters, valid_from, valid_to, note)
         VALUES ('district-1011-director', ?, 'รักษาราชการแทน', NULL, ?, ?, 'test')`,
        [seededUserId('assistant.ladkrabang'), today, today],
      );
      try {
        const id = await draftAndSubmit(buildOutgoing({ subject: 'ลงนามโดยผู้รักษาราชการแทน' }));
        const review = await taskOf(api, as('head.ladkrabang'), id, 'review');
        expect((await act(api, as('head.ladkrabang'), review.taskId, 'approve')).status).toBe(200);
        // The assistant's own review step and the director's post are one person that day: one decision.
        const sign = await taskOf(api, as('assistant.ladkrabang'), id, 'sign');
        expect((await act(api, as('assistant.ladkrabang'), sign.taskId, 'sign')).status).toBe(200);
        const doc = await api.get(`/api/documents/${id}`, as('staff.ladkrabang'));
        expect(doc.body.signature.lines).toEqual([
          '(นางสาวสุดา บุญมา)',
          'ผู้ช่วยผู้อำนวยการเขตลาดกระบัง รักษาราชการแทน',
          'ผู้อำนวยการเขตลาดกระบัง',
        ]);
        expect(doc.body.signature.actingFor).toMatchObject({ kind: 'รักษาราชการแทน' });
      } finally {
        await query("DELETE FROM acting_appointments WHERE note = 'test'");
      }
    });
  });

  describe('a letter to a body outside the BMA', () => {
    const external = (subject: string) =>
      buildOutgoing({
        kind: 'external',
        subject,
        to: [{ name: 'สำนักงานพัฒนารัฐบาลดิจิทัล', email: 'saraban@dga.example' }],
        body: { recipient: 'เรียน ผู้อำนวยการสำนักงานพัฒนารัฐบาลดิจิทัล', body: 'ขอเชิญประชุม' },
      });

    it("goes out through the unit's central e-mail, recorded in the outbox and the dispatch register", async () => {
      const created = await api.post('/api/documents', external('ขอเชิญร่วมประชุม'), as('staff.central'));
      const id = created.body.id as string;
      await api.post(`/api/documents/${id}/submit`, { toPositionId: 'secretariat-central-head' }, as('staff.central'));
      const sign = await taskOf(api, as('head.central'), id, 'sign');
      expect((await act(api, as('head.central'), sign.taskId, 'sign')).status).toBe(200);
      const dispatch = await taskOf(api, as('clerk.central'), id, 'dispatch');
      expect((await act(api, as('clerk.central'), dispatch.taskId, 'send')).status).toBe(200);
      const doc = await waitFor(
        () => api.get(`/api/documents/${id}`, as('staff.central')),
        (res) => res.body.stage === 'sent',
      );
      expect(doc.body.recipients[0]).toMatchObject({ type: 'external', method: 'email', status: 'delivered' });
      const [outbox] = await query('SELECT * FROM outbox WHERE document_id = ?', [id]);
      expect(outbox).toMatchObject({
        status: 'sent',
        to_email: 'saraban@dga.example',
        from_address: 'saraban@demo.bangkok.example',
      });
      const mail = smtp.received.find((m) => m.headers.get('x-saraban-document') === id);
      expect(mail?.subject).toContain('ขอเชิญร่วมประชุม');
      expect(mail?.attachments[0].contentType).toBe('application/pdf');
      const [row] = await query('SELECT method FROM register_entries WHERE document_id = ?', [id]);
      expect(row.method).toBe('email');
      await recordHistory(system.client, `out-${id}`, 'outgoing-central-email', kind);
    });

    it('keeps the letter in the outbox, and says why, when the unit has no central e-mail address', async () => {
      const id = await signedByHead(external('ขอเชิญร่วมประชุม (เขต)'));
      const dispatch = await taskOf(api, as('clerk.ladkrabang'), id, 'dispatch');
      expect((await act(api, as('clerk.ladkrabang'), dispatch.taskId, 'send')).status).toBe(200);
      const doc = await waitFor(
        () => api.get(`/api/documents/${id}`, as('staff.ladkrabang')),
        (res) => res.body.stage === 'sent',
      );
      expect(doc.body.recipients[0]).toMatchObject({ type: 'external', method: 'email', status: 'queued' });
      const unsent = doc.body.history.find((h: { action: string }) => h.action === 'delivery.email_not_sent');
      expect(unsent.details.unsent[0]).toMatchObject({ reason: 'NO_CENTRAL_EMAIL' });
      const outbox = await query('SELECT status FROM outbox WHERE document_id = ?', [id]);
      expect(outbox).toEqual([{ status: 'pending' }]);
    });
  });

  describe('withdraw and cancel', () => {
    it('lets the author withdraw before signing, and closes the open review', async () => {
      const id = await draftAndSubmit(buildOutgoing({ subject: 'เรื่องที่จะถอน' }));
      const review = await taskOf(api, as('head.ladkrabang'), id, 'review');
      const stranger = await api.post(`/api/documents/${id}/withdraw`, {}, as('head.ladkrabang'));
      expect(stranger.status).toBe(403);
      const withdrawn = await api.post(
        `/api/documents/${id}/withdraw`,
        { comment: 'ไม่ประสงค์ดำเนินการ' },
        as('staff.ladkrabang'),
      );
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.stage).toBe('withdrawn');
      expect((await act(api, as('head.ladkrabang'), review.taskId, 'approve')).status).toBe(409);
      expect((await api.post(`/api/documents/${id}/withdraw`, {}, as('staff.ladkrabang'))).status).toBe(409);
      const [task] = await query('SELECT status FROM tasks WHERE id = ?', [review.taskId]);
      expect(task.status).toBe('cancelled');
      await recordHistory(system.client, `out-${id}`, 'outgoing-withdrawn', kind);
    });

    it('cancels a numbered document: the number stays in the register marked ยกเลิก and is never reused', async () => {
      const id = await signedByHead(buildOutgoing({ subject: 'เรื่องที่จะยกเลิก' }));
      const doc = await api.get(`/api/documents/${id}`, as('staff.ladkrabang'));
      const number = doc.body.number.value as number;
      const withdraw = await api.post(`/api/documents/${id}/withdraw`, {}, as('staff.ladkrabang'));
      expect(withdraw.status).toBe(409);
      const cancelled = await api.post(
        `/api/documents/${id}/cancel`,
        { reason: 'ข้อมูลไม่ถูกต้อง' },
        as('clerk.ladkrabang'),
      );
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.stage).toBe('cancelled');
      const after = await api.get(`/api/documents/${id}`, as('staff.ladkrabang'));
      expect(after.body.number).toMatchObject({ value: number, cancelled: true, remark: 'ยกเลิก: ข้อมูลไม่ถูกต้อง' });
      const [row] = await query('SELECT cancelled, remark FROM register_entries WHERE document_id = ?', [id]);
      expect(Number(row.cancelled)).toBe(1);
      await recordHistory(system.client, `out-${id}`, 'outgoing-cancelled', kind);
      expect((await api.post(`/api/documents/${id}/cancel`, { reason: 'อีกครั้ง' }, as('clerk.ladkrabang'))).status).toBe(
        409,
      );
      const next = await signedByHead(buildOutgoing({ subject: 'เรื่องถัดไป' }));
      const nextDoc = await api.get(`/api/documents/${next}`, as('staff.ladkrabang'));
      expect(nextDoc.body.number.value).toBeGreaterThan(number);
    });
  });

  describe('a supervisor moves a task', () => {
    it('reassigns a review to another official of the unit, who then decides in its place', async () => {
      const id = await draftAndSubmit(buildOutgoing({ subject: 'เรื่องที่ย้ายผู้พิจารณา' }));
      const review = await taskOf(api, as('head.ladkrabang'), id, 'review');
      const moved = await api.post(
        `/api/tasks/${review.taskId}/reassign`,
        { toUserId: seededUserId('head.civil.ladkrabang'), comment: 'หัวหน้าฝ่ายลาพัก' },
        as('director.ladkrabang'),
      );
      expect(moved.status).toBe(200);
      expect((await act(api, as('head.ladkrabang'), review.taskId, 'approve')).status).toBe(409);
      const again = await api.post(
        `/api/tasks/${moved.body.nextTasks[0].taskId}/reassign`,
        { toUserId: seededUserId('head.civil.ladkrabang') },
        as('director.ladkrabang'),
      );
      expect(again.status).toBe(422);
      const theirs = await taskOf(api, as('head.civil.ladkrabang'), id, 'review');
      const approved = await act(api, as('head.civil.ladkrabang'), theirs.taskId, 'approve');
      expect(approved.status).toBe(200);
      expect(approved.body.nextTasks[0]).toMatchObject({
        type: 'review',
        assigneeUserId: seededUserId('assistant.ladkrabang'),
      });
    });
  });

  describe('the rollout policy', () => {
    it('records a top-secret draft as done on paper, with the reason, registered in the secret register, and keeps no content', async () => {
      const created = await api.post(
        '/api/documents',
        buildOutgoing({ secrecy: 'top_secret' }),
        as('staff.ladkrabang'),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        stage: 'paper',
        medium: 'paper',
        paperReasonCode: 'top_secret',
        number: { register: 'secret_dispatch', code: expect.stringMatching(/^กท [\d.]+\/\d+$/) },
      });
      const [doc] = await query('SELECT body, paper_reason, number_code FROM documents WHERE id = ?', [
        created.body.id,
      ]);
      expect(doc.body).toBeNull();
      expect(doc.paper_reason).toBeTruthy();
      expect(doc.number_code).toBe(created.body.number.code);
      const rows = await query('SELECT register, method, remark FROM register_entries WHERE document_id = ?', [
        created.body.id,
      ]);
      expect(rows).toEqual([{ register: 'secret_dispatch', method: 'paper', remark: doc.paper_reason }]);
      const history = await query('SELECT action FROM audit_log WHERE document_id = ? ORDER BY id', [created.body.id]);
      expect(history.map((h) => h.action)).toEqual(['document.paper_only', 'document.numbered']);
    });
  });

  describe('validation', () => {
    it.each([
      ['an unknown recipient unit', buildOutgoing({ to: ['district-9999'] }), 'UNKNOWN_UNIT'],
      ['a body missing a part of its kind', buildOutgoing({ body: { recipient: 'เรียน' } }), 'INVALID_INPUT'],
      ['a signer not on the chain', undefined, 'NOT_ON_CHAIN'],
    ])('refuses %s', async (_, body, code) => {
      if (body) {
        const res = await api.post('/api/documents', body, as('staff.ladkrabang'));
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe(code);
        return;
      }
      const created = await api.post('/api/documents', buildOutgoing(), as('staff.ladkrabang'));
      const res = await api.post(
        `/api/documents/${created.body.id}/submit`,
        { toPositionId: 'district-1001-director' },
        as('staff.ladkrabang'),
      );
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe(code);
    });

    it('answers the same draft to a retried POST with the same Idempotency-Key', async () => {
      const headers = { 'idempotency-key': `out-retry-${Date.now()}` };
      const a = await api.post('/api/documents', buildOutgoing(), as('staff.ladkrabang'), headers);
      const b = await api.post('/api/documents', buildOutgoing(), as('staff.ladkrabang'), headers);
      expect(b.body).toEqual(a.body);
    });
  });

  describe('idempotent activities', () => {
    it('never allocates a second number or records a delivery twice when an activity is retried', async () => {
      const outgoing = createOutgoingActivities({ ds: system.ds });
      const dispatch = createOutgoingDispatchActivities({ ds: system.ds });
      const created = await api.post(
        '/api/documents',
        buildOutgoing({ subject: 'ทดสอบการทำซ้ำ' }),
        as('staff.ladkrabang'),
      );
      const documentId = created.body.id as string;
      const workflowId = `out-retry-${documentId}`;
      const actor = {
        userId: seededUserId('head.ladkrabang'),
        displayName: 'head',
        roles: ['supervisor'],
        unitId: 'district-1011',
      };
      const sign = {
        stepId: 'sign-step',
        documentId,
        workflowId,
        unitId: 'district-1011',
        actor,
        close: { taskId: 'no-task', outcome: 'sign' },
        signerPositionId: 'district-1011-admin-head',
        date: '2026-01-05',
        register: 'dispatch',
        circular: false,
        open: [],
      };
      const first = await outgoing.signAndNumber(sign);
      const again = await outgoing.signAndNumber(sign);
      expect(first.ok && again.ok && again.number.value === first.number.value).toBe(true);
      const rows = await query('SELECT COUNT(*) AS n FROM register_entries WHERE idempotency_key = ?', [
        `${workflowId}:number`,
      ]);
      expect(Number(rows[0].n)).toBe(1);
      const deliveries = [
        {
          seq: 0,
          recipient: { type: 'unit' as const, unitId: 'district-1001', name: 'สำนักงานเขตพระนคร' },
          method: 'electronic' as const,
        },
        {
          seq: 1,
          recipient: { type: 'external' as const, name: 'x', email: 'x@example.org' },
          method: 'email' as const,
        },
      ];
      const recordOnce = () =>
        dispatch.recordDispatch({
          stepId: 'dispatch-step',
          documentId,
          workflowId,
          unitId: 'district-1011',
          actor,
          close: { taskId: 'no-task', outcome: 'send' },
          deliveries,
        });
      const a = await recordOnce();
      const b = await recordOnce();
      expect(b).toEqual(a);
      expect(await query('SELECT id FROM deliveries WHERE document_id = ?', [documentId])).toHaveLength(2);
      expect(await query('SELECT id FROM outbox WHERE document_id = ?', [documentId])).toHaveLength(1);
    });
  });
});
