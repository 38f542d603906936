import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  catchError,
  combineLatest,
  EMPTY,
  filter,
  finalize,
  interval,
  merge,
  startWith,
  Subject,
  switchMap,
  tap,
} from 'rxjs';

import { DocumentsApi } from '../core/api/documents-api';
import { type ApiError, toApiError } from '../core/api-error';
import { type DocumentDetail, type HistoryEntry, personName } from '../core/api-types';
import { Auth } from '../core/auth';
import { injectMessages, mergeMessages } from '../core/i18n';
import { newIdempotencyKey } from '../core/idempotency';
import { Org } from '../core/org';
import { ThaiPipe } from '../core/thai-pipe';
import { describeError } from '../shared/describe-error';
import { PdfView } from '../shared/pdf-view';
import { ReceiptStampNote, STAMP_POLL_MS } from '../shared/receipt-stamp';
import { UrgencyBadge } from '../shared/urgency-badge';
import { WORK_MESSAGES } from '../shared/work-messages';
import { DOCUMENT_MESSAGES } from './document.messages';
import { TaskActions } from './task-actions';
import { type ActionOutcome, TaskOutcomes } from './task-outcomes';

/** While a circular still waits for acknowledgements, the page reloads it this often (ms). */
const ACK_POLL_MS = 5_000;
/** How long after registration the page waits for the receipt stamp on a received PDF (ms). */
const STAMP_WATCH_MS = 2 * 60_000;
/** Stages in which the author may still withdraw an outgoing document. */
const WITHDRAWABLE = ['draft', 'returned', 'review', 'signing'];
const EDITABLE = ['draft', 'returned'];
/** Besides the author, who of the unit may cancel a document made on paper and registered at once (as the API). */
const PAPER_CANCEL_ROLES = ['clerk', 'paper-registrar', 'signer'];
/** Roles that see the link to the document's workflow in the Temporal UI. */
const OPERATOR_ROLES = ['admin', 'supervisor', 'executive', 'signer'];

/**
 * A document: the PDF in the page, metadata, the receipt stamp, the minutes in order, the history, attachments,
 * recipients or acknowledgements, and the actions the caller may take now (each with its form).
 */
@Component({
  selector: 'app-document-page',
  imports: [MatButton, MatProgressBar, RouterLink, ThaiPipe, UrgencyBadge, TaskActions, PdfView, ReceiptStampNote],
  templateUrl: './document-page.html',
  styleUrl: './document-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [TaskOutcomes],
})
export class DocumentPage {
  private readonly documents = inject(DocumentsApi);
  private readonly auth = inject(Auth);
  private readonly org = inject(Org);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, DOCUMENT_MESSAGES));

  /** The document id, bound from the route. */
  readonly id = input.required<string>();

  protected readonly doc = signal<DocumentDetail | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly actionDone = signal<string | null>(null);
  protected readonly cancelReason = signal('');
  protected readonly personName = personName;

  protected readonly minutes = computed(() => this.doc()?.minutes ?? []);
  protected readonly myTasks = computed(() => (this.doc()?.openTasks ?? []).filter((t) => t.availableActions.length));
  protected readonly otherTasks = computed(() =>
    (this.doc()?.openTasks ?? []).filter((t) => t.availableActions.length === 0),
  );
  protected readonly pdfSrc = computed(() => {
    const d = this.doc();
    if (!d) return null;
    const hasPdf = d.direction === 'outgoing' || d.direction === 'circular' || d.hasFile !== false;
    return hasPdf ? `/api/documents/${encodeURIComponent(d.id)}/pdf` : null;
  });
  protected readonly bodyParts = computed(() => {
    const body = this.doc()?.body;
    if (!body) return [];
    if (typeof body === 'string') return [{ id: 'body', lines: [body] }];
    return Object.entries(body)
      .filter(([, value]) => (Array.isArray(value) ? value.length > 0 : Boolean(value)))
      .map(([id, value]) => ({ id, lines: Array.isArray(value) ? value : [value] }));
  });
  /** The author: whoever drafted it (the first `document.drafted` entry, or `document.paper_only` when made on paper). */
  private readonly authorId = computed(() =>
    actorId(this.doc()?.history.find((h) => h.action === 'document.drafted' || h.action === 'document.paper_only')),
  );
  protected readonly isAuthor = computed(() => {
    const me = this.auth.user();
    return !!me && this.authorId() === me.id;
  });
  protected readonly canEdit = computed(() => this.isAuthor() && EDITABLE.includes(this.doc()?.stage ?? ''));
  protected readonly canWithdraw = computed(() => this.isAuthor() && WITHDRAWABLE.includes(this.doc()?.stage ?? ''));
  /** Made on paper and registered at once: its life has ended, the API cancels it in the database. */
  protected readonly paperRegistered = computed(() => {
    const d = this.doc();
    return !!d && d.direction === 'outgoing' && d.stage === 'paper' && d.medium === 'paper' && !!d.number;
  });
  protected readonly canCancel = computed(() => {
    const d = this.doc();
    const me = this.auth.user();
    if (!d || !me || d.direction !== 'outgoing' || d.number?.cancelled) return false;
    const ofUnit = me.registryUnit.id === d.unit?.id;
    if (this.paperRegistered())
      return this.isAuthor() || (ofUnit && me.roles.some((r) => PAPER_CANCEL_ROLES.includes(r)));
    return d.stage === 'numbered' && (this.isAuthor() || (me.roles.includes('clerk') && ofUnit));
  });
  protected readonly showWorkflowLink = computed(
    () => !!this.doc()?.temporalUrl && (this.auth.user()?.roles ?? []).some((r) => OPERATOR_ROLES.includes(r)),
  );
  protected readonly ackPercent = computed(() => {
    const s = this.doc()?.acknowledgementSummary;
    return s && s.units > 0 ? Math.round((100 * s.acknowledged) / s.units) : 0;
  });

  private readonly reloads = new Subject<void>();

  /**
   * Something the page should watch: a circular still being delivered (no rows yet) or with units yet to
   * acknowledge, or a sent letter whose recipient units have not registered it yet.
   */
  private awaitingAcks(): boolean {
    const d = this.doc();
    if (d?.direction === 'outgoing') {
      const pending = (d.recipients ?? []).some((r) => ['pending', 'delivering', 'sending'].includes(r.status));
      return d.stage === 'sending' || (d.stage === 'sent' && pending);
    }
    if (d?.direction !== 'circular' || ['closed', 'withdrawn', 'cancelled', 'paper'].includes(d.stage)) return false;
    const summary = d.acknowledgementSummary;
    return !summary || summary.units === 0 || summary.pending > 0;
  }

  /**
   * A received PDF whose receipt stamp the life is still putting on (it does so a moment after registration): the
   * page reloads until it is there. Only for a document registered in the last minutes, so one registered before
   * stamping existed is not polled for ever.
   */
  private awaitingStamp(): boolean {
    const d = this.doc();
    if (d?.receiptStamp?.status !== 'pending' || !d.createdAt) return false;
    return Date.now() - Date.parse(d.createdAt) < STAMP_WATCH_MS;
  }

  constructor() {
    const waitingForAcks = interval(ACK_POLL_MS).pipe(filter(() => !document.hidden && this.awaitingAcks()));
    const waitingForStamp = interval(STAMP_POLL_MS).pipe(filter(() => !document.hidden && this.awaitingStamp()));
    combineLatest([
      toObservable(this.id),
      merge(this.reloads, waitingForAcks, waitingForStamp).pipe(startWith(undefined)),
    ])
      .pipe(
        switchMap(([id]) => {
          this.loading.set(true);
          return this.documents.get(id).pipe(
            tap(() => this.loadError.set(null)),
            catchError((failure: unknown) => {
              this.loadError.set(toApiError(failure));
              return EMPTY;
            }),
            finalize(() => this.loading.set(false)),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((doc) => this.doc.set(doc));
    this.org
      .load()
      .pipe(takeUntilDestroyed())
      .subscribe({ error: () => undefined });
    inject(TaskOutcomes)
      .reported.pipe(takeUntilDestroyed())
      .subscribe((outcome) => this.onOutcome(outcome));
  }

  /** Shows what an action did and reloads the document (a 409 means it changed under us). */
  protected onOutcome(outcome: ActionOutcome): void {
    if (outcome.ok) {
      this.actionError.set(null);
      this.actionDone.set(`${this.t('action.done')}: ${this.t.or('action.' + outcome.action, outcome.action)}`);
      this.reloads.next();
      return;
    }
    const error = outcome.error;
    if (error.status === 401) return;
    this.actionDone.set(null);
    this.actionError.set(describeError(error, this.t));
    if (error.status === 409 || error.status === 404) this.reloads.next();
  }

  protected withdraw(): void {
    this.endOutgoing('withdraw', {});
  }

  protected cancelNumber(): void {
    const reason = this.cancelReason().trim();
    if (!reason) {
      this.actionError.set(this.t('action.needComment'));
      return;
    }
    this.endOutgoing('cancel', { reason });
  }

  /** The cancel button: the whole paper document, or the number of an electronic one before it is sent. */
  protected cancelLabel(): 'doc.cancelPaper' | 'doc.cancel' {
    return this.paperRegistered() ? 'doc.cancelPaper' : 'doc.cancel';
  }

  /**
   * The note beside a cancelled number: the register's remark when it already says ยกเลิก (the API writes
   * "ยกเลิก: why"), else "number cancelled" with the remark, so the word is never printed twice.
   */
  protected cancelledNote(remark: string | null | undefined): string {
    if (remark?.startsWith('ยกเลิก')) return remark;
    return this.t('doc.numberCancelled') + (remark ? ': ' + remark : '');
  }

  /** The name of a unit (the org tree is loaded on first use; the id shows until then). */
  protected unitName(unitId: string): string {
    return this.org.nameOf(unitId);
  }

  /**
   * Letters for bodies outside the BMA the life could not e-mail, by outbox row, with the reason (the last
   * `delivery.email_not_sent` step); a delivery marked sent since then is no longer listed.
   */
  protected readonly unsentEmails = computed(() => {
    const d = this.doc();
    const step = [...(d?.history ?? [])].reverse().find((h) => h.action === 'delivery.email_not_sent');
    const unsent = (step?.details?.['unsent'] ?? []) as Array<{ outboxId?: string; reason?: string }>;
    const open = new Set(
      (d?.recipients ?? []).filter((r) => r.method === 'email' && r.status !== 'delivered').map((r) => r.outboxId),
    );
    return new Map(unsent.filter((u) => open.has(u.outboxId)).map((u) => [u.outboxId, u.reason ?? '']));
  });
  /** The unit has no central e-mail: the page says so, and who can fix it. */
  protected readonly noCentralEmail = computed(() => [...this.unsentEmails().values()].includes('NO_CENTRAL_EMAIL'));

  protected deliveryLabel(status: string): string {
    return this.t.or(`doc.delivery.${status}`, status);
  }

  protected ackLabel(status: string): string {
    if (status === 'acknowledged') return this.t('doc.ackAcknowledged');
    if (status === 'expired') return this.t('doc.ackExpired');
    return this.t('doc.ackPending');
  }

  protected historyTo(entry: HistoryEntry): string {
    const details = entry.details as Record<string, unknown> | undefined;
    const to = details?.['to'] ?? details?.['toUser'] ?? details?.['toUnit'];
    return personName(to);
  }

  private endOutgoing(what: 'withdraw' | 'cancel', body: { reason: string } | Record<string, never>): void {
    const d = this.doc();
    if (!d) return;
    this.documents.end(d.id, what, body, newIdempotencyKey()).subscribe({
      next: () => {
        this.actionError.set(null);
        this.actionDone.set(
          `${this.t('action.done')}: ${this.t(what === 'withdraw' ? 'doc.withdraw' : this.cancelLabel())}`,
        );
        this.reloads.next();
      },
      error: (failure: unknown) => {
        const error = toApiError(failure);
        if (error.status !== 401) this.actionError.set(describeError(error, this.t));
      },
    });
  }
}

function actorId(entry: HistoryEntry | undefined): string | undefined {
  const actor = entry?.actor;
  return actor && typeof actor === 'object' ? actor.id : undefined;
}
