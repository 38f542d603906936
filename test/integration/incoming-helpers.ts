import { seededUserId } from '../../db/seed';
import { apiClient, buildIncoming } from '../support/api-client';
import type { TestSystem } from '../support/system';

type Api = ReturnType<typeof apiClient>;
type Row = Record<string, any>;

/** The stable id of a demo user. */
export const userId = (username: string) => seededUserId(username);

/** Drives incoming lives through the API as the demo users, the way the web client does. */
export function incomingDriver(system: TestSystem) {
  const api: Api = apiClient(system.baseUrl);
  const tokens = new Map<string, string>();

  async function tokenOf(username: string): Promise<string> {
    if (!tokens.has(username)) tokens.set(username, await api.login(username));
    return tokens.get(username)!;
  }

  return {
    api,
    tokenOf,
    /** Registers a document as a clerk (default clerk.ladkrabang) and returns the 201 body. */
    async register(overrides: Record<string, unknown> = {}, clerk = 'clerk.ladkrabang') {
      const res = await api.post('/api/documents/incoming', buildIncoming(overrides), await tokenOf(clerk));
      if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Row;
    },
    /** A step on a task as a user: the whole response (status and body). */
    async act(username: string, taskId: string, body: Record<string, unknown>, headers?: Record<string, string>) {
      return api.post(`/api/tasks/${taskId}/actions`, body, await tokenOf(username), headers);
    },
    /** A step that must succeed: its body. */
    async ok(username: string, taskId: string, body: Record<string, unknown>) {
      const res = await api.post(`/api/tasks/${taskId}/actions`, body, await tokenOf(username));
      if (res.status !== 200)
        throw new Error(`${username} ${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Row;
    },
    /** The user's open task on a document (waits for it: a child workflow may open it a moment later). */
    async taskOf(username: string, documentId: string, type?: string, timeoutMs = 20_000): Promise<Row> {
      const token = await tokenOf(username);
      const until = Date.now() + timeoutMs;
      for (;;) {
        const inbox = await api.get('/api/inbox?limit=200', token);
        const task = (inbox.body.items as Row[]).find(
          (t) => t.documentId === documentId && (type === undefined || t.type === type),
        );
        if (task) return task;
        if (Date.now() > until) throw new Error(`${username} has no ${type ?? ''} task on ${documentId}`);
        await sleep(200);
      }
    },
    /** GET /api/documents/:id as a user. */
    async doc(username: string, documentId: string): Promise<Row> {
      const res = await api.get(`/api/documents/${documentId}`, await tokenOf(username));
      if (res.status !== 200) throw new Error(`document ${documentId}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Row;
    },
    /** The rows of the task read model for a document, oldest first. */
    async taskRows(documentId: string): Promise<Row[]> {
      return (await system.ds.query('SELECT * FROM tasks WHERE document_id = ? ORDER BY created_at, id', [
        documentId,
      ])) as Row[];
    },
    /** The audit actions of a document, in order. */
    async actions(documentId: string): Promise<string[]> {
      const rows = (await system.ds.query('SELECT action FROM audit_log WHERE document_id = ? ORDER BY id', [
        documentId,
      ])) as Row[];
      return rows.map((r) => String(r.action));
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `probe` until it returns something truthy (or throws after the timeout). */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await sleep(200);
  }
}
