/**
 * One request id leads through the logs: the API's request line and the log line of each activity its step ran
 * (worker/logging.ts) carry the id the caller sent in `X-Request-Id`. The workflows' own "update accepted" lines go
 * through the Temporal runtime's logger, which is installed once per process (the first system of a Jest run owns
 * it), so they are not asserted here; `npm start` shows them in the same JSON stream.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { apiClient, buildIncoming } from '../support/api-client';
import { taskOf, waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';

type Line = Record<string, unknown>;

describe('request ids in the JSON logs (SQLite)', () => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  const lines: Line[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) if (text.trim()) lines.push(JSON.parse(text) as Line);
      done();
    },
  });

  beforeAll(async () => {
    system = await startTestSystem('sqlite', { env: { LOG_LEVEL: 'info' }, logDestination: capture });
    api = apiClient(system.baseUrl);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('registers and assigns a letter, and finds each request id on the API line and its activities lines', async () => {
    const clerk = await api.login('clerk.ladkrabang');
    const register = `register-${randomUUID()}`;
    const res = await api.request('POST', '/api/documents/incoming', {
      token: clerk,
      body: buildIncoming(),
      headers: { 'x-request-id': register },
    });
    expect(res.status).toBe(201);
    const triage = await taskOf(api, clerk, res.body.id as string, 'triage');
    const [staff] = (await system.ds.query("SELECT id FROM users WHERE username = 'staff.ladkrabang'")) as Array<{
      id: string;
    }>;
    const assign = `assign-${randomUUID()}`;
    const assigned = await api.request('POST', `/api/tasks/${triage.taskId}/actions`, {
      token: clerk,
      body: { action: 'assign', toUserId: staff.id },
      headers: { 'x-request-id': assign },
    });
    expect(assigned.status).toBe(200);

    for (const requestId of [register, assign]) {
      const mine = await waitFor(
        async () => lines.filter((l) => l.requestId === requestId),
        (found) => found.some((l) => l.msg === 'activity completed'),
        30_000,
      );
      const apiLine = mine.find((l) => l.msg === 'request');
      expect(apiLine).toMatchObject({ status: expect.any(Number), route: expect.stringMatching(/^\/api\//) });
      const activity = mine.find((l) => l.msg === 'activity completed')!;
      expect(activity).toMatchObject({
        activity: expect.any(String),
        workflowId: `doc-${res.body.id as string}`,
        attempt: expect.any(Number),
        ms: expect.any(Number),
      });
    }
  });
});
