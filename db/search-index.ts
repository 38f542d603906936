import type { EntityManager } from 'typeorm';
import { insertIgnore } from './numbering';

/** Longest term kept (the column's width); longer runs of letters are cut. */
export const MAX_TERM_LENGTH = 64;

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

/**
 * The words of a text as the search index keeps them: ICU's Thai word segmentation (`Intl.Segmenter('th')`) splits
 * unspaced Thai into dictionary words ("ขอเชิญประชุม" → ขอ, เชิญ, ประชุม); Latin and digits split at spaces and
 * punctuation. Lower case, NFC, each word once.
 */
export function termsOf(...texts: Array<string | null | undefined>): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const s of segmenter.segment(text.normalize('NFC').toLowerCase())) {
      if (!s.isWordLike) continue;
      const term = s.segment.trim().slice(0, MAX_TERM_LENGTH);
      if (term) terms.add(term);
    }
  }
  return [...terms];
}

/** What of a document the index covers: subject, note and body, sender, recipients and numbers. */
export interface IndexedText {
  subject?: string | null;
  note?: string | null;
  body?: string | null;
  senderName?: string | null;
  senderNumber?: string | null;
  toText?: string | null;
}

/**
 * (Re)writes a document's terms in the caller's transaction: `search_terms (document_id, term)`. Call it where the
 * document's text is stored, so the index never lags behind the document.
 */
export async function indexDocument(em: EntityManager, documentId: string, text: IndexedText): Promise<void> {
  const terms = termsOf(text.subject, text.note, text.body, text.senderName, text.senderNumber, text.toText);
  await em.query('DELETE FROM search_terms WHERE document_id = ?', [documentId]);
  for (let i = 0; i < terms.length; i += 200) {
    const batch = terms.slice(i, i + 200);
    await em.query(
      `${insertIgnore(em)} INTO search_terms (document_id, term) VALUES ${batch.map(() => '(?, ?)').join(', ')}`,
      batch.flatMap((term) => [documentId, term]),
    );
  }
}

/** The text of a structured body (the parts of a kind: strings and lists of lines), for the index. */
export function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (Array.isArray(body)) return body.map(bodyText).join('\n');
  if (body && typeof body === 'object') return Object.values(body).map(bodyText).join('\n');
  return '';
}
