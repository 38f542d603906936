import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proxySpec, renderProxyConfig, type ProxyValues } from './proxy';
import { repoRoot } from './tools';

const template = readFileSync(join(repoRoot, 'deploy', 'nginx', 'saraban.conf.template'), 'utf8');
const values: ProxyValues = {
  SARABAN_PROXY_PORT: '48080',
  SARABAN_API_1: '127.0.0.1:43101',
  SARABAN_API_2: '127.0.0.1:43102',
  SARABAN_WEB_ROOT: '/srv/saraban/web',
  SARABAN_CONF_DIR: join(repoRoot, 'deploy', 'nginx'),
};

describe('renderProxyConfig (deploy/nginx/saraban.conf.template)', () => {
  const site = renderProxyConfig(template, values);

  it('balances over both API replicas and listens on the proxy port', () => {
    expect(site).toMatch(/^\s*server 127\.0\.0\.1:43101 /m);
    expect(site).toMatch(/^\s*server 127\.0\.0\.1:43102 /m);
    expect(site).toMatch(/^\s*listen 48080;/m);
    expect(site).toContain(`include ${values.SARABAN_CONF_DIR}/saraban-security-headers.conf;`);
  });

  it('leaves none of our ${…} names, and every nginx $variable as it was', () => {
    // (The template's comments speak of "${…}" and "${SARABAN_*}": not names, and left alone by envsubst too.)
    expect(site).not.toMatch(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/);
    const nginxVariables = (text: string) => text.match(/\$[a-z_]+/g) ?? [];
    expect(nginxVariables(template).length).toBeGreaterThan(0);
    expect(nginxVariables(site)).toEqual(nginxVariables(template));
  });

  it('refuses a template name it has no value for, naming it', () => {
    expect(() => renderProxyConfig('server ${SARABAN_API_3};', values)).toThrow(
      "SARABAN_API_3 has no value for the proxy's template",
    );
  });
});

const nginx = '/usr/sbin/nginx';
const hasNginx = existsSync(nginx);
const withNginx = hasNginx ? it : it.skip;
const skipped = hasNginx ? '' : ' (SKIPPED: /usr/sbin/nginx is not installed; npm run setup -- --cluster installs it)';

describe('the rendered proxy config under nginx -t', () => {
  let runDir: string;
  beforeEach(() => {
    runDir = mkdtempSync(join(tmpdir(), 'saraban-proxy-test-'));
  });
  afterEach(() => rmSync(runDir, { recursive: true, force: true }));

  const test = (conf: string) =>
    spawnSync(nginx, ['-t', '-p', runDir, '-c', conf, '-e', 'stderr'], { encoding: 'utf8' });

  withNginx(`passes for the config npm run start:cluster writes${skipped}`, () => {
    const spec = proxySpec({ port: 48080, apiPorts: [43101, 43102], webRoot: join(runDir, 'web'), runDir });
    expect(spec.args).toEqual(['-p', runDir, '-c', join(runDir, 'nginx.conf'), '-e', 'stderr']);
    const result = test(join(runDir, 'nginx.conf'));
    expect(`${result.stderr}`).toContain('test is successful');
    expect(result.status).toBe(0);
  });

  withNginx(`fails for a site whose template names were left unfilled (the check can fail)${skipped}`, () => {
    proxySpec({ port: 48080, apiPorts: [43101, 43102], webRoot: join(runDir, 'web'), runDir });
    writeFileSync(join(runDir, 'saraban.conf'), template);
    const result = test(join(runDir, 'nginx.conf'));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/emerg/);
  });
});
