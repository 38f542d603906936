import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes for the Temporal UI's filters. The dev server's SQLite visibility has 10 keyword slots:
 * these use three keywords and one int. Never personal data: visibility is stored unencrypted.
 */
export const STAGE = defineSearchAttributeKey('SarabanStage', SearchAttributeType.KEYWORD);
export const URGENCY = defineSearchAttributeKey('SarabanUrgency', SearchAttributeType.KEYWORD);
export const UNIT = defineSearchAttributeKey('SarabanUnit', SearchAttributeType.KEYWORD);
export const PHASE = defineSearchAttributeKey('SarabanPhase', SearchAttributeType.INT);

/** Name → type, for registering them idempotently on every start of the dev server. */
export const SEARCH_ATTRIBUTES = {
  SarabanStage: 'Keyword',
  SarabanUrgency: 'Keyword',
  SarabanUnit: 'Keyword',
  SarabanPhase: 'Int',
} as const;
