import { z } from 'zod';
import { calendarDate, ROLES, UNIT_KINDS, username } from '../domain';

/**
 * The organisation file the BMA maintains (the shape of shared/fixtures/demo-org.json), checked before anything is
 * written: first its shape (zod), then what zod cannot see (references, duplicates, cycles, Thai text). Every problem
 * names its JSON path, e.g. `units[12].parentId`, so the person editing the file can find it.
 */
export interface OrgFileProblem {
  path: string;
  message: string;
}

// Thai vowel and tone marks that sit above or below a consonant: one with no Thai letter before it is broken text.
const LONE_THAI_MARK = /(^|[^\u0E01-\u0E4E])[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/u;
// UTF-8 Thai read as Latin-1 or Windows-874 the wrong way ("à¸ªà¸³"), the replacement character, control characters.
const MOJIBAKE = /à¸|à¹|Ã|\uFFFD/u;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001F\u007F]/u;

/** A name people read: trimmed, not empty, and not garbled Thai. */
const name = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'empty')
    .max(max)
    .refine((v) => !MOJIBAKE.test(v), 'garbled text (the file was saved in the wrong encoding? save it as UTF-8)')
    .refine((v) => !CONTROL.test(v), 'control characters')
    .refine((v) => !LONE_THAI_MARK.test(v), 'a Thai vowel or tone mark with no letter before it');
const id = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash or underscore, up to 64');
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const unit = z
  .object({
    id,
    name: name(255),
    kind: z.enum(UNIT_KINDS),
    parentId: id.nullable(),
    letterCode: name(64),
    codeVerified: z.boolean().optional(),
    dopaCode: z
      .string()
      .regex(/^\d{4}$/, 'four digits')
      .nullable()
      .optional(),
    phone: optionalText(64),
    centralEmail: z.email().max(255).nullable().optional(),
  })
  .strict();

const position = z
  .object({
    id,
    unitId: id,
    title: name(255),
    level: z.number().int().min(1).max(12),
    executive: z.boolean(),
    headOfUnit: z.boolean(),
  })
  .strict();

const user = z
  .object({
    username,
    displayName: name(255),
    positionId: id,
    roles: z.array(z.enum(ROLES)).min(1),
    email: z.email().max(255).nullable().optional(),
  })
  .strict();

const oversight = z
  .object({
    unitId: id,
    overseerPositionId: id,
    kind: z.enum(['unit', 'position', 'portfolio']).optional(),
    portfolio: optionalText(255),
    from: calendarDate,
    to: calendarDate.nullable().optional(),
  })
  .strict()
  .refine((o) => !o.to || o.to >= o.from, { path: ['to'], message: 'before from' })
  .refine((o) => (o.kind === 'portfolio') === Boolean(o.portfolio), {
    path: ['portfolio'],
    message: 'a portfolio order names its portfolio, and only it',
  });

const acting = z
  .object({
    positionId: id,
    actingUsername: username,
    kind: z.enum(['รักษาราชการแทน', 'ปฏิบัติราชการแทน']),
    matters: z.array(z.string().trim().min(1)).optional(),
    from: calendarDate,
    to: calendarDate.nullable().optional(),
    note: optionalText(500),
  })
  .strict()
  .refine((a) => !a.to || a.to >= a.from, { path: ['to'], message: 'before from' });

const orgFile = z
  .object({
    about: z.string().optional(),
    units: z.array(unit).min(1, 'no units'),
    positions: z.array(position),
    users: z.array(user),
    oversight: z.array(oversight).default([]),
    acting: z.array(acting).default([]),
  })
  .strict();

/** The file's contents, checked: ready for loadOrganisation. */
export type OrgFile = z.infer<typeof orgFile>;

/** `units[3].name` from zod's ['units', 3, 'name']. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return (
    path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(the file)'
  );
}

/** Checks parsed JSON as an organisation file: the file, or every problem found (none is written then). */
export function checkOrgFile(
  json: unknown,
): { org: OrgFile; problems: [] } | { org?: never; problems: OrgFileProblem[] } {
  const parsed = orgFile.safeParse(json);
  if (!parsed.success)
    return { problems: parsed.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message })) };
  const problems = crossChecks(parsed.data);
  return problems.length ? { problems } : { org: parsed.data, problems: [] };
}

/** What the shape cannot say: ids unique, every reference known, no cycle, one letter code per registry unit. */
function crossChecks(org: OrgFile): OrgFileProblem[] {
  const problems: OrgFileProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const unique = <T>(list: string, rows: T[], key: (row: T) => string, what: string, field: string) => {
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const k = key(row);
      if (seen.has(k)) problem(`${list}[${i}].${field}`, `duplicate ${what} "${k}" (also ${list}[${seen.get(k)}])`);
      else seen.set(k, i);
    });
    return seen;
  };
  const units = unique('units', org.units, (u) => u.id, 'unit id', 'id');
  const positions = unique('positions', org.positions, (p) => p.id, 'position id', 'id');
  const users = unique('users', org.users, (u) => u.username, 'username', 'username');
  // Dated rows are matched by their natural key on a reload, so the file may not list one twice.
  unique(
    'oversight',
    org.oversight,
    (o) => [o.unitId, o.overseerPositionId, o.kind ?? 'unit', o.portfolio ?? '', o.from].join(' '),
    'oversight order',
    'from',
  );
  unique(
    'acting',
    org.acting,
    (a) => [a.positionId, a.actingUsername, a.kind, a.from].join(' '),
    'acting appointment',
    'from',
  );
  const known = (index: Map<string, number>, value: string, path: string, what: string) => {
    if (!index.has(value)) problem(path, `no ${what} "${value}" in the file`);
  };

  org.units.forEach((u, i) => u.parentId !== null && known(units, u.parentId, `units[${i}].parentId`, 'unit'));
  org.positions.forEach((p, i) => known(units, p.unitId, `positions[${i}].unitId`, 'unit'));
  org.users.forEach((u, i) => known(positions, u.positionId, `users[${i}].positionId`, 'position'));
  org.oversight.forEach((o, i) => {
    if (o.kind === 'position') known(positions, o.unitId, `oversight[${i}].unitId`, 'position');
    else known(units, o.unitId, `oversight[${i}].unitId`, 'unit');
    known(positions, o.overseerPositionId, `oversight[${i}].overseerPositionId`, 'position');
  });
  org.acting.forEach((a, i) => {
    known(positions, a.positionId, `acting[${i}].positionId`, 'position');
    known(users, a.actingUsername, `acting[${i}].actingUsername`, 'user');
  });

  // Registry units (all but sections) number their letters by letter code, so two must not share one.
  const codes = new Map<string, number>();
  org.units.forEach((u, i) => {
    if (u.kind === 'section') return;
    const other = codes.get(u.letterCode);
    if (other !== undefined)
      problem(
        `units[${i}].letterCode`,
        `letter code "${u.letterCode}" also belongs to units[${other}] (${org.units[other].id})`,
      );
    else codes.set(u.letterCode, i);
  });

  // The chain of command climbs the unit tree, then position-to-position oversight orders: neither may loop.
  const parent = new Map(org.units.map((u) => [u.id, u.parentId]));
  const reported = new Set<string>();
  org.units.forEach((u, i) => {
    const cycle = cycleFrom(u.id, (id) => parent.get(id) ?? null);
    if (cycle && !cycle.some((id) => reported.has(id))) {
      cycle.forEach((id) => reported.add(id));
      problem(`units[${i}].parentId`, `cycle in the chain of command (unit tree): ${cycle.join(' → ')} → ${cycle[0]}`);
    }
  });
  const overseer = new Map(
    org.oversight.filter((o) => o.kind === 'position').map((o) => [o.unitId, o.overseerPositionId]),
  );
  org.oversight.forEach((o, i) => {
    if (o.kind !== 'position') return;
    const cycle = cycleFrom(o.unitId, (id) => overseer.get(id) ?? null);
    if (cycle && !cycle.some((id) => reported.has(id))) {
      cycle.forEach((id) => reported.add(id));
      problem(`oversight[${i}]`, `cycle in the chain of command (positions): ${cycle.join(' → ')} → ${cycle[0]}`);
    }
  });
  return problems;
}

/** The ids of the loop reached by following `next` from `start`, or undefined when the walk ends. */
function cycleFrom(start: string, next: (id: string) => string | null): string[] | undefined {
  const path: string[] = [];
  for (let id: string | null = start; id !== null; id = next(id)) {
    const at = path.indexOf(id);
    if (at >= 0) return path.slice(at);
    path.push(id);
  }
  return undefined;
}
