import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { beYearOf } from '@domain/thai/dates';
import { catchError, map, merge, of, startWith, Subject, switchMap } from 'rxjs';

import { AdminApi, type AdminHoliday as Holiday } from '../core/api/admin-api';
import { toApiError } from '../core/api-error';
import { injectMessages } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
import { FieldControl, FormField } from '../shared/form-field';
import { ADMIN_MESSAGES } from './admin.messages';
import { type AdminColumn, AdminList, AdminRow } from './admin-list';
import { AdminFormActions } from './form-actions';
import { AdminStore, type SaveState } from './admin-store';

const KINDS = ['special', 'public', 'substitution'] as const;

/**
 * The working calendar's holidays by Buddhist-era year: add a day (e.g. a Cabinet's extra holiday) or remove one.
 * Due times of documents started afterwards count the new list; running documents keep the calendar they began with.
 */
@Component({
  selector: 'app-admin-holidays',
  imports: [MatButton, ThaiPipe, FormField, FieldControl, AdminList, AdminRow, AdminFormActions],
  templateUrl: './admin-holidays.html',
  styleUrl: './admin.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminHolidays {
  private readonly api = inject(AdminApi);
  private readonly store = inject(AdminStore);
  protected readonly t = injectMessages(ADMIN_MESSAGES);
  protected readonly kinds = KINDS;
  private readonly thisYear = beYearOf(new Date());
  protected readonly years = [-1, 0, 1, 2].map((d) => this.thisYear + d);
  protected readonly year = signal(this.thisYear);
  private readonly reload = new Subject<void>();
  private readonly answer = toSignal(
    merge(toObservable(this.year), this.reload.pipe(map(() => this.year()))).pipe(
      switchMap((year) =>
        this.api.holidays(year).pipe(
          map((a) => ({ items: a.items, error: null as string | null })),
          catchError((failure: unknown) => of({ items: [] as Holiday[], error: toApiError(failure).message })),
          startWith(null),
        ),
      ),
    ),
    { initialValue: null },
  );
  protected readonly holidays = computed(() => this.answer()?.items ?? null);
  protected readonly columns = computed((): AdminColumn[] => [
    { label: this.t('date') },
    { label: this.t('holidayName') },
    { label: this.t('holidayKind') },
    { label: this.t('remove'), hidden: true },
  ]);
  protected readonly holidayKey = (h: Holiday) => h.id;
  protected readonly loadError = computed(() => this.answer()?.error ?? null);
  protected readonly workdaysOff = computed(() => (this.holidays() ?? []).filter((h) => !h.weekend).length);
  protected readonly draft = signal({ date: '', name: '', nameEn: '', kind: 'special' as (typeof KINDS)[number] });
  protected readonly save = signal<SaveState>({ state: 'idle' });
  protected readonly removing = signal<Record<number, SaveState>>({});

  protected set(field: 'date' | 'name' | 'nameEn' | 'kind', value: string): void {
    this.draft.update((d) => ({ ...d, [field]: value }));
  }

  protected add(): void {
    const d = this.draft();
    this.store.run(
      this.save,
      this.store.change(
        this.api.addHoliday({
          date: d.date,
          name: d.name.trim(),
          ...(d.nameEn.trim() ? { nameEn: d.nameEn.trim() } : {}),
          kind: d.kind,
        }),
      ),
      (added) => {
        this.draft.set({ date: '', name: '', nameEn: '', kind: d.kind });
        const year = Number(added.date.slice(0, 4)) + 543;
        if (year !== this.year()) this.year.set(year);
        else this.reload.next();
      },
      this.t('saved'),
    );
  }

  protected remove(h: Holiday): void {
    if (!confirm(`${this.t('removeConfirm')}\n${h.name}`)) return;
    const target = { set: (s: SaveState) => this.removing.update((all) => ({ ...all, [h.id]: s })) };
    this.store.run(target, this.store.change(this.api.removeHoliday(h.id)), () => this.reload.next());
  }
}
