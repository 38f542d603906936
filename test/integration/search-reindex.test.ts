/**
 * `npm run search:reindex` (dist/scripts/search-reindex.js, run as its own process against the suite's database):
 * with the index emptied, search finds nothing; after the command it finds the documents again, and a second run
 * changes nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { buildOutgoing, waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';

const script = join(__dirname, '..', '..', 'dist', 'scripts', 'search-reindex.js');

describe.each(testDatabaseKinds())('npm run search:reindex on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let clerk: string;
  let staff: string;
  const ids: Record<string, string> = {};

  const search = async (q: string, token = clerk) => {
    const res = await api.get(`/api/documents?q=${encodeURIComponent(q)}`, token);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ id: string }>).map((d) => d.id).sort();
  };
  const terms = async () =>
    Number(((await system.ds.query('SELECT COUNT(*) AS n FROM search_terms')) as Array<{ n: unknown }>)[0].n);
  const reindex = async () => {
    const { stdout } = await promisify(execFile)('node', [script, '--batch-size', '2'], {
      env: { ...process.env, DATABASE_URL: system.env.DATABASE_URL, LOG_LEVEL: 'error' },
    });
    return stdout;
  };

  beforeAll(async () => {
    if (!existsSync(script)) throw new Error('dist/scripts/search-reindex.js is missing: run `npm run build:backend`');
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    clerk = await api.login('clerk.ladkrabang');
    staff = await api.login('staff.ladkrabang');
    for (const [name, subject] of [
      ['flood', 'ขอความร่วมมือเตรียมการป้องกันน้ำท่วมฤดูฝน'],
      ['meeting', 'ขอเชิญประชุมคณะกรรมการพัฒนาระบบสารบรรณอิเล็กทรอนิกส์'],
      ['budget', 'การจัดสรรงบประมาณรายจ่ายประจำปี'],
    ]) {
      const res = await api.post('/api/documents/incoming', buildIncoming({ subject }), clerk);
      expect(res.status).toBe(201);
      ids[name] = res.body.id as string;
    }
    const draft = await api.post(
      '/api/documents',
      buildOutgoing({
        subject: 'ขอความอนุเคราะห์ใช้สถานที่',
        body: { recipient: 'เรียน ผู้อำนวยการเขตพระนคร', body: 'เพื่อจัดอบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน' },
      }),
      staff,
    );
    expect(draft.status).toBe(201);
    ids.draft = draft.body.id as string;
    await waitFor(
      () => system.ds.query('SELECT id FROM documents WHERE id = ?', [ids.draft]) as Promise<unknown[]>,
      (rows) => rows.length === 1,
    );
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('rebuilds the index of every document after its rows were lost, and a second run changes nothing', async () => {
    expect(await search('น้ำท่วม')).toEqual([ids.flood]);
    expect(await search('อาสาสมัคร', staff)).toEqual([ids.draft]);
    const before = await terms();
    const [{ n: documents }] = (await system.ds.query('SELECT COUNT(*) AS n FROM documents')) as Array<{ n: unknown }>;

    await system.ds.query('DELETE FROM search_terms');
    expect(await search('น้ำท่วม')).toEqual([]);
    expect(await search('ประชุม')).toEqual([]);
    expect(await search('อาสาสมัคร', staff)).toEqual([]);

    const out = await reindex();
    expect(out).toContain(
      `search index rebuilt: ${Number(documents)} documents in ${Math.ceil(Number(documents) / 2)} batches, 0 terms before, ${before} after`,
    );
    expect(await terms()).toBe(before);
    expect(await search('น้ำท่วม')).toEqual([ids.flood]);
    expect(await search('ประชุม คณะกรรมการ')).toEqual([ids.meeting]);
    expect(await search('งบประมาณ')).toEqual([ids.budget]);
    expect(await search('อาสาสมัคร', staff)).toEqual([ids.draft]); // the outgoing body's words

    const again = await reindex();
    expect(again).toContain(`${before} terms before, ${before} after`);
    expect(await search('น้ำท่วม')).toEqual([ids.flood]);
  });
});
