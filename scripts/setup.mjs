#!/usr/bin/env node
// `npm run setup`: installs and builds whatever is missing, and nothing else, so a second run takes seconds.
// Plain Node with no dependencies: it runs before `npm install` has.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoPki, demoSigners } from './demo-pki.mjs';
import { setupCluster } from './setup-cluster.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPORAL_CLI_VERSION = 'v1.5.1';
const say = (msg) => console.log(`[setup] ${msg}`);

function run(cmd, args, opts = {}) {
  say(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

function onPath(name) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((d) => join(d, name))
    .find((p) => existsSync(p));
}

/** Newest modification time (ms) of the files under the given paths, skipping build output and dependencies. */
function newest(paths) {
  let max = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (!['node_modules', 'dist', '.angular'].includes(name)) walk(join(p, name));
    } else max = Math.max(max, s.mtimeMs);
  };
  paths.forEach((p) => walk(join(root, p)));
  return max;
}

function stale(stamp, sources) {
  const file = join(root, stamp);
  return !existsSync(file) || statSync(file).mtimeMs < newest(sources);
}

function touch(stamp) {
  mkdirSync(dirname(join(root, stamp)), { recursive: true });
  writeFileSync(join(root, stamp), new Date().toISOString());
}

function npmDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (
    existsSync(marker) &&
    statSync(marker).mtimeMs >= statSync(lock).mtimeMs - 1000 &&
    existsSync(join(root, 'node_modules', '@angular', 'core'))
  ) {
    return say('npm packages: present');
  }
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function temporalCli() {
  const local = join(root, 'tools', 'bin', 'temporal');
  if (existsSync(local)) return say(`Temporal CLI: ${local}`);
  const global = onPath('temporal');
  if (global) return say(`Temporal CLI: ${global} (from PATH)`);
  const go = onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    console.warn(`[setup] The Temporal CLI is missing and Go is not installed. Install Go (https://go.dev/dl) and run
        npm run setup again, or put a temporal ${TEMPORAL_CLI_VERSION} binary on PATH, or set TEMPORAL_ADDRESS to an
        existing Temporal server.`);
    return;
  }
  mkdirSync(join(root, 'tools', 'bin'), { recursive: true });
  run(go, ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: join(root, 'tools', 'bin'), GOFLAGS: '-mod=mod' },
  });
}

function debianPackages() {
  const wanted = {
    chromium: () => existsSync('/usr/bin/chromium'),
    'fonts-thai-tlwg': () => dpkgHas('fonts-thai-tlwg'),
    'poppler-utils': () => existsSync('/usr/bin/pdftotext'),
  };
  const missing = Object.entries(wanted)
    .filter(([, present]) => !present())
    .map(([name]) => name);
  if (missing.length === 0) return say('chromium, Thai fonts, poppler-utils: present');
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !onPath('apt-get')) {
    console.warn(`[setup] Missing: ${missing.join(', ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}
        (PDF rendering and the browser tests need them; set CHROMIUM_PATH to use another Chromium).`);
    return;
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function dpkgHas(name) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .includes('install ok installed');
  } catch {
    return false;
  }
}

async function demoPki() {
  // The demo CA and one signing key per demo signer (data/pki); production gives SIGNING_P12_DIR real PKCS#12 files.
  if (process.env.NODE_ENV === 'production') return say('demo PKI: skipped in production');
  if (!onPath('openssl'))
    return console.warn('[setup] openssl is missing: no demo signing keys (apt-get install openssl)');
  const signers = demoSigners();
  const made = await createDemoPki({ dir: join(root, 'data', 'pki'), signers, log: say });
  say(made > 0 ? `demo PKI: ${made} signing keys made (data/pki)` : 'demo PKI: present');
}

function build() {
  const backend = [
    'config',
    'seed',
    'domain',
    'workflows',
    'activities',
    'db',
    'api',
    'mail-intake',
    'worker',
    'templates',
    'scripts',
    'bench',
    'tsconfig.json',
    'tsconfig.build.json',
  ];
  if (stale('dist/.backend-stamp', backend)) {
    run('npx', ['tsc', '-p', 'tsconfig.build.json']);
    touch('dist/.backend-stamp');
  } else say('backend build: up to date');
  if (stale('dist/.workflows-stamp', ['workflows', 'domain'])) {
    run('node', ['dist/scripts/bundle-workflows.js']);
    touch('dist/.workflows-stamp');
  } else say('workflow bundle: up to date');
  if (
    stale('web/dist/.stamp', ['web/src', 'web/angular.json', 'web/tsconfig.json', 'web/tsconfig.app.json', 'domain'])
  ) {
    run('npm', ['run', 'build', '--workspace', 'web']);
    touch('web/dist/.stamp');
  } else say('web client build: up to date');
}

const started = Date.now();
try {
  npmDependencies();
  temporalCli();
  debianPackages();
  await demoPki();
  build();
  // The production topology's own tools (npm run start:cluster, the cluster tests): `--cluster`.
  if (process.argv.includes('--cluster')) setupCluster();
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`[setup] ${error.message}`);
  process.exit(1);
}
