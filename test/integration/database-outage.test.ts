import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { createConnection, type Connection } from 'mysql2/promise';
import { verifyAuditChain } from '../../db/audit';
import { seededUserId } from '../../db/seed';
import {
  incomingWorkflowId,
  registrationUpdate,
  type IncomingInput,
  type Registration,
} from '../../workflows/incoming/contract';
import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { startTestSystem, type TestSystem } from '../support/system';

/** How long the database is away (the issue says 30 s; OUTAGE_SECONDS shortens it for a quick local run). */
const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 30) * 1000;

/**
 * The database goes away for a while in the middle of a run. MariaDB: the system's own database account is locked
 * and its connections killed (connections fail at once, as when the server is down). SQLite: another process holds
 * the file's write lock. Meanwhile the API answers 503 naming the database, lives started then keep retrying their
 * activities; afterwards every one of them completes, numbers stay gap-free and the audit chain verifies.
 */
describe.each(testDatabaseKinds())('the database away for a while on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let clerk: string;
  let outage: { begin(): Promise<void>; end(): Promise<void> };
  let cleanup: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    let databaseUrl: string | undefined;
    if (kind === 'mariadb') {
      // A database and an account of its own, so locking it touches nobody else's tests on the shared server.
      const server = new URL(process.env.TEST_MYSQL_URL!);
      const name = `saraban_outage_${randomBytes(4).toString('hex')}`;
      const password = randomBytes(12).toString('hex');
      const root: Connection = await createConnection({ uri: server.toString() });
      await root.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await root.query(`CREATE USER '${name}'@'%' IDENTIFIED BY '${password}'`);
      await root.query(`GRANT ALL ON \`${name}\`.* TO '${name}'@'%'`);
      const url = new URL(server.toString());
      url.username = name;
      url.password = password;
      url.pathname = `/${name}`;
      databaseUrl = url.toString();
      outage = {
        async begin() {
          await root.query(`ALTER USER '${name}'@'%' ACCOUNT LOCK`);
          const [procs] = (await root.query('SELECT id FROM information_schema.processlist WHERE user = ?', [
            name,
          ])) as unknown as [Array<{ id: number }>];
          for (const p of procs) await root.query(`KILL CONNECTION ${Number(p.id)}`).catch(() => undefined);
        },
        async end() {
          await root.query(`ALTER USER '${name}'@'%' ACCOUNT UNLOCK`);
        },
      };
      cleanup = async () => {
        await root.query(`DROP USER IF EXISTS '${name}'@'%'`);
        await root.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await root.end();
      };
    }
    system = await startTestSystem(kind, databaseUrl ? { env: { DATABASE_URL: databaseUrl } } : {});
    if (kind === 'sqlite') {
      let locker: Database.Database | undefined;
      outage = {
        async begin() {
          locker = new Database(String(system.ds.options.database), { timeout: 5000 });
          locker.exec('BEGIN IMMEDIATE'); // the write lock, as another process writing (or a stuck backup) holds it
        },
        async end() {
          locker?.exec('ROLLBACK');
          locker?.close();
        },
      };
    }
    api = apiClient(system.baseUrl);
    clerk = await api.login('clerk.ladkrabang');
  });
  afterAll(async () => {
    await system?.stop();
    await cleanup();
  });

  it('answers 503 naming the database, lives retry, and afterwards everything completes with nothing lost', async () => {
    const before: Registration[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await api.post('/api/documents/incoming', buildIncoming({ subject: `ก่อนขัดข้อง ${i}` }), clerk);
      expect(res.status).toBe(201);
      before.push(res.body as Registration);
    }
    expect((await api.get('/api/health')).status).toBe(200);

    await outage.begin();
    const outageStarted = Date.now();
    // Lives started while the database is away: their first activity fails (or waits) and is retried.
    const started = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const documentId = randomUUID();
        const input: IncomingInput = {
          documentId,
          unitId: 'district-1011',
          registeredBy: {
            userId: seededUserId('clerk.ladkrabang'),
            displayName: 'clerk',
            roles: ['clerk'],
            unitId: 'district-1011',
          },
          receivedAt: new Date().toISOString(),
          fields: {
            subject: `ระหว่างขัดข้อง ${i}`,
            kind: 'memo',
            urgency: 'normal',
            secrecy: 'none',
            category: 'general',
            senderName: 'สำนักงานเลขานุการปลัดกรุงเทพมหานคร',
          },
        };
        return system.client.workflow.start('incomingDocument', {
          workflowId: incomingWorkflowId(documentId),
          taskQueue: system.env.TEMPORAL_TASK_QUEUE,
          args: [input],
        });
      }),
    );

    const health = await api.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', database: 'down', temporal: 'up' });
    const write = await api.post('/api/auth/logout', {}, clerk);
    expect(write.status).toBe(503);
    expect(write.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    if (kind === 'mariadb') {
      const read = await api.get('/api/inbox', clerk);
      expect(read.status).toBe(503);
      expect(read.body.error).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', message: expect.any(String) });
    }

    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - outageStarted))));
    await outage.end();

    // The lives complete on their own: activities retried until the database answered again.
    const after = await Promise.all(started.map((handle) => handle.executeUpdate(registrationUpdate)));
    expect((await api.get('/api/health')).status).toBe(200);
    const numbers = [...before, ...after].map((r) => r.receipt.number);
    const sorted = [...numbers].sort((a, b) => a - b);
    expect(sorted).toEqual(sorted.map((_, i) => sorted[0] + i)); // gap-free, none taken twice
    for (const r of after) {
      const doc = await api.get(`/api/documents/${r.id}`, clerk);
      expect(doc.status).toBe(200);
      expect(doc.body.openTasks.map((t: { type: string }) => t.type)).toEqual(['triage']);
    }
    // The session the failed logout did not end still works, and the chain of audit rows has no hole.
    expect((await api.get('/api/me', clerk)).status).toBe(200);
    expect(await verifyAuditChain(system.ds.manager)).toMatchObject({ ok: true });
    const res = await api.post('/api/documents/incoming', buildIncoming({ subject: 'หลังขัดข้อง' }), clerk);
    expect(res.body.receipt.number).toBe(Math.max(...numbers) + 1);
  });
});
