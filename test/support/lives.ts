import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Client } from '@temporalio/client';
import type { ApiResponse } from './api-client';
import type { apiClient } from './api-client';

type Api = ReturnType<typeof apiClient>;

/** A valid outgoing memo from Lad Krabang to Phra Nakhon; override what a test cares about. */
export function buildOutgoing(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'memo',
    subject: 'ขอความร่วมมือจัดเจ้าหน้าที่ร่วมตรวจสอบพื้นที่',
    urgency: 'urgent',
    secrecy: 'none',
    category: 'general',
    to: ['district-1001'],
    body: {
      recipient: 'เรียน ผู้อำนวยการเขตพระนคร',
      body: 'ด้วยสำนักงานเขตลาดกระบังจะตรวจสอบพื้นที่ร่วมกัน จึงเรียนมาเพื่อโปรดพิจารณา',
    },
    ...overrides,
  };
}

/** Polls `probe` until `done` holds (or the time runs out) and returns the last value. */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    value = await probe();
  }
  if (!done(value)) throw new Error(`timed out waiting; last value: ${JSON.stringify(value).slice(0, 2000)}`);
  return value;
}

/** The caller's open task of a document (optionally of one type), waiting for it to appear in the inbox. */
export async function taskOf(api: Api, token: string, documentId: string, type?: string) {
  const inbox = await waitFor(
    () => api.get('/api/inbox?limit=200', token),
    (res: ApiResponse) =>
      (res.body?.items ?? []).some(
        (t: { documentId: string; type: string }) => t.documentId === documentId && (!type || t.type === type),
      ),
    30_000,
  );
  return inbox.body.items.find(
    (t: { documentId: string; type: string }) => t.documentId === documentId && (!type || t.type === type),
  ) as { taskId: string; type: string; documentId: string };
}

/** Acts on a task and returns the response. */
export function act(api: Api, token: string, taskId: string, action: string, extra: Record<string, unknown> = {}) {
  return api.post(`/api/tasks/${taskId}/actions`, { action, ...extra }, token);
}

/**
 * With RECORD_HISTORIES=1 (on SQLite), keeps a workflow's history in test/fixtures/histories/<name>.json for the
 * replay tests, once the workflow has finished.
 */
export async function recordHistory(client: Client, workflowId: string, name: string, kind: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1' || kind !== 'sqlite') return;
  const handle = client.workflow.getHandle(workflowId);
  await handle.result();
  const dir = join(__dirname, '..', 'fixtures', 'histories');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), historyToJSON(await handle.fetchHistory()));
}

/** A local SMTP server that keeps what it receives: the other end of the units' central e-mail in tests. */
export async function startSmtpSink() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks)).then((m) => {
          received.push(m);
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
