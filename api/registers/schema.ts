import { z } from 'zod';

/** The registers GET /api/registers/:register serves (api.md); secret registers have their own handling (issue 6). */
export const PUBLIC_REGISTERS = ['receipt', 'dispatch', 'circular'] as const;

export const registerParam = z.object({ register: z.enum(PUBLIC_REGISTERS) });

/** ?year= (Buddhist era, default this year in Bangkok) &unitId= (default the caller's registry unit), paging for JSON. */
export const registerQuery = z
  .object({
    year: z.coerce.number().int().min(2500).max(2700).optional(),
    unitId: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(200),
    cursor: z
      .string()
      .regex(/^\d{1,9}$/)
      .optional(),
    format: z.enum(['json', 'csv', 'pdf', 'xlsx']).optional(),
  })
  .strict();
