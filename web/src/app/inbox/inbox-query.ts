import type { InboxItem, InboxScope } from '../core/api-types';

/** The filters the inbox sends to `GET /api/inbox` (the API filters; the client sorts what it loaded). */
export interface InboxFilters {
  urgency: string;
  type: string;
  /** '' any, 'true' overdue only, 'false' not overdue. */
  overdue: string;
  q: string;
}

/** An empty filter set. */
export const NO_FILTERS: InboxFilters = { urgency: '', type: '', overdue: '', q: '' };

/** A column the inbox sorts by. */
export type SortKey = 'received' | 'due' | 'urgency' | 'subject' | 'type';

/** The sort order of the list. */
export interface InboxSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** Task types the filter offers (the API accepts any type id). */
export const TASK_TYPES = ['triage', 'act', 'review', 'register_paper', 'draft', 'sign', 'dispatch', 'acknowledge'];

/** Query parameters of one inbox page. */
export function inboxParams(scope: InboxScope, filters: InboxFilters, limit: number, cursor?: string) {
  const params: Record<string, string> = { scope, limit: String(limit) };
  for (const key of ['urgency', 'type', 'overdue'] as const) if (filters[key]) params[key] = filters[key];
  if (filters.q.trim()) params['q'] = filters.q.trim();
  if (cursor) params['cursor'] = cursor;
  return params;
}

const URGENCY_RANK: Record<string, number> = { normal: 0, urgent: 1, very_urgent: 2, most_urgent: 3 };

/** Sorts a copy of the tasks; ties keep the newest first. */
export function sortTasks(items: readonly InboxItem[], sort: InboxSort): InboxItem[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const time = (value: string | null | undefined, missing: number) => (value ? Date.parse(value) : missing);
  const compare: Record<SortKey, (a: InboxItem, b: InboxItem) => number> = {
    received: (a, b) => time(a.createdAt, 0) - time(b.createdAt, 0),
    // Tasks without a due time sort after every dated one whichever the direction.
    due: (a, b) => {
      const missing = sort.dir === 'asc' ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
      return time(a.dueAt, missing) - time(b.dueAt, missing);
    },
    urgency: (a, b) => (URGENCY_RANK[a.urgency] ?? 0) - (URGENCY_RANK[b.urgency] ?? 0),
    subject: (a, b) => a.subject.localeCompare(b.subject, 'th'),
    type: (a, b) => a.type.localeCompare(b.type),
  };
  const by = compare[sort.key];
  return [...items].sort((a, b) => sign * by(a, b) || time(b.createdAt, 0) - time(a.createdAt, 0));
}

/** True when the task is due within `withinMs` and not yet overdue. */
export function isDueSoon(item: InboxItem, now: number, withinMs = 2 * 3600_000): boolean {
  if (!item.dueAt || item.overdue) return false;
  const due = Date.parse(item.dueAt);
  return due >= now && due - now <= withinMs;
}
