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
