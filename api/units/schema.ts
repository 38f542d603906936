import { z } from 'zod';
import { ROLES, UNIT_KINDS } from '../../domain';

/**
 * GET /api/units: the units switched on, as pickers offer them; `inactive=true` adds the switched-off ones (each
 * with `active: false`) for clients that show the names of old documents' units or let an administrator see them.
 */
export const unitsQuery = z.object({ inactive: z.enum(['true', 'false']).optional() }).strict();

/** `GET /api/units`: the unit tree as pickers offer it (`active: false` only with `inactive=true`). */
export const unitList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(UNIT_KINDS),
      parentId: z.string().nullable(),
      letterCode: z.string(),
      active: z.boolean(),
    }),
  ),
});

/** `GET /api/units/:unitId/users`: the officials of the caller's registry unit, for the assign picker. */
export const unitUsers = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      username: z.string(),
      displayName: z.string(),
      roles: z.array(z.enum(ROLES)),
      position: z.object({ id: z.string(), title: z.string(), level: z.number().int() }),
    }),
  ),
});
