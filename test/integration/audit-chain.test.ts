import { verifyAuditChain } from '../../db/audit';
import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { startTestSystem, type TestSystem } from '../support/system';

describe.each(testDatabaseKinds())('the audit hash chain on %s', (kind) => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem(kind);
    const api = apiClient(system.baseUrl);
    const clerk = await api.login('clerk.ladkrabang');
    for (let i = 0; i < 3; i++)
      await api.post('/api/documents/incoming', buildIncoming({ subject: `ห่วงโซ่ ${i}` }), clerk);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('verifies every row written by sign-ins and registrations', async () => {
    const result = await verifyAuditChain(system.ds.manager);
    expect(result).toEqual({ rows: expect.any(Number), ok: true });
    expect(result.rows).toBeGreaterThanOrEqual(7);
  });

  it('names the first row whose content was edited in the database', async () => {
    const [row] = (await system.ds.query(
      "SELECT id FROM audit_log WHERE action = 'document.registered' ORDER BY id LIMIT 1",
    )) as Array<{
      id: number | string;
    }>;
    await system.ds.query('UPDATE audit_log SET details = ? WHERE id = ?', ['{"number":999}', row.id]);
    const result = await verifyAuditChain(system.ds.manager);
    expect(result.ok).toBe(false);
    expect(result.firstBadId).toBe(Number(row.id));
    expect(result.problem).toBe('content does not match its hash');
  });

  it('notices a deleted row', async () => {
    const [last] = (await system.ds.query('SELECT MAX(id) AS id FROM audit_log')) as Array<{ id: number | string }>;
    await system.ds.query('DELETE FROM audit_log WHERE id = ?', [Number(last.id) - 1]);
    const result = await verifyAuditChain(system.ds.manager);
    expect(result.ok).toBe(false);
  });
});
