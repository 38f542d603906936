import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { startTestSystem, type TestSystem } from '../support/system';

describe.each(testDatabaseKinds())('receipt numbering under concurrency on %s', (kind) => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem(kind);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('gives 64 simultaneous registrations in one unit the numbers 1..64 with no duplicate and no gap', async () => {
    const api = apiClient(system.baseUrl);
    const clerk = await api.login('clerk.ladkrabang');
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) =>
        api.post('/api/documents/incoming', buildIncoming({ subject: `หนังสือที่ ${i + 1}` }), clerk),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(64).fill(201));
    const numbers = results.map((r) => r.body.receipt.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
    const rows = (await system.ds.query(
      "SELECT number FROM register_entries WHERE register = 'receipt' AND unit_id = 'district-1011' ORDER BY number",
    )) as Array<{ number: number | string }>;
    expect(rows.map((r) => Number(r.number))).toEqual(numbers);
  });
});
