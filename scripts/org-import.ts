import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnv } from '../config/env';
import { openDatabase } from '../db/data-source';
import { checkOrgFile } from '../db/org-file';
import { ORG_KINDS, loadOrganisation, type OrgLoadResult } from '../db/org-load';

/** A problem with the input the operator can fix: printed without a stack, exit code 1. */
class Refused extends Error {}

const USAGE = 'usage: npm run org:import -- <organisation.json> [--dry-run]';

/** The audit actor of every change the import makes. */
const ORG_IMPORT_ACTOR = 'org-import';

/**
 * An imported user's password hash: not a PHC string, so argon2 verification always fails and nobody signs in with
 * a password until they sign in by OIDC or an administrator sets one (POST /api/admin/users/:id/password).
 */
const NO_PASSWORD = '!org-import:no-password';

/**
 * `npm run org:import -- <file.json> [--dry-run]`: loads the BMA's organisation file (the shape of
 * shared/fixtures/demo-org.json) into DATABASE_URL, applying pending migrations first. The file is checked as a whole
 * before anything is written; then every change goes in one transaction with its audit row (actor `org-import`).
 * Safe while the system runs: the API reads the org chart again within 30 s. Exit 0 done, 1 the file or the
 * arguments are wrong (nothing written), 2 anything else (nothing written either: the transaction rolls back).
 */
async function main(): Promise<void> {
  const { file, dryRun } = options();
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new Refused(`cannot read ${file}: ${error.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Refused(`${file} is not JSON: ${(error as Error).message}`);
  }
  const checked = checkOrgFile(json);
  if (!checked.org)
    throw new Refused(
      `${file}: ${checked.problems.length} problem(s), nothing written\n` +
        checked.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n'),
    );

  const ds = await openDatabase(loadEnv().DATABASE_URL);
  try {
    const result = await loadOrganisation(ds, checked.org, {
      newUser: () => ({ id: randomUUID(), passwordHash: NO_PASSWORD, demo: false }),
      audit: {
        actor: ORG_IMPORT_ACTOR,
        details: { file: basename(file), sha256: createHash('sha256').update(text).digest('hex') },
      },
      dryRun,
    });
    console.log(summary(file, result, dryRun));
  } finally {
    await ds.destroy();
  }
}

function options(): { file: string; dryRun: boolean } {
  try {
    const { values, positionals } = parseArgs({
      options: { 'dry-run': { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new Error('give one organisation file');
    return { file: positionals[0], dryRun: values['dry-run'] };
  } catch (error) {
    throw new Refused(`${(error as Error).message}\n${USAGE}`);
  }
}

/** What changed (or would), per kind, then each update and switch-off by its key (creations only counted). */
function summary(file: string, result: OrgLoadResult, dryRun: boolean): string {
  const lines = [`org:import ${basename(file)}${dryRun ? ' (dry run: nothing written)' : ''}`];
  for (const kind of ORG_KINDS) {
    const c = result.counts[kind];
    lines.push(`  ${kind}: ${c.created} created, ${c.updated} updated, ${c.deactivated} deactivated`);
  }
  for (const change of result.changes.filter((c) => c.op !== 'created'))
    lines.push(
      `  ${change.op} ${change.kind} ${JSON.parse(change.key).join(' ')}: ${Object.keys(change.after).join(', ')}`,
    );
  for (const warning of result.warnings) lines.push(`  warning: ${warning}`);
  const total = result.changes.length;
  lines.push(
    dryRun
      ? `${total} change(s) would be made`
      : `${total} change(s) made${total ? '; the running API reads the new org chart within 30 s' : ''}`,
  );
  return lines.join('\n');
}

main().catch((error: unknown) => {
  if (error instanceof Refused) console.error(`org:import: ${error.message}`);
  else console.error('org:import failed, nothing written:', error);
  process.exit(error instanceof Refused ? 1 : 2);
});
