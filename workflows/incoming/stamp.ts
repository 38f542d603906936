import { log, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Life } from './life';

/**
 * The receipt stamp's own activity options: Chromium draws the stamp, so a stuck page times out and is retried a few
 * times; after that the life goes on without it (the receipt is in the register and on the document page anyway).
 */
const stamping = proxyActivities<Pick<Activities, 'stampReceipt'>>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '2 seconds',
    maximumInterval: '30 seconds',
    maximumAttempts: 5,
    nonRetryableErrorTypes: ['NOT_FOUND', 'NOT_CONFIGURED'],
  },
});

/**
 * Stamps the received PDF (ตรารับหนังสือ) once the document is registered: one activity call, idempotent on retry
 * (activities/letters.ts). It runs after the registration is answered, so a clerk's POST never waits for Chromium;
 * the document page shows the stamped file as soon as `receiptStamp.status` is `stamped`. Lives registered before
 * this change (no patch marker in their history) replay without it.
 */
export async function stampOnRegistration(life: Life): Promise<void> {
  if (!life.input.fields.fileSha256) return;
  if (!patched('stamp-receipt-on-registration')) return;
  try {
    await stamping.stampReceipt({ documentId: life.input.documentId });
  } catch (error) {
    log.warn('receipt stamp failed; the received PDF stays as it was', { error: String(error) });
  }
}
