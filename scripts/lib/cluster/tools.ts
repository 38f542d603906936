import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository's root: this file runs from dist/scripts/lib/cluster, or from scripts/lib/cluster under Jest. */
export const repoRoot = __dirname.endsWith(join('dist', 'scripts', 'lib', 'cluster'))
  ? resolve(__dirname, '..', '..', '..', '..')
  : resolve(__dirname, '..', '..', '..');

/** The Go binaries of the cluster, as `npm run setup -- --cluster` caches them (scripts/setup-cluster.mjs). */
export interface ClusterTools {
  temporalServer: string;
  sqlTool: string;
  /** PostgreSQL schema folders of that server version: `<schemaDir>/v12/{temporal,visibility}/versioned`. */
  schemaDir: string;
  /** The Temporal UI server; undefined when it was not built. */
  uiServer?: string;
  versions: { server: string; ui: string };
}

/** The cache folder: SARABAN_TOOLS_CACHE, else $XDG_CACHE_HOME/saraban, else ~/.cache/saraban (outside the clone). */
export function toolsCache(): string {
  return process.env.SARABAN_TOOLS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'saraban');
}

/** Finds the cached binaries, or says which command builds them. */
export function clusterTools(): ClusterTools {
  const versions = JSON.parse(readFileSync(join(repoRoot, 'deploy', 'temporal', 'versions.json'), 'utf8')) as {
    server: string;
    ui: string;
  };
  const server = join(toolsCache(), `temporal-${versions.server}`);
  if (!existsSync(join(server, '.complete')))
    throw new Error(`The Temporal server ${versions.server} is not built: run npm run setup -- --cluster`);
  const ui = join(toolsCache(), `temporal-ui-${versions.ui}`, 'temporal-ui-server');
  return {
    temporalServer: join(server, 'temporal-server'),
    sqlTool: join(server, 'temporal-sql-tool'),
    schemaDir: join(server, 'schema', 'postgresql'),
    uiServer: existsSync(ui) ? ui : undefined,
    versions,
  };
}
