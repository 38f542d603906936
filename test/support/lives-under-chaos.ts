import type { DataSource } from 'typeorm';
import { verifyAuditChain } from '../../db/audit';
import { apiClient, buildIncoming, type ApiResponse } from './api-client';

/** What a client saw while lives ran through chaos. */
export interface ChaosLoad {
  /** The receipt number each registration got. */
  numbers: number[];
  /** Every status that was not 2xx, by status, and what the last of each said. */
  refusals: Map<number, { count: number; last: string }>;
  /** Requests that failed at the network (no HTTP answer at all). */
  networkErrors: number;
  /** The first life that failed, if one did. */
  failed?: Error;
}

/** A step still failing after this long has failed (the system never came back). */
const STEP_DEADLINE_MS = 120_000;

/**
 * `count` incoming letters, each registered by clerk.ladkrabang, assigned to staff.ladkrabang and closed by them,
 * 16 at a time, through `baseUrl`. Every step carries its own Idempotency-Key and is retried with it while the
 * system answers 5xx or the network fails, as a client should; every non-2xx answer is counted.
 */
export async function runLivesUnderChaos(o: {
  baseUrl: string;
  count: number;
  /** Idempotency keys and subjects start with it, so runs never share keys. */
  prefix: string;
}): Promise<ChaosLoad> {
  const api = apiClient(o.baseUrl);
  const [clerk, staff] = [await api.login('clerk.ladkrabang'), await api.login('staff.ladkrabang')];
  const staffId = (await api.get('/api/me', staff)).body.id as string;
  const load: ChaosLoad = { numbers: [], refusals: new Map(), networkErrors: 0 };

  /** What the document looked like when a step was refused, so that a failure explains itself. */
  const explain = async (documentId?: string): Promise<string> => {
    if (!documentId) return '';
    const doc = await api.get(`/api/documents/${documentId}`, clerk).catch((e: Error) => ({ body: e.message }));
    return `; the document then: ${JSON.stringify(doc.body).slice(0, 4000)}`;
  };
  const retry = async (step: string, call: () => Promise<ApiResponse>, documentId?: string): Promise<ApiResponse> => {
    const seen: string[] = [];
    const giveUpAt = Date.now() + STEP_DEADLINE_MS;
    for (let attempt = 1; ; attempt++) {
      // Once one life has failed the run is over: the others stop instead of retrying against a stopped system.
      if (load.failed) throw load.failed;
      if (Date.now() > giveUpAt) {
        load.failed = new Error(
          `refused: ${step} still failing after ${attempt - 1} attempts: ${seen.slice(-5).join(', ')}`,
        );
        throw load.failed;
      }
      try {
        const res = await call();
        if (res.status < 300) return res;
        const before = load.refusals.get(res.status) ?? { count: 0, last: '' };
        load.refusals.set(res.status, { count: before.count + 1, last: JSON.stringify(res.body).slice(0, 300) });
        seen.push(`${res.status} from ${res.headers.get('x-instance') ?? 'the proxy'}`);
        // No 409 even after a retry: a step whose answer was lost is answered again with that answer (its key).
        if (res.status < 500)
          throw new Error(
            `refused: ${step}, attempt ${attempt} (${seen.join(', ')}): ${res.status} ${JSON.stringify(res.body)}` +
              (await explain(documentId)),
          );
      } catch (error) {
        if ((error as Error).message.startsWith('refused')) {
          load.failed ??= error as Error;
          throw error;
        }
        seen.push(`network error ${(error as Error).message}`);
        load.networkErrors++;
      }
      await sleep(Math.min(2000, 100 * attempt));
    }
  };
  const openTaskOf = async (documentId: string, token: string): Promise<string> => {
    for (const giveUpAt = Date.now() + STEP_DEADLINE_MS; ;) {
      if (load.failed) throw load.failed;
      if (Date.now() > giveUpAt) {
        load.failed = new Error(`no open task of mine on ${documentId} after ${STEP_DEADLINE_MS / 1000} s`);
        throw load.failed;
      }
      const doc = await api.get(`/api/documents/${documentId}`, token).catch(() => undefined);
      const task =
        doc?.status === 200
          ? (doc.body.openTasks as Array<{ taskId: string; availableActions: string[] }>).find(
              (t) => t.availableActions.length,
            )
          : undefined;
      if (task) return task.taskId;
      await sleep(200);
    }
  };

  await pool(
    Array.from({ length: o.count }, (_, i) => i),
    16,
    async (i) => {
      const reg = await retry(`register ${i}`, () =>
        api.post('/api/documents/incoming', buildIncoming({ subject: `ทนทาน ${o.prefix} ${i}` }), clerk, {
          'idempotency-key': `${o.prefix}-${i}-reg`,
        }),
      );
      load.numbers.push(reg.body.receipt.number as number);
      const triage = await openTaskOf(reg.body.id as string, clerk);
      await retry(
        `assign ${i} (task ${triage})`,
        () =>
          api.post(`/api/tasks/${triage}/actions`, { action: 'assign', toUserId: staffId }, clerk, {
            'idempotency-key': `${o.prefix}-${i}-assign`,
          }),
        reg.body.id as string,
      );
      const act = await openTaskOf(reg.body.id as string, staff);
      await retry(
        `close ${i} (task ${act}, document ${reg.body.id})`,
        () =>
          api.post(`/api/tasks/${act}/actions`, { action: 'close' }, staff, {
            'idempotency-key': `${o.prefix}-${i}-close`,
          }),
        reg.body.id as string,
      );
    },
  );
  return load;
}

/**
 * The database after `count` lives of runLivesUnderChaos: receipt numbers 1..count with no gap or duplicate, every
 * document closed, no open, orphan or double task (two per document), one audit row per step and an intact chain.
 * Returns a line that says so.
 */
export async function expectLivesIntact(ds: DataSource, count: number, numbers: number[]): Promise<string> {
  expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  const q = (sql: string) => ds.query(sql) as Promise<Array<Record<string, unknown>>>;
  const stages = await q("SELECT stage, COUNT(*) AS n FROM documents WHERE direction = 'incoming' GROUP BY stage");
  expect(stages.map((s) => [s.stage, Number(s.n)])).toEqual([['closed', count]]);
  const registerRows = await q(
    "SELECT COUNT(*) AS n, COUNT(DISTINCT number) AS d, MAX(number) AS m FROM register_entries WHERE register = 'receipt'",
  );
  expect(registerRows[0]).toEqual({ n: expect.anything(), d: expect.anything(), m: expect.anything() });
  expect([Number(registerRows[0].n), Number(registerRows[0].d), Number(registerRows[0].m)]).toEqual([
    count,
    count,
    count,
  ]);
  const openTasks = await q("SELECT COUNT(*) AS n FROM tasks WHERE status = 'open'");
  expect(Number(openTasks[0].n)).toBe(0);
  const tasksPerDoc = await q('SELECT document_id, COUNT(*) AS n FROM tasks GROUP BY document_id');
  expect(new Set(tasksPerDoc.map((r) => Number(r.n)))).toEqual(new Set([2]));
  const orphans = await q(
    'SELECT COUNT(*) AS n FROM tasks t LEFT JOIN documents d ON d.id = t.document_id WHERE d.id IS NULL',
  );
  expect(Number(orphans[0].n)).toBe(0);
  const auditPerDoc = await q(
    'SELECT document_id, action, COUNT(*) AS n FROM audit_log WHERE document_id IS NOT NULL GROUP BY document_id, action',
  );
  expect(auditPerDoc.filter((r) => Number(r.n) !== 1)).toEqual([]);
  const actions = new Map<string, number>();
  for (const r of auditPerDoc) actions.set(String(r.action), (actions.get(String(r.action)) ?? 0) + 1);
  for (const action of ['document.registered', 'task.assigned', 'document.closed'])
    expect(actions.get(action)).toBe(count);
  expect((await verifyAuditChain(ds.manager)).ok).toBe(true);
  return `numbers 1..${count}, 0 duplicates, 0 gaps, 0 open tasks, ${tasksPerDoc.length * 2} tasks, audit chain intact`;
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
