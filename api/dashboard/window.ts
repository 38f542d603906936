import { bangkokInstant } from '../../domain';
import { dbTime } from '../../db/time';
import type { DashboardQuery } from './schema';

/** The WHERE clause of a dashboard's unit and date window, on documents aliased `alias`. */
export function windowClause(q: DashboardQuery, alias: string): { sql: string; params: unknown[] } {
  const where = ['1 = 1'];
  const params: unknown[] = [];
  if (q.unitId) {
    where.push(`${alias}.unit_id = ?`);
    params.push(q.unitId);
  }
  if (q.from) {
    where.push(`${alias}.created_at >= ?`);
    params.push(dbTime(bangkokInstant(q.from, '00:00')));
  }
  if (q.to) {
    where.push(`${alias}.created_at < ?`);
    params.push(dbTime(new Date(bangkokInstant(q.to, '00:00').getTime() + 24 * 3600_000)));
  }
  return { sql: where.join(' AND '), params };
}
