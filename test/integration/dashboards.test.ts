import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { startTestSystem, type TestSystem } from '../support/system';

describe.each(testDatabaseKinds())('the manager dashboards on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let director: string;

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    const clerk = await api.login('clerk.ladkrabang');
    for (let i = 0; i < 3; i++)
      await api.post('/api/documents/incoming', buildIncoming({ subject: `แดชบอร์ด ${i}` }), clerk);
    await api.post('/api/documents/incoming', buildIncoming({ subject: 'ลับที่สุด', secrecy: 'top_secret' }), clerk);
    director = await api.login('director.ladkrabang');
  });
  afterAll(async () => {
    await system?.stop();
  });

  describe('GET /api/dashboard/rollout', () => {
    it('gives the four phases of the seed memo and counts electronic and paper documents per unit and capability', async () => {
      const res = await api.get('/api/dashboard/rollout', director);
      expect(res.status).toBe(200);
      expect(res.body.phases.map((p: { phase: number; startsOn: string }) => [p.phase, p.startsOn])).toEqual([
        [1, '2023-12-22'],
        [2, '2024-01-01'],
        [3, '2024-02-01'],
        [4, '2024-03-01'],
      ]);
      expect(res.body.currentPhase).toBe(4);
      const receive = res.body.byUnit.find(
        (c: { unitId: string; capability: string }) => c.unitId === 'district-1011' && c.capability === 'receive',
      );
      expect(receive).toMatchObject({ electronic: 3, paper: 1, unitName: 'สำนักงานเขตลาดกระบัง' });
      expect(receive.paperReasons).toHaveLength(1);
      expect(receive.paperReasons[0].count).toBe(1);
      expect(res.body.totals).toEqual({ electronic: 3, paper: 1 });
    });

    it('is refused to a clerk (403) and to nobody signed in (401)', async () => {
      const clerk = await api.login('clerk.ladkrabang');
      expect((await api.get('/api/dashboard/rollout', clerk)).status).toBe(403);
      expect((await api.get('/api/dashboard/rollout')).status).toBe(401);
    });
  });

  describe('GET /api/dashboard/stages', () => {
    it('counts the documents open in triage and measures time in each stage', async () => {
      const res = await api.get('/api/dashboard/stages?unitId=district-1011', director);
      expect(res.status).toBe(200);
      const triage = res.body.stages.find((s: { stage: string }) => s.stage === 'triage');
      expect(triage).toMatchObject({ open: 3, overdue: 0, visits: 3 });
      expect(triage.medianSeconds).toBeGreaterThanOrEqual(0);
      expect(res.body.byUnit.every((r: { unitId: string }) => r.unitId === 'district-1011')).toBe(true);
    });

    it('answers 400 for a malformed date', async () => {
      const res = await api.get('/api/dashboard/stages?from=2026-13-01', director);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_INPUT');
    });
  });
});
