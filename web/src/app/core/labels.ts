// From the module, not domain/index.ts: the index also re-exports zod schemas and the org and policy code, whose
// top-level calls esbuild cannot drop, and which the browser does not need (about 500 kB).
import {
  CATEGORIES,
  categoryLabel,
  isCategory,
  isDocumentKind,
  isSecrecy,
  isUrgency,
  KINDS,
  kindLabel,
  mediumLabel,
  SECRECIES,
  secrecyLabel,
  URGENCIES,
  urgencyColour,
  urgencyLabel,
} from '@domain/enums';

import type { Lang } from './i18n';

/** An enumeration whose Thai labels domain/ owns. */
export type Enumeration = 'urgency' | 'secrecy' | 'kind' | 'category' | 'medium';

/** The ids of each enumeration the forms offer, in domain/'s order. */
export const ENUM_IDS = {
  urgency: URGENCIES,
  secrecy: SECRECIES,
  kind: KINDS,
  category: CATEGORIES,
} as const;

/** English labels: the Thai ones are domain/'s, these are only for the English toggle. */
const ENGLISH: Record<Enumeration, Record<string, string>> = {
  urgency: { normal: 'Normal', urgent: 'Urgent', very_urgent: 'Very urgent', most_urgent: 'Most urgent' },
  secrecy: { none: 'Not secret', confidential: 'Confidential', secret: 'Secret', top_secret: 'Top secret' },
  kind: {
    external: 'External letter',
    memo: 'Internal memo',
    stamped: 'Stamped letter',
    order: 'Order',
    regulation: 'Regulation',
    bylaw: 'By-law',
    announcement: 'Announcement',
    statement: 'Statement',
    news: 'News',
    certificate: 'Certificate',
    minutes: 'Minutes of a meeting',
    record: 'Record',
    other: 'Other',
  },
  category: {
    general: 'General',
    procurement: 'Procurement',
    disbursement: 'Disbursement',
    invitation: 'Invitation',
    report: 'Report',
    national_security: 'National security',
  },
  medium: { electronic: 'Electronic', paper: 'Paper' },
};

/** The label of an enumeration value in the given language; an id domain/ does not know is shown as it is. */
export function enumLabel(enumeration: Enumeration, id: string | null | undefined, lang: Lang): string {
  if (id == null || id === '') return '';
  if (lang === 'en') return ENGLISH[enumeration][id] ?? id;
  switch (enumeration) {
    case 'urgency':
      return isUrgency(id) ? urgencyLabel(id) : id;
    case 'secrecy':
      return isSecrecy(id) ? secrecyLabel(id) : id;
    case 'kind':
      return isDocumentKind(id) ? kindLabel(id) : id;
    case 'category':
      return isCategory(id) ? categoryLabel(id) : id;
    case 'medium':
      return id === 'electronic' || id === 'paper' ? mediumLabel(id) : id;
  }
}

/** The regulation's colour for an urgency (red for the urgent levels), or null for normal documents. */
export function urgencyBadgeColour(id: string | null | undefined): string | null {
  return isUrgency(id) && id !== 'normal' ? urgencyColour(id) : null;
}
