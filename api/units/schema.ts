import { z } from 'zod';

/**
 * GET /api/units: the units switched on, as pickers offer them; `inactive=true` adds the switched-off ones (each
 * with `active: false`) for clients that show the names of old documents' units or let an administrator see them.
 */
export const unitsQuery = z.object({ inactive: z.enum(['true', 'false']).optional() }).strict();
