import { z } from 'zod';
import { CAPABILITIES, CATEGORIES, KINDS, SECRECIES } from '../../domain';

export const decisionQuery = z.object({
  capability: z.enum(CAPABILITIES),
  unitId: z.string().min(1).max(64),
  date: z.iso.date(),
  secrecy: z.enum(SECRECIES).default('none'),
  category: z.enum(CATEGORIES).default('general'),
  kind: z.enum(KINDS).default('memo'),
});
