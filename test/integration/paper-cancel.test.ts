import { createOutgoingActivities } from '../../activities/outgoing';
import { seededUserId } from '../../db/seed';
import { apiClient } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { buildOutgoing } from '../support/lives';
import { paperRegisteredDocument } from '../support/paper-documents';
import { startTestSystem, type TestSystem } from '../support/system';

type Row = Record<string, unknown>;

describe.each(testDatabaseKinds())('cancelling a document made on paper on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  const tokens: Record<string, string> = {};
  const as = (username: string) => tokens[username];
  const query = (sql: string, params: unknown[] = []) => system.ds.query(sql, params) as Promise<Row[]>;
  const cancel = (id: string, body: unknown, username: string, headers?: Record<string, string>) =>
    api.post(`/api/documents/${id}/cancel`, body, as(username), headers);
  /** What a refused cancel must leave alone: the document, its register row and its audit trail. */
  const snapshot = async (id: string) => ({
    doc: await query('SELECT stage FROM documents WHERE id = ?', [id]),
    rows: await query('SELECT number, cancelled, remark, cancel_reason FROM register_entries WHERE document_id = ?', [
      id,
    ]),
    audit: await query('SELECT action FROM audit_log WHERE document_id = ? ORDER BY id', [id]),
  });

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    for (const u of ['staff.ladkrabang', 'staff.civil.ladkrabang', 'clerk.ladkrabang', 'clerk.phranakhon'])
      tokens[u] = await api.login(u);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('cancels a top-secret paper document in the database: the number stays, marked ยกเลิก with who, when and why', async () => {
    const created = await api.post('/api/documents', buildOutgoing({ secrecy: 'top_secret' }), as('staff.ladkrabang'));
    expect(created.body).toMatchObject({ stage: 'paper', number: { register: 'secret_dispatch' } });
    const { id } = created.body as { id: string };
    const number = created.body.number.value as number;

    const done = await cancel(id, { reason: 'ออกเลขผิดเรื่อง' }, 'staff.ladkrabang', { 'x-request-id': `cancel-${id}` });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ id, stage: 'cancelled' });

    const doc = await api.get(`/api/documents/${id}`, as('staff.ladkrabang'));
    expect(doc.body.stage).toBe('cancelled');
    expect(doc.body.number).toMatchObject({ value: number, cancelled: true });
    expect(doc.body.number.remark).toMatch(/^ยกเลิก: ออกเลขผิดเรื่อง \(.+\)$/);
    const [row] = await query('SELECT * FROM register_entries WHERE document_id = ?', [id]);
    expect(row).toMatchObject({ number, method: 'paper', cancel_reason: 'ออกเลขผิดเรื่อง' });
    expect(Number(row.cancelled)).toBe(1);
    expect(row.cancelled_by).toBe(seededUserId('staff.ladkrabang'));
    expect(row.cancelled_at).toBeTruthy();
    const audit = await query("SELECT details FROM audit_log WHERE document_id = ? AND action = 'document.cancelled'", [
      id,
    ]);
    expect(audit).toHaveLength(1);
    const details = typeof audit[0].details === 'string' ? JSON.parse(audit[0].details) : audit[0].details;
    expect(details).toMatchObject({ comment: 'ออกเลขผิดเรื่อง', stage: 'cancelled', requestId: `cancel-${id}` });

    // A second cancel changes nothing.
    const before = await snapshot(id);
    const again = await cancel(id, { reason: 'อีกครั้ง' }, 'staff.ladkrabang');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_CANCELLED');
    expect(await snapshot(id)).toEqual(before);

    // The number is never taken again.
    const next = await api.post('/api/documents', buildOutgoing({ secrecy: 'top_secret' }), as('staff.ladkrabang'));
    expect(next.body.number.register).toBe('secret_dispatch');
    expect(next.body.number.value).toBeGreaterThan(number);
  });

  it('shows the cancelled row in the dispatch register as ยกเลิก with the reason, in JSON and CSV', async () => {
    const paper = await paperRegisteredDocument(system.ds, 'จัดซื้อวัสดุสำนักงาน (ยกเลิก)');
    const done = await cancel(paper.id, { reason: 'เสนอซ้ำกับเรื่องเดิม' }, 'clerk.ladkrabang');
    expect(done.status).toBe(200);
    const register = await api.get(`/api/registers/dispatch?year=${paper.number.year}`, as('clerk.ladkrabang'));
    const item = register.body.items.find((r: { number: number }) => r.number === paper.number.value);
    expect(item).toMatchObject({
      cancelled: true,
      cancelReason: 'เสนอซ้ำกับเรื่องเดิม',
      cancelledBy: { id: seededUserId('clerk.ladkrabang') },
      subject: 'จัดซื้อวัสดุสำนักงาน (ยกเลิก)',
    });
    expect(item.remark).toMatch(/^ยกเลิก: เสนอซ้ำกับเรื่องเดิม \(หนังสือในกระบวนการจัดซื้อ.*\) \(โดย .+\)/);
    expect(item.remark.match(/ยกเลิก/g)).toHaveLength(1);
    const csv = await api.request('GET', `/api/registers/dispatch?year=${paper.number.year}&format=csv`, {
      token: as('clerk.ladkrabang'),
    });
    const line = (csv.body as string).split('\r\n').find((l) => l.includes('จัดซื้อวัสดุสำนักงาน (ยกเลิก)'));
    expect(line).toContain('ยกเลิก: เสนอซ้ำกับเรื่องเดิม');
  });

  it('refuses, writing nothing: no reason, a stranger, an official of the unit who may not, a paper document without a number', async () => {
    const paper = await paperRegisteredDocument(system.ds, 'จัดซื้อครุภัณฑ์');
    const before = await snapshot(paper.id);
    const noReason = await cancel(paper.id, {}, 'clerk.ladkrabang');
    expect(noReason.status).toBe(400);
    const blank = await cancel(paper.id, { reason: '   ' }, 'clerk.ladkrabang');
    expect(blank.status).toBe(400);
    expect((await cancel(paper.id, { reason: 'ผิด' }, 'clerk.phranakhon')).status).toBe(404);
    const colleague = await cancel(paper.id, { reason: 'ผิด' }, 'staff.civil.ladkrabang');
    expect(colleague.status).toBe(403);
    expect(colleague.body.error.code).toBe('NOT_TASK_HOLDER');
    expect(await snapshot(paper.id)).toEqual(before);

    // Made on paper on a day numbering was on paper too: no number here to cancel.
    const unnumbered = (
      await createOutgoingActivities({ ds: system.ds }).createOutgoingDraft({
        documentId: crypto.randomUUID(),
        workflowId: `out-unnumbered-${Date.now()}`,
        unitId: 'district-1011',
        author: {
          userId: seededUserId('staff.ladkrabang'),
          displayName: 's',
          roles: ['staff'],
          unitId: 'district-1011',
        },
        authorPositionId: 'district-1011-admin-staff',
        draft: {
          kind: 'memo',
          subject: 'ไม่มีเลข',
          urgency: 'normal',
          secrecy: 'none',
          category: 'general',
          recipients: [],
        },
        medium: 'paper',
      })
    ).id;
    const notRegistered = await cancel(unnumbered, { reason: 'ผิด' }, 'staff.ladkrabang');
    expect(notRegistered.status).toBe(409);
    expect(notRegistered.body.error.code).toBe('NOT_REGISTERED');
  });

  it('leaves an electronic document to its life: a draft cannot be cancelled', async () => {
    const created = await api.post('/api/documents', buildOutgoing(), as('staff.ladkrabang'));
    expect(created.body.medium).toBe('electronic');
    const refused = await cancel(created.body.id, { reason: 'ผิด' }, 'staff.ladkrabang');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('WRONG_STAGE');
    const [doc] = await query('SELECT stage FROM documents WHERE id = ?', [created.body.id]);
    expect(doc.stage).toBe('draft');
  });
});
