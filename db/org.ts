import type { DataSource } from 'typeorm';
import type { OrgSnapshot } from '../domain';

/** Reads the whole org chart (units, positions, users, oversight, acting) as domain/ works with it. */
export async function loadOrgSnapshot(ds: DataSource): Promise<OrgSnapshot> {
  const [units, positions, users, oversight, acting] = (await Promise.all([
    ds.query('SELECT * FROM units'),
    ds.query('SELECT * FROM positions'),
    ds.query('SELECT id, username, display_name, position_id, roles, email FROM users WHERE active = 1'),
    ds.query('SELECT * FROM oversight'),
    ds.query('SELECT a.*, u.username FROM acting_appointments a JOIN users u ON u.id = a.acting_user_id'),
  ])) as Array<Array<Record<string, unknown>>>;
  const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
  return {
    units: units.map((u) => ({
      id: String(u.id),
      name: String(u.name),
      kind: String(u.kind),
      parentId: (u.parent_id as string | null) ?? null,
      letterCode: String(u.letter_code),
      codeVerified: Boolean(Number(u.code_verified)),
      dopaCode: str(u.dopa_code),
      phone: str(u.phone),
      centralEmail: str(u.central_email),
      ...(Number(u.active) === 0 ? { active: false } : {}),
    })),
    positions: positions.map((p) => ({
      id: String(p.id),
      unitId: String(p.unit_id),
      title: String(p.title),
      level: Number(p.level),
      executive: Boolean(Number(p.executive)),
      headOfUnit: Boolean(Number(p.head_of_unit)),
      ...(Number(p.active) === 0 ? { active: false } : {}),
    })),
    users: users.map((u) => ({
      id: String(u.id),
      username: String(u.username),
      displayName: String(u.display_name),
      positionId: String(u.position_id),
      roles: JSON.parse(String(u.roles)) as string[],
      email: str(u.email) ?? '',
    })),
    oversight: oversight.map((o) => ({
      unitId: String(o.unit_id),
      overseerPositionId: String(o.overseer_position_id),
      kind: o.kind as 'unit' | 'position' | 'portfolio',
      portfolio: str(o.portfolio),
      from: String(o.valid_from),
      to: (o.valid_to as string | null) ?? null,
    })),
    acting: acting.map((a) => ({
      positionId: String(a.position_id),
      actingUsername: String(a.username),
      kind: a.kind as 'รักษาราชการแทน' | 'ปฏิบัติราชการแทน',
      matters: a.matters ? (JSON.parse(String(a.matters)) as string[]) : undefined,
      from: String(a.valid_from),
      to: (a.valid_to as string | null) ?? null,
      note: str(a.note),
    })),
  } as OrgSnapshot;
}

/** Caches the org chart for a short time: it changes by order, rarely, and every request needs it. */
export function createOrgDirectory(ds: DataSource, ttlMs = 30_000) {
  let cached: { at: number; org: Promise<OrgSnapshot> } | undefined;
  return {
    get(now = Date.now()): Promise<OrgSnapshot> {
      if (!cached || now - cached.at > ttlMs) {
        const org = loadOrgSnapshot(ds);
        cached = { at: now, org };
        org.catch(() => (cached = undefined));
      }
      return cached.org;
    },
    invalidate(): void {
      cached = undefined;
    },
  };
}

/** The cached org chart of a process. */
export type OrgDirectory = ReturnType<typeof createOrgDirectory>;
