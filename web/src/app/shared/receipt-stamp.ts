import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { catchError, distinctUntilChanged, map, type Observable, of, switchMap, take, takeWhile, timer } from 'rxjs';

import type { DocumentsApi } from '../core/api/documents-api';
import type { ReceiptStamp } from '../core/api-types';
import { defineMessages, injectMessages } from '../core/i18n';

/** How often (ms) and how many times a page asks whether the receipt stamp is on the received PDF yet. */
export const STAMP_POLL_MS = 1_000;
export const STAMP_POLL_TRIES = 60;

/**
 * The receipt stamp's status of a just-registered document, asked of GET /api/documents/:id every second until it
 * is settled (`stamped` or `not_stamped`) or a minute has gone: the life stamps the PDF a moment after it answers the
 * registration. A failed request counts as still pending.
 */
export function watchReceiptStamp(documents: DocumentsApi, documentId: string): Observable<ReceiptStamp> {
  const pending: ReceiptStamp = { status: 'pending' };
  return timer(0, STAMP_POLL_MS).pipe(
    take(STAMP_POLL_TRIES),
    switchMap(() =>
      documents.get(documentId).pipe(
        map((d): ReceiptStamp => d.receiptStamp ?? { status: 'stamped' }),
        catchError(() => of(pending)),
      ),
    ),
    distinctUntilChanged((a, b) => a.status === b.status),
    takeWhile((stamp) => stamp.status === 'pending', true),
  );
}

const M = defineMessages(
  {
    pending: 'กำลังประทับตรารับบนไฟล์ ระหว่างนี้แสดงไฟล์ตามที่ได้รับ',
    notStamped: 'ประทับตรารับบนไฟล์นี้ไม่ได้ เลขรับบันทึกในทะเบียนหนังสือรับแล้ว',
    'reason.ENCRYPTED_PDF': 'ไฟล์ถูกเข้ารหัส',
    'reason.NOT_PDF': 'ไฟล์ไม่ใช่ PDF ที่อ่านได้',
  },
  {
    pending: 'Stamping the receipt on the file; the file as received is shown meanwhile',
    notStamped: 'The receipt stamp could not be put on this file; the receipt number is in the receipt register',
    'reason.ENCRYPTED_PDF': 'the file is encrypted',
    'reason.NOT_PDF': 'the file is not a readable PDF',
  },
);

/** A line above a received PDF while its receipt stamp is pending, or when the file could not take it. */
@Component({
  selector: 'app-receipt-stamp-note',
  template: `
    @switch (stamp()?.status) {
      @case ('pending') {
        <p class="muted" role="status" data-testid="stamp-pending">{{ t('pending') }}</p>
      }
      @case ('not_stamped') {
        <p class="muted" role="status" data-testid="stamp-not-stamped">
          {{ t('notStamped') }}
          @if (stamp()?.reason; as reason) {
            ({{ t.or('reason.' + reason, reason) }})
          }
        </p>
      }
    }
  `,
  styles: `
    .muted {
      color: var(--saraban-muted);
      margin: 0 0 0.35rem;
      font-size: 0.9rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReceiptStampNote {
  protected readonly t = injectMessages(M);
  /** The document's `receiptStamp` (absent for documents without a received file). */
  readonly stamp = input<Pick<ReceiptStamp, 'status' | 'reason'> | null | undefined>(null);
}
