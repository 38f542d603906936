import { z } from 'zod';
import { CAPABILITIES } from '../../domain';

/** Filters of both dashboards: one unit (registry unit id) and a window of document creation dates (Bangkok days). */
export const dashboardQuery = z.object({
  unitId: z.string().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** `GET /api/dashboard/rollout`: per phase its capabilities and start; per unit and capability, electronic vs paper. */
export const rolloutDashboard = z.object({
  today: z.string(),
  currentPhase: z.number().int(),
  source: z.string(),
  phases: z.array(
    z.object({
      phase: z.number().int(),
      startsOn: z.string(),
      title: z.string(),
      titleEn: z.string(),
      capabilities: z.array(z.object({ id: z.enum(CAPABILITIES), label: z.string() })),
      exclusions: z.array(z.string()),
    }),
  ),
  earlyAdopters: z.array(z.object({ unitId: z.string(), unitName: z.string(), phase: z.number().int() })),
  byUnit: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      capability: z.enum(CAPABILITIES),
      capabilityText: z.string(),
      electronic: z.number().int(),
      paper: z.number().int(),
      paperReasons: z.array(z.object({ code: z.string(), text: z.string(), count: z.number().int() })),
    }),
  ),
  totals: z.object({ electronic: z.number().int(), paper: z.number().int() }),
});

/** The figures of one stage: open now, overdue now, and the time spent in it (wall clock and working time). */
export const stageFigures = z.object({
  stage: z.string(),
  open: z.number().int(),
  overdue: z.number().int(),
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
  /** The same in working time on the administrator's calendar. */
  medianWorkingSeconds: z.number().nullable(),
  p90WorkingSeconds: z.number().nullable(),
  visits: z.number().int(),
});

/** `GET /api/dashboard/stages`: every stage, then the same per unit. */
export const stagesDashboard = z.object({
  stages: z.array(stageFigures),
  byUnit: z.array(stageFigures.extend({ unitId: z.string(), unitName: z.string() })),
});
