import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { catchError, combineLatest, EMPTY, finalize, startWith, Subject, switchMap, tap } from 'rxjs';

import { type ApiError, toApiError } from '../core/api-error';
import { type DocumentDetail, personName } from '../core/api-types';
import { I18n } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
import { UrgencyBadge } from '../shared/urgency-badge';
import { type ActionOutcome, TaskActions } from './task-actions';

/** A document: its metadata, receipt stamp, stage, minutes, history, and the actions the caller may take now. */
@Component({
  selector: 'app-document-page',
  imports: [MatProgressBar, RouterLink, ThaiPipe, UrgencyBadge, TaskActions],
  templateUrl: './document-page.html',
  styleUrl: './document-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentPage {
  private readonly http = inject(HttpClient);
  protected readonly i18n = inject(I18n);

  /** The document id, bound from the route. */
  readonly id = input.required<string>();

  protected readonly doc = signal<DocumentDetail | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly actionDone = signal<string | null>(null);
  protected readonly personName = personName;
  protected readonly minutes = computed(() => this.doc()?.minutes ?? []);
  private readonly reloads = new Subject<void>();

  constructor() {
    combineLatest([toObservable(this.id), this.reloads.pipe(startWith(undefined))])
      .pipe(
        switchMap(([id]) => {
          this.loading.set(true);
          return this.http.get<DocumentDetail>(`/api/documents/${encodeURIComponent(id)}`).pipe(
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
  }

  /** Shows what an action did and reloads the document (a 409 means it changed under us). */
  protected onOutcome(outcome: ActionOutcome): void {
    if (outcome.ok) {
      this.actionError.set(null);
      this.actionDone.set(
        `${this.i18n.t('action.done')}: ${this.i18n.tOr('action.' + outcome.action, outcome.action)}`,
      );
      this.reloads.next();
      return;
    }
    const error = outcome.error;
    if (error.status === 401) return;
    this.actionDone.set(null);
    this.actionError.set(this.describe(error));
    if (error.status === 409 || error.status === 404) this.reloads.next();
  }

  private describe(error: ApiError): string {
    const i18n = this.i18n;
    let lead: string;
    if (error.code === 'TASK_NOT_OPEN') lead = i18n.t('error.TASK_NOT_OPEN');
    else if (error.status === 403) lead = i18n.t('error.403');
    else if (error.status === 409) lead = i18n.t('error.409');
    else if (error.status === 404) lead = i18n.t('error.404');
    else if (error.status === 0) lead = i18n.t('error.network');
    else lead = i18n.t('error.generic');
    const detail = error.message && error.message !== lead ? ` — ${error.message}` : '';
    return `${lead}${detail} (${error.code})`;
  }
}
