import { apiClient, buildIncoming } from '../support/api-client';
import { focus } from './support/browser';
import { useBrowserSystem } from './support/browser-system';

describe('a manager opens both dashboards and sees the numbers the API gives (headless Chromium)', () => {
  const e2e = useBrowserSystem();

  it('shows the rollout totals, the per-unit cells and the stage figures of GET /api/dashboard/*', async () => {
    const api = apiClient(e2e.system.baseUrl);
    const clerk = await api.login('clerk.ladkrabang');
    // Two electronic letters and a top-secret one, which the policy keeps on paper.
    for (const overrides of [{}, { urgency: 'most_urgent' }, { secrecy: 'top_secret' }]) {
      const res = await api.post(
        '/api/documents/incoming',
        buildIncoming({ subject: `รายงาน ${Date.now()}`, ...overrides }),
        clerk,
      );
      expect(res.status).toBe(201);
    }
    const director = await api.login('director.ladkrabang');
    // The triage tasks open moments after the receipts are answered.
    let stages: { stages: { stage: string; open: number; overdue: number }[] } | undefined;
    for (let i = 0; i < 40; i++) {
      stages = (await api.get('/api/dashboard/stages', director)).body;
      if (stages!.stages.find((s) => s.stage === 'triage')?.open === 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const rollout = (await api.get('/api/dashboard/rollout', director)).body;
    expect(rollout.totals).toEqual({ electronic: 2, paper: 1 });

    const manager = await e2e.signIn('director.ladkrabang');
    const page = await focus(manager);
    await page.click('[data-testid=nav-dashboards]');
    await page.waitForSelector('[data-testid=dash-total-electronic]');
    const value = (selector: string) => page.$eval(selector, (el) => Number(el.getAttribute('data-value')));
    expect(await value('[data-testid=dash-total-electronic]')).toBe(rollout.totals.electronic);
    expect(await value('[data-testid=dash-total-paper]')).toBe(rollout.totals.paper);
    expect(await value('[data-testid=dash-current-phase]')).toBe(rollout.currentPhase);
    expect(await page.$$eval('[data-testid=dash-phase]', (p) => p.length)).toBe(rollout.phases.length);
    const cells = await page.$$eval('[data-testid=dash-unit-row]', (rows) =>
      rows.map((r) => ({
        unitId: r.getAttribute('data-unit-id'),
        capability: r.getAttribute('data-capability'),
        electronic: Number(r.getAttribute('data-electronic')),
        paper: Number(r.getAttribute('data-paper')),
        text: r.textContent ?? '',
      })),
    );
    expect(cells.map(({ text: _, ...c }) => c)).toEqual(
      rollout.byUnit.map((c: { unitId: string; capability: string; electronic: number; paper: number }) => ({
        unitId: c.unitId,
        capability: c.capability,
        electronic: c.electronic,
        paper: c.paper,
      })),
    );
    // The paper reason is shown beside the numbers, as the API words it.
    const reason = rollout.byUnit[0].paperReasons[0].text as string;
    expect(cells[0].text).toContain(reason);
    // The documents behind a row, each linked to its workflow in the Temporal UI.
    await page.click('[data-testid=dash-unit-row] .link');
    await page.waitForSelector('[data-testid=dash-temporal]');
    expect(await page.$eval('[data-testid=dash-temporal]', (a) => a.getAttribute('href'))).toMatch(
      /\/namespaces\/default\/workflows\/doc-/,
    );

    await page.click('[data-testid=dash-tab-stages]');
    await page.waitForSelector('[data-testid=dash-stage-row]');
    const rows = await page.$$eval('[data-testid=dash-stage-row]', (r) =>
      r.map((x) => ({
        stage: x.getAttribute('data-stage'),
        open: Number(x.getAttribute('data-open')),
        overdue: Number(x.getAttribute('data-overdue')),
      })),
    );
    const fresh = (await api.get('/api/dashboard/stages', director)).body;
    expect(rows).toEqual(
      fresh.stages.map((s: { stage: string; open: number; overdue: number }) => ({
        stage: s.stage,
        open: s.open,
        overdue: s.overdue,
      })),
    );
    expect(rows.find((r) => r.stage === 'triage')?.open).toBe(2);
    expect(await page.$$eval('canvas[role=img]', (c) => c.length)).toBe(2);
  });
});
