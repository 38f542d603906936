// The parts of `npm run setup` that only the production topology needs (`npm run setup -- --cluster`): the Temporal
// server, its SQL schema tool and the Temporal UI, built from Go modules once and cached outside the clone, and nginx.
// Idempotent: a second run finds them and takes no time. Plain Node, like setup.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const say = (msg) => console.log(`[setup] ${msg}`);

/** The cache folder: SARABAN_TOOLS_CACHE, else $XDG_CACHE_HOME/saraban, else ~/.cache/saraban. */
export function toolsCache() {
  return process.env.SARABAN_TOOLS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'saraban');
}

export function clusterVersions() {
  return JSON.parse(readFileSync(join(root, 'deploy', 'temporal', 'versions.json'), 'utf8'));
}

function goBinary() {
  for (const dir of (process.env.PATH ?? '').split(':')) if (existsSync(join(dir, 'go'))) return join(dir, 'go');
  return existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined;
}

/** go install of one or more packages at a version into `dest`, renaming each binary; throws on failure. */
function goInstall(go, packages, dest) {
  const bin = mkdtempSync(join(tmpdir(), 'saraban-gobin-'));
  const started = Date.now();
  say(`$ go install ${packages.map((p) => p.pkg).join(' ')} (once per machine; about 7 min on 2 cores)`);
  const r = spawnSync(go, ['install', ...packages.map((p) => p.pkg)], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: bin, GOFLAGS: '-mod=mod' },
  });
  if (r.status !== 0) throw new Error(`go install ${packages.map((p) => p.pkg).join(' ')} failed (exit ${r.status})`);
  mkdirSync(dest, { recursive: true });
  for (const p of packages) renameSync(join(bin, p.built), join(dest, p.name));
  rmSync(bin, { recursive: true, force: true });
  say(`built in ${Math.round((Date.now() - started) / 1000)} s into ${dest}`);
}

/** The Temporal server and schema tool, with the PostgreSQL schema folders copied beside them. */
function temporalServer(go, version) {
  const dir = join(toolsCache(), `temporal-${version}`);
  if (existsSync(join(dir, '.complete'))) return say(`Temporal server ${version}: ${dir}`);
  goInstall(
    go,
    [
      { pkg: `go.temporal.io/server/cmd/server@${version}`, built: 'server', name: 'temporal-server' },
      { pkg: `go.temporal.io/server/cmd/tools/sql@${version}`, built: 'sql', name: 'temporal-sql-tool' },
    ],
    dir,
  );
  const gomodcache = execFileSync(go, ['env', 'GOMODCACHE']).toString().trim();
  cpSync(
    join(gomodcache, `go.temporal.io/server@${version}`, 'schema', 'postgresql'),
    join(dir, 'schema', 'postgresql'),
    {
      recursive: true,
    },
  );
  writeFileSync(join(dir, '.complete'), new Date().toISOString());
}

function temporalUi(go, version) {
  const dir = join(toolsCache(), `temporal-ui-${version}`);
  if (existsSync(join(dir, '.complete'))) return say(`Temporal UI ${version}: ${dir}`);
  goInstall(
    go,
    [{ pkg: `github.com/temporalio/ui-server/v2/cmd/server@${version}`, built: 'server', name: 'temporal-ui-server' }],
    dir,
  );
  writeFileSync(join(dir, '.complete'), new Date().toISOString());
}

/** nginx from Debian, without letting its package start a system-wide nginx on port 80. */
function nginx() {
  if (existsSync('/usr/sbin/nginx')) return say('nginx: present');
  if (process.getuid?.() !== 0) throw new Error('nginx is missing: sudo apt-get install -y nginx');
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    for (const args of [
      ['update', '-qq'],
      ['install', '-y', '-qq', '--no-install-recommends', 'nginx'],
    ]) {
      const r = spawnSync('apt-get', args, {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
    }
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
}

/** Everything start:cluster and the cluster tests need that is not an npm package. */
export function setupCluster() {
  const go = goBinary();
  const versions = clusterVersions();
  const cached = [`temporal-${versions.server}`, `temporal-ui-${versions.ui}`].every((d) =>
    existsSync(join(toolsCache(), d, '.complete')),
  );
  if (!go && !cached)
    throw new Error(
      'Go is needed once to build the Temporal server for the cluster (https://go.dev/dl, then run again)',
    );
  temporalServer(go, versions.server);
  temporalUi(go, versions.ui);
  nginx();
}
