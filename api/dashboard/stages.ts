import type { DataSource } from 'typeorm';
import { workingTimeBetween, type WorkCalendar } from '../../domain';
import { dbTime, parseDbTime } from '../../db/time';
import type { DashboardQuery } from './schema';
import { windowClause } from './window';

type Row = Record<string, unknown>;

interface StageFigures {
  stage: string;
  open: number;
  overdue: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** The same in working time, on the calendar the lives count on (the administrator's holidays, office hours). */
  medianWorkingSeconds: number | null;
  p90WorkingSeconds: number | null;
  visits: number;
}

/**
 * GET /api/dashboard/stages: per stage of the life, documents open in it now (with an open task), overdue now, and
 * the median and p90 time spent in it — from the audit trail's stage changes (a visit still under way counts up to
 * now) — overall and per unit, in wall-clock and in working time on the calendar `calendarFrom` gives for the
 * oldest visit (api/support/timing.ts officeCalendar). Read models only; no workflow is scanned.
 */
export async function stagesDashboard(
  ds: DataSource,
  q: DashboardQuery,
  calendarFrom: (since: Date) => Promise<WorkCalendar>,
  now = new Date(),
) {
  const window = windowClause(q, 'd');
  const [openRows, auditRows] = (await Promise.all([
    ds.query(
      `SELECT d.unit_id, u.name AS unit_name, d.stage, COUNT(DISTINCT d.id) AS open,
         COUNT(DISTINCT CASE WHEN t.due_at < ? THEN d.id END) AS overdue
       FROM documents d JOIN units u ON u.id = d.unit_id JOIN tasks t ON t.document_id = d.id AND t.status = 'open'
       WHERE ${window.sql} GROUP BY d.unit_id, u.name, d.stage`,
      [dbTime(now), ...window.params],
    ),
    ds.query(
      `SELECT a.document_id, a.at, a.details, d.unit_id, u.name AS unit_name FROM audit_log a
       JOIN documents d ON d.id = a.document_id JOIN units u ON u.id = d.unit_id
       WHERE ${window.sql} ORDER BY a.document_id, a.id`,
      window.params,
    ),
  ])) as [Row[], Row[]];
  const oldest = auditRows.reduce((min, r) => Math.min(min, parseDbTime(r.at).getTime()), now.getTime());
  const durations = stageVisits(auditRows, now, await calendarFrom(new Date(oldest)));
  const units = new Map<string, string>();
  for (const r of [...openRows, ...auditRows]) units.set(String(r.unit_id), String(r.unit_name));
  const figures = (unitId?: string): StageFigures[] => {
    const stages = new Set<string>();
    for (const r of openRows) if (!unitId || r.unit_id === unitId) stages.add(String(r.stage));
    for (const v of durations) if (!unitId || v.unitId === unitId) stages.add(v.stage);
    return [...stages].sort().map((stage) => {
      const open = openRows.filter((r) => r.stage === stage && (!unitId || r.unit_id === unitId));
      const visits = durations.filter((v) => v.stage === stage && (!unitId || v.unitId === unitId));
      const seconds = visits.map((v) => v.seconds);
      const working = visits.map((v) => v.workingSeconds);
      return {
        stage,
        open: open.reduce((n, r) => n + Number(r.open), 0),
        overdue: open.reduce((n, r) => n + Number(r.overdue), 0),
        medianSeconds: percentile(seconds, 0.5),
        p90Seconds: percentile(seconds, 0.9),
        medianWorkingSeconds: percentile(working, 0.5),
        p90WorkingSeconds: percentile(working, 0.9),
        visits: seconds.length,
      };
    });
  };
  return {
    stages: figures(),
    byUnit: [...units.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([unitId, unitName]) => figures(unitId).map((f) => ({ unitId, unitName, ...f }))),
  };
}

type Visit = { unitId: string; stage: string; seconds: number; workingSeconds: number };

/** Each stay of a document in a stage, from consecutive audit rows whose details name the stage. */
export function stageVisits(rows: Row[], now: Date, calendar: WorkCalendar): Visit[] {
  const visits: Visit[] = [];
  let current: { documentId: string; unitId: string; stage: string; since: Date } | undefined;
  const close = (until: Date) => {
    if (current)
      visits.push({
        unitId: current.unitId,
        stage: current.stage,
        seconds: (until.getTime() - current.since.getTime()) / 1000,
        workingSeconds: workingTimeBetween(current.since, until, calendar) / 1000,
      });
  };
  for (const r of rows) {
    const details = (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as { stage?: string };
    const at = parseDbTime(r.at);
    if (current && current.documentId !== r.document_id) {
      close(now);
      current = undefined;
    }
    if (!details.stage || details.stage === current?.stage) continue;
    close(at);
    current = { documentId: String(r.document_id), unitId: String(r.unit_id), stage: details.stage, since: at };
  }
  close(now);
  return visits;
}

/** The nearest-rank percentile of a list of seconds (null when empty). */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);
}
