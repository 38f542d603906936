import { z } from 'zod';

/** Filters of both dashboards: one unit (registry unit id) and a window of document creation dates (Bangkok days). */
export const dashboardQuery = z.object({
  unitId: z.string().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;
