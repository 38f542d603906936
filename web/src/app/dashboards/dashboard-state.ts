import { signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { catchError, EMPTY, finalize, type Observable, switchMap, tap } from 'rxjs';

import { toApiError } from '../core/api-error';
import { type DashboardFilter, filterParams } from './dashboard-filters';

/**
 * What each dashboard keeps: the filter as the form holds it and as last applied, the answer for the applied one
 * (loaded again whenever it changes), whether it is loading, the error line, and which row's documents are open.
 * Call in an injection context (a field initialiser): the loading stops with the component.
 */
export function dashboardState<T>(load: (params: Record<string, string>) => Observable<T>, errorLabel: () => string) {
  const state = {
    filterDraft: signal<DashboardFilter>({ unitId: '', from: '', to: '' }),
    filter: signal<DashboardFilter>({ unitId: '', from: '', to: '' }),
    data: signal<T | null>(null),
    loading: signal(false),
    error: signal<string | null>(null),
    /** The row whose documents are listed. */
    open: signal<string | null>(null),
    /** Opens a row's documents, or closes them when they are open. */
    toggle(key: string): void {
      state.open.set(state.open() === key ? null : key);
    },
  };
  toObservable(state.filter)
    .pipe(
      switchMap((filter) => {
        state.loading.set(true);
        return load(filterParams(filter)).pipe(
          tap(() => state.error.set(null)),
          catchError((failure: unknown) => {
            const error = toApiError(failure);
            state.error.set(`${errorLabel()}: ${error.message || error.code}`);
            return EMPTY;
          }),
          finalize(() => state.loading.set(false)),
        );
      }),
      takeUntilDestroyed(),
    )
    .subscribe((data) => state.data.set(data));
  return state;
}
