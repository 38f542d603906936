import { apiClient } from '../support/api-client';
import { startTestSystem, type TestSystem } from '../support/system';

describe('GET /api/rollout/decision', () => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    system = await startTestSystem('sqlite');
    api = apiClient(system.baseUrl);
  });
  afterAll(async () => {
    await system?.stop();
  });

  const ask = (q: Record<string, string>) =>
    api.get(`/api/rollout/decision?${new URLSearchParams({ unitId: 'district-1011', ...q })}`);

  it.each([
    ['receive', '2023-12-29', 'none', 'general', 'paper', 1],
    ['receive', '2024-01-02', 'none', 'general', 'electronic', 2],
    ['propose', '2024-01-15', 'none', 'general', 'paper', 2],
    ['propose', '2024-02-01', 'none', 'general', 'electronic', 3],
    ['propose', '2024-02-15', 'confidential', 'general', 'paper', 3],
    ['propose', '2024-02-15', 'none', 'procurement', 'paper', 3],
    ['external_letter', '2024-02-29', 'none', 'general', 'paper', 3],
    ['external_letter', '2024-03-01', 'none', 'general', 'electronic', 4],
    ['propose', '2026-11-25', 'secret', 'national_security', 'electronic', 4],
    ['receive', '2026-11-25', 'top_secret', 'general', 'paper', 4],
  ])(
    'answers %s on %s (%s, %s) with %s in phase %i, as the seed memo says',
    async (capability, date, secrecy, category, medium, phase) => {
      const res = await ask({ capability, date, secrecy, category, kind: 'memo' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ medium, phase });
      if (medium === 'paper')
        expect(res.body.reason).toEqual({ code: expect.any(String), th: expect.any(String), en: expect.any(String) });
    },
  );

  it('answers 400 for an unknown capability and 404 for an unknown unit', async () => {
    expect((await ask({ capability: 'teleport', date: '2024-03-01' })).status).toBe(400);
    expect((await ask({ capability: 'receive', date: '2024-03-01', unitId: 'nowhere' })).status).toBe(404);
  });
});
