/**
 * The API's request id (`X-Request-Id`, kept from the caller when well-formed) travels into the workflow that takes
 * the step — in the life's input or the update's arguments — and from there into the audit row the activity writes,
 * so a log line of the API and the row of the hash chain it caused can be matched. Outgoing, circular and incoming.
 */
import { randomUUID } from 'node:crypto';
import { seededUserId } from '../../db/seed';
import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { buildOutgoing, taskOf, waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';

describe.each(testDatabaseKinds())('request ids in the audit trail on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  const tokens: Record<string, string> = {};
  const as = (username: string) => tokens[username];
  const rid = (what: string) => `${what}-${randomUUID()}`;

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    for (const u of ['staff.ladkrabang', 'head.ladkrabang', 'clerk.central', 'clerk.ladkrabang'])
      tokens[u] = await api.login(u);
  });
  afterAll(async () => {
    await system?.stop();
  });

  /** Sends `body` with the request id and checks the API answered with the same id. */
  async function send(method: 'POST' | 'PUT', path: string, body: unknown, token: string, requestId: string) {
    const res = await api.request(method, path, { token, body, headers: { 'x-request-id': requestId } });
    expect(res.headers.get('x-request-id')).toBe(requestId);
    return res;
  }

  /** The details of the audit rows of a document with this action, waiting for the first to appear. */
  async function auditDetails(documentId: string, action: string): Promise<Array<Record<string, unknown>>> {
    const rows = await waitFor(
      () =>
        system.ds.query('SELECT details FROM audit_log WHERE document_id = ? AND action = ? ORDER BY id', [
          documentId,
          action,
        ]) as Promise<Array<{ details: string }>>,
      (r) => r.length > 0,
      30_000,
    );
    return rows.map((r) => JSON.parse(r.details) as Record<string, unknown>);
  }

  it('records the request id of each outgoing step: draft, revision, submission, signature', async () => {
    const ids = { create: rid('create'), revise: rid('revise'), submit: rid('submit'), sign: rid('sign') };
    const created = await send('POST', '/api/documents', buildOutgoing(), as('staff.ladkrabang'), ids.create);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await auditDetails(id, 'document.drafted'))[0].requestId).toBe(ids.create);

    const revised = await send(
      'PUT',
      `/api/documents/${id}`,
      buildOutgoing({ subject: 'ขอความร่วมมือจัดเจ้าหน้าที่ (แก้ไข)' }),
      as('staff.ladkrabang'),
      ids.revise,
    );
    expect(revised.status).toBe(200);
    expect((await auditDetails(id, 'document.revised'))[0].requestId).toBe(ids.revise);

    const submitted = await send(
      'POST',
      `/api/documents/${id}/submit`,
      { toPositionId: 'district-1011-admin-head' },
      as('staff.ladkrabang'),
      ids.submit,
    );
    expect(submitted.status).toBe(200);
    expect((await auditDetails(id, 'document.submitted'))[0].requestId).toBe(ids.submit);

    const task = await taskOf(api, as('head.ladkrabang'), id, 'sign');
    const signed = await send(
      'POST',
      `/api/tasks/${task.taskId}/actions`,
      { action: 'sign' },
      as('head.ladkrabang'),
      ids.sign,
    );
    expect(signed.status).toBe(200);
    expect((await auditDetails(id, 'document.signed'))[0].requestId).toBe(ids.sign);
    expect((await auditDetails(id, 'document.numbered'))[0].requestId).toBe(ids.sign);
  });

  it('records the request id of a circular and of a unit’s acknowledgement', async () => {
    const ids = { send: rid('circular'), ack: rid('ack') };
    const sent = await send(
      'POST',
      '/api/circulars',
      {
        subject: 'ซักซ้อมแนวทางการใช้ระบบสารบรรณอิเล็กทรอนิกส์',
        urgency: 'urgent',
        to: ['district-1011'],
        body: 'จึงขอให้หน่วยงานถือปฏิบัติ',
      },
      as('clerk.central'),
      ids.send,
    );
    expect(sent.status).toBe(201);
    const id = sent.body.id as string;
    expect((await auditDetails(id, 'circular.registered'))[0].requestId).toBe(ids.send);

    const task = await taskOf(api, as('clerk.ladkrabang'), id, 'acknowledge');
    const ack = await send(
      'POST',
      `/api/tasks/${task.taskId}/actions`,
      { action: 'acknowledge' },
      as('clerk.ladkrabang'),
      ids.ack,
    );
    expect(ack.status).toBe(200);
    expect((await auditDetails(id, 'circular.acknowledged'))[0].requestId).toBe(ids.ack);
  });

  it('records the request id of a step on an incoming document', async () => {
    const registerId = rid('register');
    const registered = await send(
      'POST',
      '/api/documents/incoming',
      buildIncoming(),
      as('clerk.ladkrabang'),
      registerId,
    );
    expect(registered.status).toBe(201);
    const id = registered.body.id as string;
    expect((await auditDetails(id, 'document.registered'))[0].requestId).toBe(registerId);
    const task = await taskOf(api, as('clerk.ladkrabang'), id);
    const claimId = rid('claim');
    const claimed = await send(
      'POST',
      `/api/tasks/${task.taskId}/actions`,
      { action: 'claim' },
      as('clerk.ladkrabang'),
      claimId,
    );
    expect(claimed.status).toBe(200);
    const rows = (await system.ds.query('SELECT action, details FROM audit_log WHERE document_id = ? ORDER BY id', [
      id,
    ])) as Array<{ action: string; details: string }>;
    const traced = rows.filter((r) => (JSON.parse(r.details) as { requestId?: string }).requestId === claimId);
    expect(traced.length).toBeGreaterThan(0);

    // A supervisor's move of the clerk's task (the claim opened it) carries its own request id.
    const held = await waitFor(
      () => taskOf(api, as('clerk.ladkrabang'), id),
      (t) => t.taskId !== task.taskId,
    );
    const moveId = rid('reassign');
    const moved = await send(
      'POST',
      `/api/tasks/${held.taskId}/reassign`,
      { toUserId: seededUserId('staff.ladkrabang') },
      as('head.ladkrabang'),
      moveId,
    );
    expect(moved.status).toBe(200);
    expect((await auditDetails(id, 'task.reassigned'))[0].requestId).toBe(moveId);
  });
});
