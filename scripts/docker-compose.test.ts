import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { loadEnv } from '../config/env';
import { renderProxyConfig, type ProxyValues } from './lib/cluster/proxy';
import { loadClusterSettings } from './lib/cluster/settings';
import { namespaceConfig, temporalServerSpec, temporalUiSpec } from './lib/cluster/temporal-server';
import type { ClusterTools } from './lib/cluster/tools';

/**
 * docker-compose.yml cannot run on these machines (no Docker engine, no images), so nothing starts it; these checks
 * keep it in step with `npm run start:cluster`, its tested twin: the same variable names, the same config files and
 * arguments, the same versions.
 */
const root = join(__dirname, '..');
const read = (...path: string[]) => readFileSync(join(root, ...path), 'utf8');
const composeText = read('docker-compose.yml');

interface Service {
  image?: string;
  build?: { context: string; target: string };
  entrypoint?: string[];
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  networks?: Record<string, { ipv4_address?: string }>;
}
const compose = load(composeText) as {
  services: Record<string, Service>;
  networks: { default: { ipam: { config: Array<{ subnet: string }> } } };
};
const services = compose.services;
const env = (name: string) => services[name].environment ?? {};

/** The variable names a zod schema reads: a Proxy records every key the parser asks the source for. */
function namesRead(parse: (source: NodeJS.ProcessEnv) => unknown): Set<string> {
  const names = new Set<string>();
  const record = (key: string | symbol) => typeof key === 'string' && names.add(key);
  const source = new Proxy(
    {},
    {
      get: (_target, key) => void record(key),
      has: (_target, key) => (record(key), false),
    },
  );
  parse(source as NodeJS.ProcessEnv);
  return names;
}
const appNames = namesRead(loadEnv);
const clusterNames = namesRead(loadClusterSettings);

/** The names a Go template config reads with `env "NAME"`. */
const templateNames = (text: string) => new Set([...text.matchAll(/env "([A-Z0-9_]+)"/g)].map((m) => m[1]));

/** Values for the secrets Compose requires (`${NAME:?…}`), so the file can be read as Compose would run it. */
const secrets: Record<string, string> = {
  MYSQL_ROOT_PASSWORD: 'root-secret',
  MYSQL_PASSWORD: 'app-secret',
  TEMPORAL_DB_PASSWORD: 'temporal-secret',
  FILE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};
/** Compose's `${NAME}`, `${NAME:-default}` and `${NAME:?error}`, filled from `secrets` or the default. */
function interpolate(value: string): string {
  return value.replace(
    /(?<!\$)\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g,
    (_whole, name: string, kind?: string, rest?: string) => {
      if (name in secrets) return secrets[name];
      if (kind === '-') return rest ?? '';
      throw new Error(`${name} has no value for the test`);
    },
  );
}

const appServices = Object.keys(services).filter((name) => services[name].build?.target === 'app');
const tools: ClusterTools = {
  temporalServer: '/cache/temporal-server',
  sqlTool: '/cache/temporal-sql-tool',
  schemaDir: '/cache/schema/postgresql',
  uiServer: '/cache/temporal-ui-server',
  versions: { server: 'v1.29.1', ui: 'v2.42.1' },
};
const clusterDefaults = loadClusterSettings({});
/** The variables a launcher spec sets itself (beyond the environment it passes on). */
const setBySpec = (specEnv: NodeJS.ProcessEnv = {}) =>
  Object.keys(specEnv).filter((k) => !(k in process.env) || specEnv[k] !== process.env[k]);

describe('docker-compose.yml: the application', () => {
  it('runs every process of the cluster from the one app image: 2 workers, 2 APIs, the intake, the migrations', () => {
    const byScript = (script: string) => appServices.filter((name) => services[name].command?.includes(script));
    expect(byScript('dist/worker/main.js')).toHaveLength(clusterDefaults.CLUSTER_WORKERS);
    expect(byScript('dist/api/main.js').map((name) => env(name).INSTANCE_NAME)).toEqual(['api-1', 'api-2']);
    expect(byScript('dist/mail-intake/main.js')).toEqual(['mail-intake']);
    expect(byScript('dist/scripts/migrate.js')).toEqual(['migrate']);
  });

  it('gives the app only variables config/env.ts or the cluster settings know', () => {
    const unknown = appServices
      .map((name) => [name, Object.keys(env(name)).filter((k) => !appNames.has(k) && !clusterNames.has(k))] as const)
      .filter(([, names]) => names.length > 0);
    expect(Object.fromEntries(unknown)).toEqual({});
  });

  it.each(appServices)('%s: its environment passes config/env.ts validation as Compose fills it', (name) => {
    const filled = Object.fromEntries(Object.entries(env(name)).map(([k, v]) => [k, interpolate(String(v))]));
    const parsed = loadEnv(filled);
    expect(parsed.NODE_ENV).toBe('production');
    expect(parsed.TEMPORAL_NAMESPACE).toBe(namespaceConfig().name);
    expect(parsed.FILE_ENCRYPTION_KEY).toBe(secrets.FILE_ENCRYPTION_KEY);
  });

  it("believes X-Forwarded-For from the proxy's fixed address only, inside the network's subnet", () => {
    const proxyAddress = services.proxy.networks?.default.ipv4_address;
    const [subnet] = compose.networks.default.ipam.config;
    expect(appServices.map((name) => env(name).TRUSTED_PROXIES)).toEqual(appServices.map(() => proxyAddress));
    expect(subnet.subnet).toBe(`${proxyAddress!.split('.').slice(0, 3).join('.')}.0/24`);
  });

  it('names in ${…} are the app’s or the cluster’s, or one of the database images’ secrets', () => {
    const composeOnly = new Set(['MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD']);
    const names = [...composeText.matchAll(/(?<!\$)\$\{([A-Z0-9_]+)/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !appNames.has(n) && !clusterNames.has(n) && !composeOnly.has(n))).toEqual([]);
  });
});

describe('docker-compose.yml: Temporal', () => {
  const versions = JSON.parse(read('deploy', 'temporal', 'versions.json')) as { server: string; ui: string };
  const mounted = (service: string, target: string) =>
    (services[service].volumes ?? []).some((v) => v.startsWith('./deploy/temporal:') && v.includes(`:${target}:`));

  it('uses the server, tools and UI versions the cluster builds (deploy/temporal/versions.json)', () => {
    const server = versions.server.replace(/^v/, '');
    expect(services.temporal.image).toBe(`temporalio/server:${server}`);
    expect(services['temporal-schema'].image).toMatch(new RegExp(`^temporalio/admin-tools:${server}-`));
    expect(services['temporal-namespace'].image).toBe(services['temporal-schema'].image);
    expect(services['temporal-ui'].image).toBe(`temporalio/ui:${versions.ui.replace(/^v/, '')}`);
  });

  it('starts the server with the launcher’s arguments, on deploy/temporal mounted under its --root', () => {
    const local = temporalServerSpec(clusterDefaults, tools).args;
    const [command, ...args] = services.temporal.entrypoint!;
    expect(command).toBe('temporal-server');
    const rootAt = args.indexOf('--root') + 1;
    expect(args.map((a, i) => (i === rootAt ? '<root>' : a))).toEqual(
      local.map((a, i) => (i === local.indexOf('--root') + 1 ? '<root>' : a)),
    );
    expect(mounted('temporal', `${args[rootAt]}/deploy/temporal`)).toBe(true);
  });

  it('gives the server only variables its config template reads, and every one the launcher gives', () => {
    const read = templateNames(readFileSync(join(root, 'deploy', 'temporal', 'saraban.yaml'), 'utf8'));
    const launcher = setBySpec(temporalServerSpec(clusterDefaults, tools).env).filter((k) => read.has(k));
    expect(launcher.length).toBeGreaterThan(5);
    expect(Object.keys(env('temporal')).filter((k) => !read.has(k))).toEqual([]);
    expect(launcher.filter((k) => !(k in env('temporal')))).toEqual([]);
    expect(env('temporal').TEMPORAL_DYNAMIC_CONFIG).toBe('/etc/saraban/deploy/temporal/dynamicconfig.yaml');
  });

  it('makes the schema of the same two databases, from the same PostgreSQL v12 folders as the launcher', () => {
    const script = services['temporal-schema'].command!.join('\n');
    expect(script).toContain('setup-schema -v 0.0');
    expect(script).toContain('update-schema -d "/etc/temporal/schema/postgresql/v12/$$2/versioned"');
    expect(script).toMatch(/schema "\$\$TEMPORAL_DB_NAME" temporal\n/);
    expect(script).toMatch(/schema "\$\$TEMPORAL_VISIBILITY_DB_NAME" visibility\n/);
    for (const name of ['TEMPORAL_DB_NAME', 'TEMPORAL_VISIBILITY_DB_NAME'])
      expect(env('temporal-schema')[name]).toBe(env('temporal')[name]);
  });

  it('registers the namespace from deploy/temporal/namespace.json', () => {
    expect(services['temporal-namespace'].volumes).toEqual([
      './deploy/temporal/namespace.json:/etc/saraban/namespace.json:ro',
    ]);
    expect(services['temporal-namespace'].command!.join('\n')).toContain('file=/etc/saraban/namespace.json');
  });

  it('starts the UI with the launcher’s arguments and only variables its config template reads', () => {
    const local = temporalUiSpec(clusterDefaults, tools)!;
    const [, ...args] = services['temporal-ui'].entrypoint!;
    const rootAt = args.indexOf('--root') + 1;
    expect(args.map((a, i) => (i === rootAt ? '<root>' : a))).toEqual(
      local.args.map((a, i) => (i === local.args.indexOf('--root') + 1 ? '<root>' : a)),
    );
    expect(mounted('temporal-ui', args[rootAt])).toBe(true);
    const read = templateNames(readFileSync(join(root, 'deploy', 'temporal', 'ui', 'saraban.yaml'), 'utf8'));
    const composed = Object.keys(env('temporal-ui'));
    // The same variables the launcher gives, and TEMPORAL_UI_HOST besides: a container listens on every interface.
    expect(composed.filter((k) => !read.has(k))).toEqual([]);
    expect(composed.filter((k) => k !== 'TEMPORAL_UI_HOST').sort()).toEqual(
      setBySpec(local.env)
        .filter((k) => read.has(k))
        .sort(),
    );
  });
});

describe('docker-compose.yml: the proxy', () => {
  const template = read('deploy', 'nginx', 'saraban.conf.template');
  const proxyEnv = env('proxy');
  const ours = Object.fromEntries(Object.entries(proxyEnv).filter(([k]) => k.startsWith('SARABAN_')));

  it('fills exactly the names the template uses, and the filter lets through only those', () => {
    const used = new Set([...template.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]));
    expect(Object.keys(ours).sort()).toEqual([...used].sort());
    const filter = new RegExp(proxyEnv.NGINX_ENVSUBST_FILTER);
    expect([...used].every((n) => filter.test(n))).toBe(true);
    const nginxVariables = [...template.matchAll(/\$([a-z_]+)/g)].map((m) => m[1]);
    expect(nginxVariables.filter((n) => filter.test(n))).toEqual([]);
  });

  it('mounts the template where the image renders templates, and the headers where the template includes them', () => {
    const volumes = services.proxy.volumes ?? [];
    expect(volumes).toContain('./deploy/nginx/saraban.conf.template:/etc/nginx/templates/saraban.conf.template:ro');
    expect(volumes).toContain(
      `./deploy/nginx/saraban-security-headers.conf:${ours.SARABAN_CONF_DIR}/saraban-security-headers.conf:ro`,
    );
  });

  const envsubst = '/usr/bin/envsubst';
  const withEnvsubst = existsSync(envsubst) ? it : it.skip;
  const skipped = existsSync(envsubst) ? '' : ' (SKIPPED: envsubst is not installed: apt-get install gettext-base)';
  withEnvsubst(`the nginx image's envsubst step renders the same site as start:cluster's renderer${skipped}`, () => {
    // The image's /docker-entrypoint.d/20-envsubst-on-templates.sh: the defined names that match the filter.
    const script = `defined_envs=$(printf '\${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /\${NGINX_ENVSUBST_FILTER}/ ) ? name : \\"\\" } }" < /dev/null ))
      envsubst "$defined_envs" < "$TEMPLATE"`;
    const result = spawnSync('sh', ['-c', script], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOSTNAME: 'proxy',
        ...proxyEnv,
        TEMPLATE: join(root, 'deploy', 'nginx', 'saraban.conf.template'),
      },
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(renderProxyConfig(template, ours as unknown as ProxyValues));
  });
});

describe('docker-compose.yml: files', () => {
  it('mounts only files of the repository (and ./data/pki, which npm run demo-pki or the operator fills)', () => {
    const sources = Object.values(services)
      .flatMap((s) => s.volumes ?? [])
      .map((v) => v.split(':')[0])
      .filter((source) => source.startsWith('./'));
    expect(sources.length).toBeGreaterThan(4);
    expect(sources.filter((s) => s !== './data/pki' && !existsSync(join(root, s)))).toEqual([]);
  });
});
