import { z } from 'zod';
import { CAPABILITIES, CATEGORIES, KINDS, MEDIA, SECRECIES } from '../../domain';

export const decisionQuery = z.object({
  capability: z.enum(CAPABILITIES),
  unitId: z.string().min(1).max(64),
  date: z.iso.date(),
  secrecy: z.enum(SECRECIES).default('none'),
  category: z.enum(CATEGORIES).default('general'),
  kind: z.enum(KINDS).default('memo'),
});

/** `GET /api/rollout/decision`: electronic or paper, the unit's phase that day, and the reason when paper. */
export const rolloutDecision = z.object({
  medium: z.enum(MEDIA),
  phase: z.number().int(),
  reason: z.object({ code: z.string(), th: z.string(), en: z.string() }).optional(),
});
