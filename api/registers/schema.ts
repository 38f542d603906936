import { z } from 'zod';
import { personRef } from '../documents/schema';

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

/** One row of a register, with its cells in the regulation's columns (Thai digits). */
export const registerRow = z.object({
  number: z.number().int(),
  /** The document number as printed on the letter: the sender's for receipts, ours for dispatches. */
  documentNumber: z.string(),
  /** The letter's date, already in Thai ("๒๒ ธ.ค. ๒๕๖๖"). */
  dateText: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  action: z.string(),
  remark: z.string(),
  cancelled: z.boolean(),
  /** A cancelled row: when, by whom and why. */
  cancelledAt: z.string().optional(),
  cancelledBy: personRef.optional(),
  cancelReason: z.string().nullable().optional(),
  cells: z.array(z.string()),
});

/** `GET /api/registers/:register` as JSON: a page of the unit's register for a BE year, with its column labels. */
export const registerPage = z.object({
  register: z.enum(PUBLIC_REGISTERS),
  registerText: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  year: z.number().int(),
  yearText: z.string(),
  columns: z.array(z.string()),
  items: z.array(registerRow),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});
