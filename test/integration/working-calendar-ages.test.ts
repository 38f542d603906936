import {
  addCalendarDays,
  bangkokDateOf,
  bangkokInstant,
  defaultCalendar,
  isWorkingDay,
  workingTimeBetween,
  type WorkCalendar,
} from '../../domain';
import { dbTime } from '../../db/time';
import type { DashboardQuery } from '../../api/dashboard/schema';
import { stagesDashboard } from '../../api/dashboard/stages';
import { officeCalendar } from '../../db/life-timing';
import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { startTestSystem, type TestSystem } from '../support/system';

type Row = Record<string, unknown>;
const HOUR = 3600;

/**
 * The supervisor's ages and the stages dashboard's times count working time on the administrator's calendar (table
 * `holidays`), the one the lives count on: a holiday the administrator adds takes its office day out of them.
 */
describe.each(testDatabaseKinds())('ages on the administrator’s working calendar on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let admin: string;
  let director: string;
  let documentId: string;
  const query = (sql: string, params: unknown[] = []) => system.ds.query(sql, params) as Promise<Row[]>;

  /** The calendar as the table has it now, with domain's office hours. */
  async function tableCalendar(): Promise<WorkCalendar> {
    const rows = await query('SELECT DISTINCT date FROM holidays');
    return { ...defaultCalendar(), holidays: rows.map((r) => String(r.date)) };
  }
  /** The first working day of the table's calendar from `from` on, before `until`. */
  async function workingDayBetween(from: string, until: string): Promise<string> {
    const calendar = await tableCalendar();
    for (let day = from; day < until; day = addCalendarDays(day, 1)) if (isWorkingDay(day, calendar)) return day;
    throw new Error(`no working day between ${from} and ${until}`);
  }
  async function addHoliday(date: string, name: string) {
    const res = await api.post('/api/admin/holidays', { date, name, kind: 'special' }, admin);
    expect(res.status).toBe(201);
  }

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    admin = await api.login('admin.bma');
    director = await api.login('director.ladkrabang');
    const clerk = await api.login('clerk.ladkrabang');
    const registered = await api.post('/api/documents/incoming', buildIncoming({ subject: 'อายุงานตามปฏิทิน' }), clerk);
    expect(registered.status).toBe(201);
    documentId = registered.body.id;
    for (let i = 0; i < 100; i++) {
      if ((await query("SELECT id FROM tasks WHERE document_id = ? AND status = 'open'", [documentId])).length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('GET /api/supervisor/overdue: a holiday the administrator adds takes an office day out of the working age', async () => {
    // The triage task opened three weeks ago at 09:00 and fell due an hour later.
    const openedDay = addCalendarDays(bangkokDateOf(new Date()), -21);
    const opened = bangkokInstant(openedDay, '09:00');
    await query('UPDATE tasks SET created_at = ?, due_at = ? WHERE document_id = ?', [
      dbTime(opened),
      dbTime(new Date(opened.getTime() + HOUR * 1000)),
      documentId,
    ]);
    const due = new Date(opened.getTime() + HOUR * 1000);
    const read = async () => {
      const from = new Date();
      const res = await api.get('/api/supervisor/overdue', director);
      const to = new Date();
      const item = res.body.items.find((i: { documentId: string }) => i.documentId === documentId);
      expect(item).toBeDefined();
      return { item, from, to };
    };
    /** The reported figure lies between the calendar's count up to the request's start and up to its end. */
    const within = (seconds: number, since: Date, from: Date, to: Date, calendar: WorkCalendar) => {
      expect(seconds).toBeGreaterThanOrEqual(Math.floor(workingTimeBetween(since, from, calendar) / 1000) - 1);
      expect(seconds).toBeLessThanOrEqual(Math.ceil(workingTimeBetween(since, to, calendar) / 1000) + 1);
    };

    const before = await read();
    const calendarBefore = await tableCalendar();
    within(before.item.workingAgeSeconds, opened, before.from, before.to, calendarBefore);
    within(before.item.overdueWorkingSeconds, due, before.from, before.to, calendarBefore);

    const holiday = await workingDayBetween(addCalendarDays(openedDay, 1), bangkokDateOf(new Date()));
    await addHoliday(holiday, 'วันหยุดพิเศษทดสอบอายุงาน');
    const after = await read();
    const calendarAfter = await tableCalendar();
    expect(calendarAfter.holidays).toContain(holiday);
    within(after.item.workingAgeSeconds, opened, after.from, after.to, calendarAfter);
    within(after.item.overdueWorkingSeconds, due, after.from, after.to, calendarAfter);
    // A whole office day (08.30–16.30) fewer, less what passed between the two reads.
    const passed = Math.ceil(workingTimeBetween(before.from, after.to, calendarAfter) / 1000) + 2;
    expect(before.item.workingAgeSeconds - after.item.workingAgeSeconds).toBeGreaterThanOrEqual(8 * HOUR - passed);
    expect(before.item.workingAgeSeconds - after.item.workingAgeSeconds).toBeLessThanOrEqual(8 * HOUR + 2);
  });

  it('GET /api/dashboard/stages: the working time spent in a stage loses the administrator’s new holiday', async () => {
    const [doc] = await query('SELECT stage FROM documents WHERE id = ?', [documentId]);
    // The stay still under way, counted up to a fixed instant four weeks on.
    const later = new Date(Date.now() + 28 * 24 * HOUR * 1000);
    const figures = async () => {
      const res = await stagesDashboard(
        system.ds,
        { unitId: 'district-1011' } as DashboardQuery,
        (since) => officeCalendar(system, since),
        later,
      );
      const stage = res.stages.find((s) => s.stage === doc.stage);
      expect(stage).toBeDefined();
      return stage!;
    };
    const before = await figures();
    const holiday = await workingDayBetween(
      addCalendarDays(bangkokDateOf(new Date()), 2),
      addCalendarDays(bangkokDateOf(later), -1),
    );
    await addHoliday(holiday, 'วันหยุดพิเศษทดสอบแดชบอร์ด');
    const after = await figures();
    expect(after.medianSeconds).toBe(before.medianSeconds);
    expect(before.medianWorkingSeconds! - after.medianWorkingSeconds!).toBe(8 * HOUR);

    // Through HTTP the dashboard gives the working figures beside the wall-clock ones.
    const res = await api.get('/api/dashboard/stages?unitId=district-1011', director);
    expect(res.status).toBe(200);
    const stage = res.body.stages.find((s: { stage: string }) => s.stage === doc.stage);
    expect(stage).toHaveProperty('medianWorkingSeconds');
    expect(stage).toHaveProperty('p90WorkingSeconds');
  });
});
