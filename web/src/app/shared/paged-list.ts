import { DestroyRef, inject, signal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';

/** A page as the API's list endpoints answer it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The state of a cursor-paged list (rows, more to come, loading, failed) over a page loader; `reload()` starts over
 * (e.g. a filter changed), `more()` appends the next page. A reload drops a page still in flight. Call in an
 * injection context.
 */
export function pagedList<T>(load: (cursor: string | null) => Observable<Page<T>>) {
  const rows = signal<T[] | null>(null);
  const nextCursor = signal<string | null>(null);
  const loading = signal(false);
  const failed = signal(false);
  let inFlight: Subscription | undefined;
  inject(DestroyRef).onDestroy(() => inFlight?.unsubscribe());

  const fetch = (more: boolean) => {
    inFlight?.unsubscribe();
    if (!more) rows.set(null);
    loading.set(true);
    inFlight = load(more ? nextCursor() : null).subscribe({
      next: (page) => {
        rows.update((list) => (more && list ? [...list, ...page.items] : page.items));
        nextCursor.set(page.nextCursor);
        failed.set(false);
        loading.set(false);
      },
      error: () => {
        failed.set(true);
        loading.set(false);
        if (!more) rows.set([]);
      },
    });
  };
  return {
    rows: rows.asReadonly(),
    nextCursor: nextCursor.asReadonly(),
    loading: loading.asReadonly(),
    failed: failed.asReadonly(),
    reload: () => fetch(false),
    more: () => fetch(true),
  };
}
