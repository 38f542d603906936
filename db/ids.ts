import { createHash } from 'node:crypto';

/**
 * A UUID (version-5 layout) derived from text, so one business key always names the same row or workflow: the
 * incoming document a delivery creates in a recipient unit, an outbox row, … however often the activity runs.
 */
export function uuidFromText(text: string): string {
  const h = createHash('sha256').update(text).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
