import { createHash } from 'node:crypto';
import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import type { OrgSnapshot } from '../domain';
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
 */
export async function seedDemoOrganisation(ds: DataSource, org: OrgSnapshot, demoPassword: string): Promise<boolean> {
  const [{ n }] = (await ds.query('SELECT COUNT(*) AS n FROM units')) as Array<{ n: number | string }>;
  if (Number(n) > 0) return false;
  const hash = await argon2.hash(demoPassword, { type: argon2.argon2id });
  const ids = new Map(org.users.map((u) => [u.username, seededUserId(u.username)]));
  await inTransaction(ds, async (em) => {
    for (const u of org.units) {
      await em.query(
        `INSERT INTO units (id, name, kind, parent_id, letter_code, code_verified, dopa_code, phone, central_email)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          u.id,
          u.name,
          u.kind,
          u.parentId,
          u.letterCode,
          u.codeVerified ? 1 : 0,
          u.dopaCode ?? null,
          u.phone ?? null,
          u.centralEmail ?? null,
        ],
      );
    }
    for (const p of org.positions) {
      await em.query(
        'INSERT INTO positions (id, unit_id, title, level, executive, head_of_unit) VALUES (?, ?, ?, ?, ?, ?)',
        [p.id, p.unitId, p.title, p.level, p.executive ? 1 : 0, p.headOfUnit ? 1 : 0],
      );
    }
    for (const u of org.users) {
      await em.query(
        `INSERT INTO users (id, username, display_name, position_id, roles, email, password_hash, active, demo)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1)`,
        [ids.get(u.username), u.username, u.displayName, u.positionId, JSON.stringify(u.roles), u.email, hash],
      );
    }
    for (const o of org.oversight) {
      await em.query(
        'INSERT INTO oversight (unit_id, overseer_position_id, kind, portfolio, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?)',
        [o.unitId, o.overseerPositionId, o.kind ?? 'unit', o.portfolio ?? null, o.from, o.to ?? null],
      );
    }
    for (const a of org.acting) {
      const actingUserId = ids.get(a.actingUsername);
      if (!actingUserId) throw new Error(`acting appointment names unknown user ${a.actingUsername}`);
      await em.query(
        'INSERT INTO acting_appointments (position_id, acting_user_id, kind, matters, valid_from, valid_to, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          a.positionId,
          actingUserId,
          a.kind,
          a.matters ? JSON.stringify(a.matters) : null,
          a.from,
          a.to ?? null,
          a.note ?? null,
        ],
      );
    }
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
