import { z } from 'zod';
import { URGENCIES } from '../../domain';
import { personRef } from '../documents/schema';

export const inboxQuery = z.object({
  scope: z.enum(['mine', 'unit']).default('mine'),
  urgency: z.enum(URGENCIES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  type: z.string().max(32).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** One open task of `GET /api/inbox`: the document's subject, who sent it, when it is due, who holds it. */
export const inboxItem = z.object({
  taskId: z.string(),
  documentId: z.string(),
  type: z.string(),
  subject: z.string(),
  urgency: z.enum(URGENCIES),
  urgencyText: z.string(),
  dueAt: z.string().nullable(),
  dueAtText: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  createdAtText: z.string(),
  /** The sender's name as the task shows it. */
  from: z.string().nullable(),
  assignee: personRef.nullable(),
  /** The receipt stamp of a received document, as printed. */
  receiptText: z.string().optional(),
});

/** `GET /api/inbox`: a page of open tasks, newest first. */
export const inboxPage = z.object({ items: z.array(inboxItem), nextCursor: z.string().nullable() });
