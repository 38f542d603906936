import { z } from 'zod';
import { ROLES } from '../access/rule';

export const loginInput = z
  .object({
    username: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();

/** POST /api/auth/password: the current password and a new one of 12 to 200 characters. */
export const passwordChangeInput = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(12, 'at least 12 characters').max(200),
  })
  .strict();

/** PATCH /api/admin/users/:userId: an administrator changes a user's roles or switches the account off or on. */
export const userPermissionsInput = z
  .object({
    roles: z.array(z.enum(ROLES)).max(ROLES.length).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.roles !== undefined || v.active !== undefined, 'give roles or active');

export const userIdParam = z.object({ userId: z.string().uuid() });

/** GET /api/auth/oidc/callback: what the identity provider sends back. */
export const oidcCallbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
  /** RFC 9207: the issuer that answers. */
  iss: z.string().max(500).optional(),
});

/** The signed-in user (`GET /api/me`): position, unit, the registry unit that keeps their registers, and roles. */
export const signedInUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  roles: z.array(z.enum(ROLES)),
  position: z.object({ id: z.string(), title: z.string(), level: z.number().int() }),
  unit: z.object({ id: z.string(), name: z.string() }),
  registryUnit: z.object({ id: z.string(), name: z.string(), letterCode: z.string() }),
  /** The units the user oversees today (with the units below them). */
  overseenUnitIds: z.array(z.string()),
});

/** `POST /api/auth/login`: the bearer token and the user. */
export const loginAnswer = z.object({ token: z.string(), user: signedInUser });

/** `GET /api/auth/options`: which ways of signing in are on. */
export const signInOptions = z.object({ password: z.boolean(), oidc: z.boolean() });
