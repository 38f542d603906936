import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadClusterSettings } from './settings';
import { repoRoot } from './tools';

describe('cluster settings', () => {
  it('defaults sit off npm start (3000, 7233, 8233) so both can run on one machine', () => {
    const s = loadClusterSettings({});
    expect(s.PORT).toBe(8080);
    expect(s.CLUSTER_API_PORTS).toEqual([3101, 3102]);
    expect(s.CLUSTER_WORKERS).toBe(2);
    expect(s.TEMPORAL_PORT_BASE).toBe(17233);
    expect(s.TEMPORAL_UI_PORT).toBe(8333);
    expect(s.MAIL_INTAKE_PORT).toBe(2525);
    expect(s.DATABASE_URL).toBe('mysql://root@127.0.0.1:3306/saraban_cluster');
  });

  it('reads numbers and lists from their text', () => {
    const s = loadClusterSettings({ PORT: '18080', CLUSTER_API_PORTS: '4101, 4102', CLUSTER_WORKERS: '3' });
    expect(s.PORT).toBe(18080);
    expect(s.CLUSTER_API_PORTS).toEqual([4101, 4102]);
    expect(s.CLUSTER_WORKERS).toBe(3);
  });

  // Each refusal names the variable on a line of its own, with our own words where zod's would not help.
  it.each([
    ['PORT', 'eighty', ''],
    ['PORT', '70000', ''],
    ['TEMPORAL_UI_PORT', '0', ''],
    ['CLUSTER_API_PORTS', '3101', 'two ports, e.g. 3101,3102'],
    ['CLUSTER_API_PORTS', '3101,http', 'two ports, e.g. 3101,3102'],
    // Temporal keeps its membership ports (base + 11…14) in a PostgreSQL smallint.
    ['TEMPORAL_PORT_BASE', '40000', ''],
    ['CLUSTER_WORKERS', '0', ''],
    ['DATABASE_URL', 'sqlite:data/x.sqlite', 'the cluster keeps its documents in MySQL 8 / MariaDB'],
    ['REDIS_URL', 'not a url', ''],
    ['TEMPORAL_DB_NAME', 'temporal; drop', ''],
  ])('%s=%s is refused, naming the variable', (name, value, words) => {
    expect(() => loadClusterSettings({ [name]: value })).toThrow(`Invalid cluster configuration:\n  ${name}: ${words}`);
  });

  it('lists every bad variable in one error', () => {
    let error: unknown;
    try {
      loadClusterSettings({ PORT: 'x', MAIL_INTAKE_PORT: '-1', NODE_ENV: 'staging' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('Invalid cluster configuration:');
    expect(lines.slice(1).map((l) => l.trim().split(':')[0])).toEqual(['PORT', 'MAIL_INTAKE_PORT', 'NODE_ENV']);
  });

  it('.env.cluster.example lists every setting, each with its default', () => {
    const example = readFileSync(join(repoRoot, '.env.cluster.example'), 'utf8');
    const listed = Object.fromEntries(
      [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]] as [string, string]),
    );
    // Every name the schema reads, found by asking it: a Proxy records each key it looks up.
    const names = new Set<string>();
    loadClusterSettings(new Proxy({}, { get: (_t, key) => void (typeof key === 'string' && names.add(key)) }));
    expect(Object.keys(listed).sort()).toEqual([...names].sort());
    expect(loadClusterSettings(listed)).toEqual(loadClusterSettings({}));
  });
});
