import type { DataSource, EntityManager } from 'typeorm';
import { parseDbTime } from './time';

/** One holiday of the administrator's working calendar (table `holidays`). */
export interface HolidayRow {
  id: number;
  date: string;
  name: string;
  nameEn: string | null;
  kind: string;
  status: string;
  createdAt: string;
  createdBy: string | null;
}

type Db = DataSource | EntityManager;

/** The holidays between two Bangkok days 'YYYY-MM-DD' (both inclusive), in date order. */
export async function listHolidays(db: Db, from: string, to: string): Promise<HolidayRow[]> {
  const rows = (await db.query('SELECT * FROM holidays WHERE date >= ? AND date <= ? ORDER BY date, id', [
    from,
    to,
  ])) as Array<Record<string, unknown>>;
  return rows.map(presentHoliday);
}

/** One holiday by id, or undefined. */
export async function holidayById(db: Db, id: number): Promise<HolidayRow | undefined> {
  const [row] = (await db.query('SELECT * FROM holidays WHERE id = ?', [id])) as Array<Record<string, unknown>>;
  return row && presentHoliday(row);
}

/**
 * The distinct holiday dates from a Bangkok day on, for a workflow's working calendar (TaskTiming.holidays): a life
 * counts its due times and escalations forward from its start, so earlier days are not needed.
 */
export async function holidayDatesFrom(db: Db, from: string): Promise<string[]> {
  const rows = (await db.query('SELECT DISTINCT date FROM holidays WHERE date >= ? ORDER BY date', [from])) as Array<{
    date: string;
  }>;
  return rows.map((r) => String(r.date));
}

function presentHoliday(r: Record<string, unknown>): HolidayRow {
  return {
    id: Number(r.id),
    date: String(r.date),
    name: String(r.name),
    nameEn: r.name_en === null || r.name_en === undefined ? null : String(r.name_en),
    kind: String(r.kind),
    status: String(r.status),
    createdAt: parseDbTime(r.created_at).toISOString(),
    createdBy: r.created_by === null || r.created_by === undefined ? null : String(r.created_by),
  };
}
