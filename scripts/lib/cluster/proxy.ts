import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { ServiceSpec } from './supervisor';
import { repoRoot } from './tools';

/** What the proxy's template (deploy/nginx/saraban.conf.template) is filled with. */
export interface ProxyValues {
  SARABAN_PROXY_PORT: string;
  SARABAN_API_1: string;
  SARABAN_API_2: string;
  SARABAN_WEB_ROOT: string;
  SARABAN_CONF_DIR: string;
}

/** Fills the template's `${SARABAN_*}` names, as the nginx image's envsubst does; nginx's own `$names` stay. */
export function renderProxyConfig(template: string, values: ProxyValues): string {
  return template.replace(/\$\{(SARABAN_[A-Z0-9_]+)\}/g, (whole, name: string) => {
    const value = (values as unknown as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`${name} has no value for the proxy's template`);
    return value;
  });
}

/**
 * nginx as the cluster's reverse proxy, in the foreground under the supervisor, with its own prefix, pid file and
 * temporary folders in `runDir` (nothing of the system's nginx is used or touched).
 */
export function proxySpec(o: { port: number; apiPorts: number[]; webRoot: string; runDir: string }): ServiceSpec {
  mkdirSync(o.runDir, { recursive: true });
  const templateDir = join(repoRoot, 'deploy', 'nginx');
  const site = renderProxyConfig(readFileSync(join(templateDir, 'saraban.conf.template'), 'utf8'), {
    SARABAN_PROXY_PORT: String(o.port),
    SARABAN_API_1: `127.0.0.1:${o.apiPorts[0]}`,
    SARABAN_API_2: `127.0.0.1:${o.apiPorts[1]}`,
    SARABAN_WEB_ROOT: o.webRoot,
    SARABAN_CONF_DIR: templateDir,
  });
  writeFileSync(join(o.runDir, 'saraban.conf'), site);
  // nginx's workers may run as another user than its master (nobody, as root): they write these folders.
  for (const dir of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(o.runDir, dir), { recursive: true });
    chmodSync(join(o.runDir, dir), 0o777);
  }
  // As root, the workers run as root too: else they are nobody, who cannot read a checkout in a private (0700) folder.
  const user = process.getuid?.() === 0 ? 'user root root;\n' : '';
  const main = `# Made by npm run start:cluster; the site itself is deploy/nginx/saraban.conf.template.
${user}daemon off;
worker_processes 1;
pid ${join(o.runDir, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  client_body_temp_path ${join(o.runDir, 'client_body')};
  proxy_temp_path ${join(o.runDir, 'proxy')};
  fastcgi_temp_path ${join(o.runDir, 'fastcgi')};
  uwsgi_temp_path ${join(o.runDir, 'uwsgi')};
  scgi_temp_path ${join(o.runDir, 'scgi')};
  include ${join(o.runDir, 'saraban.conf')};
}
`;
  const conf = join(o.runDir, 'nginx.conf');
  writeFileSync(conf, main);
  return {
    name: 'proxy',
    command: '/usr/sbin/nginx',
    args: ['-p', o.runDir, '-c', conf, '-e', 'stderr'],
    ready: (service) => untilListening(o.port, service.starting),
  };
}

/** Resolves once something accepts TCP connections on the port, polling while `polling()` holds. */
export async function untilListening(port: number, polling: () => boolean = () => true): Promise<void> {
  const host = '127.0.0.1';
  while (polling()) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
