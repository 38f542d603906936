/**
 * `npm run org:import` (dist/scripts/org-import.js, run as its own process against a system started with no demo
 * data): the demo organisation file loads into an empty database and admin:create can then make the first
 * administrator in it; the same file again changes nothing; a changed file makes exactly its changes (a user it
 * drops is switched off and their session refused); an invalid file exits 1 naming the JSON path and writes nothing;
 * a dry run writes nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { apiClient } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { startTestSystem, type TestSystem } from '../support/system';

const dist = join(__dirname, '..', '..', 'dist', 'scripts');
// The project's copy of shared/fixtures/demo-org.json (with the demo administrator's post, dept-14-sysadmin).
const demoPath = join(__dirname, '..', '..', 'seed', 'demo-org.json');

type Org = Record<'units' | 'positions' | 'users' | 'oversight' | 'acting', Array<Record<string, unknown>>>;

describe.each(testDatabaseKinds())('npm run org:import on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  const dir = mkdtempSync(join(tmpdir(), 'org-import-'));
  const demo = () => JSON.parse(readFileSync(demoPath, 'utf8')) as Org;
  const { units, positions, users, oversight, acting } = demo();
  const total = units.length + positions.length + users.length + oversight.length + acting.length;
  const fileWith = (name: string, org: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof org === 'string' ? org : JSON.stringify(org, null, 1));
    return path;
  };
  const run = (script: string, args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)('node', [join(dist, script), ...args], {
      env: { ...process.env, DATABASE_URL: system.env.DATABASE_URL, LOG_LEVEL: 'error', ...env },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const orgImport = (...args: string[]) => run('org-import.js', args);
  const query = (sql: string, params: unknown[] = []) =>
    system.ds.query(sql, params) as Promise<Array<Record<string, unknown>>>;
  /** Every row the import may write, so "nothing written" compares the whole of it. */
  const everything = async () =>
    JSON.stringify([
      await query('SELECT * FROM units ORDER BY id'),
      await query('SELECT * FROM positions ORDER BY id'),
      await query(
        'SELECT id, username, display_name, position_id, roles, email, active, imported FROM users ORDER BY id',
      ),
      await query('SELECT * FROM oversight ORDER BY id'),
      await query('SELECT * FROM acting_appointments ORDER BY id'),
      await query('SELECT token_hash, revoked_at FROM sessions ORDER BY token_hash'),
      await query('SELECT COUNT(*) AS n FROM audit_log'),
    ]);
  const countOf = async (table: string) => Number((await query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const adminPassword = 'ระบบสารบรรณ-2569-first';

  beforeAll(async () => {
    for (const script of ['org-import.js', 'admin-create.js'])
      if (!existsSync(join(dist, script)))
        throw new Error(`dist/scripts/${script} is missing: run npm run build:backend`);
    system = await startTestSystem(kind, { env: { SEED_DEMO: 'false' }, worker: false });
    api = apiClient(system.baseUrl);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('a dry run into the empty database prints what it would load and writes nothing', async () => {
    expect(await countOf('units')).toBe(0);
    const before = await everything();
    const result = await orgImport(demoPath, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dry run: nothing written');
    expect(result.stdout).toContain(`unit: ${units.length} created, 0 updated, 0 deactivated`);
    expect(result.stdout).toContain(`user: ${users.length} created, 0 updated, 0 deactivated`);
    expect(result.stdout).toContain(`${total} change(s) would be made`);
    expect(await everything()).toBe(before);
  });

  it('loads the demo file into the empty database, audited as org-import, and admin:create works in it', async () => {
    const result = await orgImport(demoPath);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`position: ${positions.length} created, 0 updated, 0 deactivated`);
    expect(result.stdout).toContain(`acting: ${acting.length} created`);
    expect(result.stdout).toContain(`${total} change(s) made`);
    for (const [table, rows] of [
      ['units', units],
      ['positions', positions],
      ['users', users],
      ['oversight', oversight],
      ['acting_appointments', acting],
    ] as const)
      expect(await countOf(table)).toBe(rows.length);

    const audits = await query('SELECT actor_user_id, action, details FROM audit_log ORDER BY id');
    expect(audits).toHaveLength(total + 1);
    expect(new Set(audits.map((a) => a.actor_user_id))).toEqual(new Set(['org-import']));
    const summary = JSON.parse(String(audits.at(-1)!.details)) as Record<string, any>;
    expect(audits.at(-1)!.action).toBe('org.imported');
    expect(summary).toMatchObject({
      file: 'demo-org.json',
      counts: { unit: { created: units.length }, user: { created: users.length } },
    });
    expect(audits.map((a) => String(a.details)).join('\n')).not.toContain('password');

    // An imported user has no usable password: they sign in by OIDC or once an administrator sets one.
    const refused = await api.post('/api/auth/login', { username: 'staff.ladkrabang', password: 'saraban-demo' });
    expect(refused.status).toBe(401);

    const created = await run(
      'admin-create.js',
      ['--username', 'first.admin', '--name', 'นางสาวแรก ผู้ดูแล', '--position', 'dept-14-sysadmin'],
      { ADMIN_PASSWORD: adminPassword },
    );
    expect(created).toMatchObject({ code: 0, stdout: expect.stringContaining('administrator first.admin created') });
    const admin = await api.login('first.admin', adminPassword);
    expect((await api.get('/api/me', admin)).body.position.id).toBe('dept-14-sysadmin');
  });

  it('the same file again changes nothing, and leaves the account admin:create made alone', async () => {
    const before = await everything();
    const result = await orgImport(demoPath);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 change(s) made');
    expect(result.stdout).not.toMatch(/ [1-9]\d* (created|updated|deactivated)/);
    expect(await everything()).toBe(before);
    expect(Number((await query("SELECT active FROM users WHERE username = 'first.admin'"))[0].active)).toBe(1);
  });

  it('a changed file makes exactly its changes: a renamed unit, a moved position, a dropped user signed out', async () => {
    const admin = await api.login('first.admin', adminPassword);
    const [staff] = await query("SELECT id FROM users WHERE username = 'staff.ladkrabang'");
    const set = await api.post(
      `/api/admin/users/${String(staff.id)}/password`,
      { password: 'ลาดกระบัง-2569-staff' },
      admin,
    );
    expect(set.status).toBe(204);
    const staffToken = await api.login('staff.ladkrabang', 'ลาดกระบัง-2569-staff');
    expect((await api.get('/api/me', staffToken)).status).toBe(200);

    const org = demo();
    org.units.find((u) => u.id === 'dept-02')!.name = 'สำนักอนามัยและสิ่งแวดล้อม';
    org.positions.find((p) => p.id === 'district-1011-admin-clerk')!.unitId = 'district-1011-civil';
    org.users = org.users.filter((u) => u.username !== 'staff.ladkrabang');
    const changed = fileWith('changed.json', org);

    const before = await everything();
    const dry = await orgImport(changed, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('3 change(s) would be made');
    expect(await everything()).toBe(before);

    const audited = await countOf('audit_log');
    const result = await orgImport(changed);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.filter((l) => /^ {2}(updated|deactivated) /.test(l))).toEqual([
      '  updated unit dept-02: name',
      '  updated position district-1011-admin-clerk: unit_id',
      '  deactivated user staff.ladkrabang: active',
    ]);
    expect(result.stdout).toContain('3 change(s) made');

    expect(await query("SELECT name, active FROM units WHERE id = 'dept-02'")).toEqual([
      { name: 'สำนักอนามัยและสิ่งแวดล้อม', active: expect.anything() },
    ]);
    expect((await query("SELECT unit_id FROM positions WHERE id = 'district-1011-admin-clerk'"))[0].unit_id).toBe(
      'district-1011-civil',
    );
    // Switched off, not deleted, and signed out at once (not after the org cache's 30 s).
    expect(Number((await query("SELECT active FROM users WHERE username = 'staff.ladkrabang'"))[0].active)).toBe(0);
    expect((await api.get('/api/me', staffToken)).status).toBe(401);
    const login = await api.post('/api/auth/login', { username: 'staff.ladkrabang', password: 'ลาดกระบัง-2569-staff' });
    expect(login.status).toBe(401);

    const audits = await query(
      "SELECT actor_user_id, action, details FROM audit_log WHERE id > ? AND action <> 'auth.login_failed' ORDER BY id",
      [audited],
    );
    expect(audits.map((a) => [a.actor_user_id, a.action])).toEqual([
      ['org-import', 'org.unit_changed'],
      ['org-import', 'org.position_changed'],
      ['org-import', 'user.deactivated'],
      ['org-import', 'org.imported'],
    ]);
    expect(JSON.parse(String(audits[0].details))).toMatchObject({
      unit: ['dept-02'],
      before: { name: 'สำนักอนามัย' },
      after: { name: 'สำนักอนามัยและสิ่งแวดล้อม' },
    });

    // The demo file again brings the user back (with the password the administrator set) and undoes the rest.
    const back = await orgImport(demoPath);
    expect(back.stdout).toContain('3 change(s) made');
    expect((await api.login('staff.ladkrabang', 'ลาดกระบัง-2569-staff')).length).toBeGreaterThan(10);
  });

  it('an invalid file exits 1 naming each JSON path and its problem, and writes nothing', async () => {
    const before = await everything();
    const cases: Array<[string, (org: Org) => void, string[]]> = [
      [
        'references',
        (org) => {
          org.units.find((u) => u.id === 'dept-03')!.parentId = 'no-such-unit';
          org.positions.push({ ...org.positions[1], id: 'orphan', unitId: 'gone' });
          org.users.push({ ...org.users[0], displayName: 'ซ้ำ' });
        },
        [
          'units[8].parentId: no unit "no-such-unit" in the file',
          `positions[${positions.length}].unitId: no unit "gone" in the file`,
          `users[${users.length}].username: duplicate username "governor" (also users[0])`,
        ],
      ],
      [
        'cycle',
        (org) => {
          org.units.find((u) => u.id === 'bma')!.parentId = 'district-1011-admin';
        },
        [
          'units[0].parentId: cycle in the chain of command (unit tree): bma → district-1011-admin → district-1011 → bma',
        ],
      ],
      [
        'names',
        (org) => {
          org.units[2].name = '   ';
          org.positions[3].title = 'à¸ªà¸³à¸™à¸±à¸';
          org.users[4].displayName = 'ั่นายสมชาย';
        },
        ['units[2].name: empty', 'positions[3].title: garbled text', 'users[4].displayName: a Thai vowel or tone mark'],
      ],
    ];
    for (const [name, change, messages] of cases) {
      const org = demo();
      change(org);
      const result = await orgImport(fileWith(`${name}.json`, org));
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      for (const message of messages) expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('nothing written');
    }
    const notJson = await orgImport(fileWith('broken.json', '{"units": ['));
    expect(notJson).toMatchObject({ code: 1, stderr: expect.stringContaining('is not JSON') });
    const noFile = await orgImport(join(dir, 'missing.json'));
    expect(noFile).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot read') });
    expect(await everything()).toBe(before);
  });
});
