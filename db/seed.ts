import { createHash } from 'node:crypto';
import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import type { OrgSnapshot } from '../domain';
import { checkOrgFile } from './org-file';
import { loadOrganisation } from './org-load';
import { insertOutsideBody, type OutsideBodyKind } from './outside-bodies';
import { inTransaction } from './transaction';

/** A stable id for a seeded user, so the same demo user has the same id on every machine. */
export function seededUserId(username: string): string {
  const hex = createHash('sha256').update(`user:${username}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Loads the demo organisation once: does nothing when units exist. Every demo user gets the demo password; its
 * argon2id hash is computed once and shared, which is acceptable for demo data only (they are refused in production).
 * The file is checked and loaded as `npm run org:import` does (db/org-file.ts, db/org-load.ts); seed data, no audit rows.
 */
export async function seedDemoOrganisation(ds: DataSource, org: OrgSnapshot, demoPassword: string): Promise<boolean> {
  const [{ n }] = (await ds.query('SELECT COUNT(*) AS n FROM units')) as Array<{ n: number | string }>;
  if (Number(n) > 0) return false;
  const checked = checkOrgFile(org);
  if (!checked.org)
    throw new Error(`demo organisation: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const passwordHash = await argon2.hash(demoPassword, { type: argon2.argon2id });
  await loadOrganisation(ds, checked.org, {
    newUser: (username) => ({ id: seededUserId(username), passwordHash, demo: true }),
    audit: null,
  });
  return true;
}

/** A demo entry of the directory of outside bodies (seed/outside-bodies.json). */
export interface DemoOutsideBody {
  name: string;
  email: string;
  kind: OutsideBodyKind;
  note?: string;
}

/**
 * Loads the demo outside bodies into the directory once: does nothing when it has entries. Seed data like the org
 * chart, so no audit rows; the administrator's changes from then on are audited (api/admin/outside-bodies.ts).
 */
export async function seedOutsideBodies(ds: DataSource, bodies: DemoOutsideBody[]): Promise<boolean> {
  const [{ n }] = (await ds.query('SELECT COUNT(*) AS n FROM outside_bodies')) as Array<{ n: number | string }>;
  if (Number(n) > 0) return false;
  await inTransaction(ds, async (em) => {
    for (const body of bodies) await insertOutsideBody(em, body, null);
  });
  return true;
}
