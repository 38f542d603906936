/** The whole incoming life that the lifecycle and cluster benchmarks drive through the HTTP API. */

/** Updates in one life: registration + assign + propose + 2 × send on + approve + close. */
export const UPDATES_PER_LIFE = 7;

export interface LivesRun {
  seconds: number;
  perSecond: number;
  /** Latency of a task action, ms. */
  p50: number;
  p95: number;
}

/**
 * `lives` incoming letters, `concurrency` at a time: the clerk registers, assigns to staff, staff proposes to the
 * director through three levels (head, assistant, director), the head and the assistant send on with a minute,
 * the director approves, staff closes.
 */
export async function runLives(baseUrl: string, lives: number, concurrency: number): Promise<LivesRun> {
  const http = client(baseUrl);
  const tokens = Object.fromEntries(
    await Promise.all(
      ['clerk', 'staff', 'head', 'assistant', 'director'].map(async (r) => [r, await http.login(`${r}.ladkrabang`)]),
    ),
  ) as Record<string, string>;
  const staffId = ((await http.call('GET', '/api/me', tokens.staff)) as { id: string }).id;
  const latencies: number[] = [];
  const act = async (token: string, documentId: string, body: Record<string, unknown>) => {
    const taskId = await openTask(http, token, documentId);
    const t0 = performance.now();
    await http.call('POST', `/api/tasks/${taskId}/actions`, token, body);
    latencies.push(performance.now() - t0);
  };
  const started = performance.now();
  await pool(lives, concurrency, async (i) => {
    const reg = (await http.call('POST', '/api/documents/incoming', tokens.clerk, {
      subject: `ขอความเห็นชอบโครงการ ${i}`,
      urgency: 'urgent',
      sender: { name: 'สำนักการโยธา', number: `กท 9104/${i + 1}` },
    })) as { id: string };
    await act(tokens.clerk, reg.id, { action: 'assign', toUserId: staffId });
    await act(tokens.staff, reg.id, {
      action: 'propose',
      toPositionId: 'district-1011-director',
      comment: 'เห็นควรเสนอ',
    });
    await act(tokens.head, reg.id, { action: 'propose', comment: 'เห็นควรอนุมัติ' });
    await act(tokens.assistant, reg.id, { action: 'propose', comment: 'เห็นควรอนุมัติ' });
    await act(tokens.director, reg.id, { action: 'approve', comment: 'อนุมัติ' });
    await act(tokens.staff, reg.id, { action: 'close', comment: 'ดำเนินการแล้ว' });
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)]);
  return { seconds, perSecond: lives / seconds, p50: pct(0.5), p95: pct(0.95) };
}

async function openTask(http: ReturnType<typeof client>, token: string, documentId: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const doc = (await http.call('GET', `/api/documents/${documentId}`, token, undefined, true)) as {
      openTasks?: Array<{ taskId: string; availableActions: string[] }>;
    } | null;
    const task = doc?.openTasks?.find((t) => t.availableActions.length > 0);
    if (task) return task.taskId;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no open task of mine on ${documentId}`);
}

export function client(baseUrl: string) {
  return {
    async call(method: string, path: string, token?: string, body?: unknown, allowMissing = false): Promise<unknown> {
      const res = await fetch(baseUrl + path, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (allowMissing && res.status === 404) return null;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    },
    async login(username: string): Promise<string> {
      return (
        (await this.call('POST', '/api/auth/login', undefined, { username, password: 'saraban-demo' })) as {
          token: string;
        }
      ).token;
    },
  };
}

export async function pool(count: number, size: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < count) await work(next++);
    }),
  );
}
