import type { DataSource } from 'typeorm';
import { bangkokDateOf, capabilityLabel, defaultRolloutPlan, phaseOnDate, type Capability } from '../../domain';
import type { DashboardQuery } from './schema';
import { windowClause } from './window';

type Row = Record<string, unknown>;

/**
 * The capability a document's life exercised first, read from what it is: until each step records its own decision
 * in a read model, this is how a document counts as electronic or paper for the dashboard.
 */
export function capabilityOf(direction: string, kind: string): Capability {
  if (direction === 'incoming') return 'receive';
  if (direction === 'circular') return 'e_circular';
  if (kind === 'external') return 'external_letter';
  if (kind === 'stamped') return 'stamped_letter';
  if (kind === 'memo') return 'internal_memo';
  return 'create';
}

/** GET /api/dashboard/rollout: the plan's phases, early adopters, and electronic vs paper per unit and capability. */
export async function rolloutDashboard(ds: DataSource, q: DashboardQuery, now = new Date()) {
  const plan = defaultRolloutPlan();
  const today = bangkokDateOf(now);
  const window = windowClause(q, 'd');
  const [early, rows] = (await Promise.all([
    ds.query('SELECT id, name, early_phase FROM units WHERE early_phase IS NOT NULL ORDER BY id'),
    ds.query(
      `SELECT d.unit_id, u.name AS unit_name, d.direction, d.kind, d.medium, d.paper_reason_code, d.paper_reason, COUNT(*) AS n
       FROM documents d JOIN units u ON u.id = d.unit_id WHERE ${window.sql}
       GROUP BY d.unit_id, u.name, d.direction, d.kind, d.medium, d.paper_reason_code, d.paper_reason`,
      window.params,
    ),
  ])) as [Row[], Row[]];
  const cells = new Map<
    string,
    {
      unitId: string;
      unitName: string;
      capability: Capability;
      electronic: number;
      paper: number;
      reasons: Map<string, { code: string; text: string; count: number }>;
    }
  >();
  for (const r of rows) {
    const capability = capabilityOf(String(r.direction), String(r.kind));
    const key = `${String(r.unit_id)}|${capability}`;
    const cell = cells.get(key) ?? {
      unitId: String(r.unit_id),
      unitName: String(r.unit_name),
      capability,
      electronic: 0,
      paper: 0,
      reasons: new Map(),
    };
    const n = Number(r.n);
    if (r.medium === 'paper') {
      cell.paper += n;
      const code = String(r.paper_reason_code ?? 'UNSPECIFIED');
      const reason = cell.reasons.get(code) ?? { code, text: String(r.paper_reason ?? code), count: 0 };
      reason.count += n;
      cell.reasons.set(code, reason);
    } else cell.electronic += n;
    cells.set(key, cell);
  }
  const byUnit = [...cells.values()]
    .map(({ reasons, ...c }) => ({
      ...c,
      capabilityText: capabilityLabel(c.capability),
      paperReasons: [...reasons.values()],
    }))
    .sort((a, b) => a.unitId.localeCompare(b.unitId) || a.capability.localeCompare(b.capability));
  return {
    today,
    currentPhase: phaseOnDate(today, plan).number,
    source: plan.source,
    phases: plan.phases.map((p) => ({
      phase: p.number,
      startsOn: p.from,
      title: p.th,
      titleEn: p.en,
      capabilities: p.capabilities.map((id) => ({ id, label: capabilityLabel(id) })),
      exclusions: [...p.exclusions.secrecies, ...p.exclusions.categories],
    })),
    earlyAdopters: early.map((u) => ({ unitId: String(u.id), unitName: String(u.name), phase: Number(u.early_phase) })),
    byUnit,
    totals: byUnit.reduce((t, c) => ({ electronic: t.electronic + c.electronic, paper: t.paper + c.paper }), {
      electronic: 0,
      paper: 0,
    }),
  };
}
