import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** The pinned Temporal CLI: the project's tools/bin (installed by `npm run setup`), else one on PATH. */
export function temporalCliPath(projectRoot = resolve(__dirname, '..', '..', '..')): string {
  const candidates = [
    process.env.TEMPORAL_CLI,
    join(projectRoot, 'tools', 'bin', 'temporal'),
    join(resolve(__dirname, '..', '..'), 'tools', 'bin', 'temporal'),
    ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'temporal')),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('The Temporal CLI is missing: run `npm run setup` (it installs v1.5.1 into tools/bin).');
  return found;
}
