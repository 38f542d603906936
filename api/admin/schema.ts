import { z } from 'zod';
import { CATEGORIES, ROLES, UNIT_KINDS, username } from '../../domain';
import { OUTSIDE_BODY_KINDS } from '../../db/outside-bodies';

export { userIdParam, userPermissionsInput } from '../auth/schema';

/** An id of a unit or position chosen by the administrator ('district-1011-admin'); generated when left out. */
const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and dashes, 2 to 64');
const ref = z.string().trim().min(1).max(64);
const day = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

/** The kinds of unit the org tree knows (domain OrgUnitKind); a 'section' keeps no registers of its own. */

/** A unit's central e-mail for official letters begins with `saraban@` (amendment ๒๕๖๔). */
const centralEmail = z
  .email()
  .max(255)
  .refine((v) => v.toLowerCase().startsWith('saraban@'), 'the central address begins with saraban@');

const unitFields = {
  name: text(255),
  kind: z.enum(UNIT_KINDS),
  parentId: ref.nullable(),
  letterCode: text(64),
  dopaCode: z
    .string()
    .regex(/^\d{4}$/, 'four digits')
    .nullable()
    .optional(),
  phone: z.string().trim().max(64).nullable().optional(),
  centralEmail: centralEmail.nullable().optional(),
  /** The rollout phase (1-4) the unit adopted before the plan's date; null: it follows the plan. */
  earlyPhase: z.number().int().min(1).max(4).nullable().optional(),
};

/** POST /api/admin/units: a new unit of the org tree. */
export const unitCreateInput = z.object({ id: slug.optional(), ...unitFields }).strict();

/**
 * PATCH /api/admin/units/:unitId: any of the fields; null clears phone, e-mail or early adoption; `active` switches
 * the unit off (409 while active users hold positions in it or below) or on again.
 */
export const unitPatchInput = z
  .object({ ...unitFields, active: z.boolean() })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field');

const positionFields = {
  unitId: ref,
  title: text(255),
  /** 1 Governor … 5 director … 7 head of section … 9 staff. */
  level: z.number().int().min(1).max(12),
  headOfUnit: z.boolean().default(false),
  executive: z.boolean().default(false),
};

/** POST /api/admin/positions: a new post in a unit. */
export const positionCreateInput = z.object({ id: slug.optional(), ...positionFields }).strict();

/** PATCH /api/admin/positions/:positionId; `active` switches it off (409 while someone holds it) or on again. */
export const positionPatchInput = z
  .object({
    unitId: ref,
    title: text(255),
    level: positionFields.level,
    headOfUnit: z.boolean(),
    executive: z.boolean(),
    active: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field');

const password = z.string().min(12, 'at least 12 characters').max(200);

/** POST /api/admin/users: a new account with its first password (the user should change it). */
export const userCreateInput = z
  .object({
    username,
    displayName: text(255),
    positionId: ref,
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
    email: z.email().max(255).optional(),
    password,
  })
  .strict();

/** POST /api/admin/users/:userId/password: a new password set by the administrator; the user's sessions end. */
export const passwordResetInput = z.object({ password }).strict();

/** POST /api/admin/acting: an acting appointment (รักษาราชการแทน) or a delegation (ปฏิบัติราชการแทน) with its dates. */
export const actingCreateInput = z
  .object({
    positionId: ref,
    actingUserId: z.uuid(),
    kind: z.enum(['รักษาราชการแทน', 'ปฏิบัติราชการแทน']),
    /** The matters (category ids) a delegation covers; none: every matter. Not for รักษาราชการแทน. */
    matters: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).optional(),
    validFrom: day,
    validTo: day.nullable().optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((v) => !v.validTo || v.validTo >= v.validFrom, { path: ['validTo'], message: 'before validFrom' })
  .refine((v) => v.kind === 'ปฏิบัติราชการแทน' || !v.matters?.length, {
    path: ['matters'],
    message: 'รักษาราชการแทน carries every power of the post: no matters',
  });

/**
 * POST /api/admin/acting/:actingId/end: the last day in force (default today). The day before its first day
 * cancels an appointment that has not begun; the row stays, history is never deleted.
 */
export const actingEndInput = z
  .object({ validTo: day.optional(), note: z.string().trim().max(500).optional() })
  .strict();

export const actingIdParam = z.object({
  actingId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});

/** GET /api/admin/holidays: the holidays of a Buddhist-era year (default this year). */
export const holidayQuery = z.object({ year: z.coerce.number().int().min(2500).max(2700).optional() }).strict();

/** POST /api/admin/holidays: a day off for every office (public, substitution or a special day). */
export const holidayCreateInput = z
  .object({
    date: day,
    name: text(255),
    nameEn: z.string().trim().max(255).optional(),
    kind: z.enum(['public', 'substitution', 'special']).default('special'),
  })
  .strict();

export const holidayIdParam = z.object({
  holidayId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});

const outsideBodyFields = {
  name: text(255),
  /** The body's address for official mail; kept in lower case, one entry per address. */
  email: z.email().max(255),
  kind: z.enum(OUTSIDE_BODY_KINDS),
  note: z.string().trim().max(500).nullable().optional(),
};

/** POST /api/admin/outside-bodies: a new entry of the directory of outside bodies. */
export const outsideBodyCreateInput = z
  .object({ ...outsideBodyFields, kind: outsideBodyFields.kind.default('agency') })
  .strict();

/** PATCH /api/admin/outside-bodies/:bodyId: any of the fields; `active: true` switches an entry on again. */
export const outsideBodyPatchInput = z
  .object({ ...outsideBodyFields, active: z.boolean() })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field');

/** POST /api/admin/outside-bodies/:bodyId/deactivate: switched off, never deleted (letters name it). */
export const outsideBodyDeactivateInput = z.object({}).strict();

export const outsideBodyIdParam = z.object({ bodyId: z.uuid() });

// The answers: what the administration screens show of each thing (the presenters in ./org.ts, ./users.ts, …).

/** A unit as the administration screen shows it; `active: false`: switched off, kept for the documents naming it. */
export const adminUnit = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().nullable(),
  letterCode: z.string(),
  codeVerified: z.boolean(),
  dopaCode: z.string().nullable(),
  phone: z.string().nullable(),
  centralEmail: z.string().nullable(),
  earlyPhase: z.number().int().nullable(),
  active: z.boolean(),
});

/** A position of a unit. */
export const adminPosition = z.object({
  id: z.string(),
  unitId: z.string(),
  title: z.string(),
  level: z.number().int(),
  headOfUnit: z.boolean(),
  executive: z.boolean(),
  active: z.boolean(),
});

/** An account (never its password hash). */
export const adminUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  positionId: z.string(),
  roles: z.array(z.enum(ROLES)),
  email: z.string().nullable(),
  active: z.boolean(),
  demo: z.boolean(),
});

/** `PATCH /api/admin/users/:userId`: the user's roles and whether the account is on, after the change. */
export const userPermissions = z.object({ id: z.string(), roles: z.array(z.enum(ROLES)), active: z.boolean() });

/** An acting appointment (รักษาราชการแทน) or delegation (ปฏิบัติราชการแทน), and whether it is in force today. */
export const adminActing = z.object({
  id: z.number().int(),
  positionId: z.string(),
  actingUserId: z.string(),
  actingUsername: z.string().nullable(),
  actingDisplayName: z.string().nullable(),
  kind: z.string(),
  matters: z.array(z.string()).nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  note: z.string().nullable(),
  /** One that ends before it begins was cancelled. */
  state: z.enum(['upcoming', 'in_force', 'ended', 'cancelled']),
});

/** `GET /api/admin/org`: the whole organisation, also what is switched off, with the dated oversight orders. */
export const adminOrg = z.object({
  today: z.string(),
  units: z.array(adminUnit),
  positions: z.array(adminPosition),
  users: z.array(adminUser),
  oversight: z.array(
    z.object({
      unitId: z.string(),
      overseerPositionId: z.string(),
      kind: z.string(),
      portfolio: z.string().nullable(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
    }),
  ),
  acting: z.array(adminActing),
});

/** A holiday of the working calendar, with its Thai date and whether it falls on a weekend (then it changes nothing). */
export const adminHoliday = z.object({
  id: z.number().int(),
  date: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.string(),
  status: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  dateText: z.string(),
  weekend: z.boolean(),
});

/** `GET /api/admin/holidays`: the holidays of a Buddhist-era year, in date order. */
export const holidayList = z.object({ year: z.number().int(), items: z.array(adminHoliday) });

/** An entry of the directory of outside bodies, with who made and last changed it. */
export const adminOutsideBody = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  kind: z.enum(OUTSIDE_BODY_KINDS),
  note: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

/** `GET /api/admin/outside-bodies`: every entry, also the switched-off ones. */
export const outsideBodyList = z.object({ items: z.array(adminOutsideBody) });
