import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Router } from '@angular/router';
import { tap } from 'rxjs';

import { type HeldMail, MailReviewApi } from '../core/api/mail-review-api';
import { toApiError, type ApiError } from '../core/api-error';
import { injectMessages } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
import { describeError } from '../shared/describe-error';
import { pagedList } from '../shared/paged-list';
import { PdfView } from '../shared/pdf-view';
import { MAIL_REVIEW_MESSAGES } from './mail-review.messages';

/** The kinds of outside body (db/outside-bodies OUTSIDE_BODY_KINDS). */
const KINDS = ['ministry', 'agency', 'company', 'person', 'other'] as const;

/** A decision in flight or failed: the one-line error and the API's per-field messages. */
interface Outcome {
  state: 'idle' | 'busy' | 'failed';
  error?: string;
  fields?: Record<string, string>;
}

/**
 * หนังสือทางอีเมลรอตรวจ: letters e-mailed to the unit's central address by senders outside the directory, held for
 * the clerk. The clerk reads the attached PDF in the page, then registers the letter (optionally adding the sender to
 * the directory of outside bodies) and lands on the new document, or rejects it with a reason. The list comes a page
 * at a time ("more"); a letter accepted whose registration never finished is marked so, and registering it finishes it
 * (same document, same receipt number) — it can no longer be rejected.
 */
@Component({
  selector: 'app-mail-review',
  imports: [MatButton, PdfView, ThaiPipe],
  templateUrl: './mail-review.html',
  styleUrl: './mail-review.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailReview {
  private readonly api = inject(MailReviewApi);
  private readonly router = inject(Router);
  protected readonly t = injectMessages(MAIL_REVIEW_MESSAGES);
  protected readonly kinds = KINDS;
  /** How many wait in all (the API's `total`), beyond the pages loaded so far. */
  protected readonly total = signal<number | null>(null);
  protected readonly loadError = signal<string | null>(null);
  /** The list a page at a time (50, the API's default): "more" appends the page after `nextCursor`. */
  protected readonly list = pagedList<HeldMail>((cursor) =>
    this.api.list(cursor ? { cursor } : {}).pipe(
      tap({
        next: (page) => {
          this.total.set(page.total);
          this.loadError.set(null);
        },
        error: (failure: unknown) => this.loadError.set(this.describe(toApiError(failure))),
      }),
    ),
  );
  protected readonly items = this.list.rows;
  private readonly selectedId = signal<number | null>(null);
  /** The message chosen in the list, else the oldest one. */
  protected readonly selected = computed<HeldMail | null>(() => {
    const items = this.items() ?? [];
    return items.find((i) => i.id === this.selectedId()) ?? items[0] ?? null;
  });
  /** Which attachment of the selected message the viewer shows; back to the first on another message. */
  protected readonly fileIndex = linkedSignal(() => (this.selected(), 0));
  protected readonly pdfSrc = computed(() => {
    const mail = this.selected();
    return mail?.attachments.length ? this.api.fileUrl(mail.id, this.fileIndex()) : null;
  });
  protected readonly senderName = linkedSignal(() => this.selected()?.senderName ?? '');
  protected readonly addToDirectory = linkedSignal(() => (this.selected(), false));
  protected readonly kind = linkedSignal<(typeof KINDS)[number]>(() => (this.selected(), 'agency'));
  protected readonly reason = linkedSignal(() => (this.selected(), ''));
  protected readonly outcome = linkedSignal<Outcome>(() => (this.selected(), { state: 'idle' }));
  /** Set after a rejection, so the note outlives the message leaving the list. */
  protected readonly lastRejected = signal<string | null>(null);

  constructor() {
    this.list.reload();
  }

  protected choose(mail: HeldMail): void {
    this.selectedId.set(mail.id);
  }

  protected registerMail(): void {
    const mail = this.selected();
    if (!mail || this.outcome().state === 'busy') return;
    const body = {
      senderName: this.senderName().trim() || undefined,
      ...(this.addToDirectory() ? { addSenderToDirectory: true, senderKind: this.kind() } : {}),
    };
    this.outcome.set({ state: 'busy' });
    this.api.accept(mail.id, body).subscribe({
      next: (registered) => void this.router.navigate(['/documents', registered.id]),
      error: (failure: unknown) => this.fail(failure),
    });
  }

  protected rejectMail(): void {
    const mail = this.selected();
    if (!mail || this.outcome().state === 'busy') return;
    const reason = this.reason().trim();
    this.outcome.set({ state: 'busy' });
    this.api.reject(mail.id, reason ? { reason } : {}).subscribe({
      next: () => {
        this.lastRejected.set(mail.subject);
        this.selectedId.set(null);
        this.list.reload();
      },
      error: (failure: unknown) => this.fail(failure),
    });
  }

  private fail(failure: unknown): void {
    const error = toApiError(failure);
    this.outcome.set({ state: 'failed', error: this.describe(error), fields: error.fields });
  }

  private describe(error: ApiError): string {
    return describeError(error, this.t);
  }
}
