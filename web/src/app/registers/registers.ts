import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { catchError, combineLatest, EMPTY, finalize, of, switchMap, tap } from 'rxjs';

import { type RegisterPage, RegistersApi } from '../core/api/registers-api';
import { toApiError } from '../core/api-error';
import { Auth } from '../core/auth';
import { defineMessages, injectMessages } from '../core/i18n';
import { Download } from '../core/download';
import { Org, type OrgUnit } from '../core/org';
import { ThaiPipe } from '../core/thai-pipe';

const REGISTERS = ['receipt', 'dispatch', 'circular'] as const;

const M = defineMessages(
  {
    heading: 'ทะเบียนหนังสือ',
    lead: 'ทะเบียนหนังสือรับ ทะเบียนหนังสือส่ง และทะเบียนหนังสือเวียน ตามแบบของระเบียบงานสารบรรณ',
    register: 'ทะเบียน',
    'register.receipt': 'ทะเบียนหนังสือรับ',
    'register.dispatch': 'ทะเบียนหนังสือส่ง',
    'register.circular': 'ทะเบียนหนังสือเวียน (ว)',
    year: 'ปี พ.ศ.',
    unit: 'หน่วยงาน',
    filter: 'กรองรายการที่แสดง',
    csv: 'ส่งออก CSV',
    pdf: 'ส่งออก PDF',
    xlsx: 'ส่งออก Excel',
    more: 'โหลดเพิ่ม',
    count: 'รายการ',
    of: 'จาก',
    empty: 'ไม่มีรายการในทะเบียนนี้',
    loading: 'กำลังโหลด…',
    error: 'โหลดทะเบียนไม่สำเร็จ',
    exporting: 'กำลังเตรียมไฟล์…',
  },
  {
    heading: 'Registers',
    lead: 'The receipt, dispatch and circular registers in the regulation’s columns',
    register: 'Register',
    'register.receipt': 'Receipt register',
    'register.dispatch': 'Dispatch register',
    'register.circular': 'Circular register (ว)',
    year: 'Year (BE)',
    unit: 'Unit',
    filter: 'Filter the rows shown',
    csv: 'Export CSV',
    pdf: 'Export PDF',
    xlsx: 'Export Excel',
    more: 'Load more',
    count: 'entries',
    of: 'of',
    empty: 'No entries in this register',
    loading: 'Loading…',
    error: 'Could not load the register',
    exporting: 'Preparing the file…',
  },
);

/** Bangkok's Buddhist-era year today. */
function thisYear(): number {
  return new Date(Date.now() + 7 * 3600_000).getUTCFullYear() + 543;
}

/** The registers: view one unit's register for a year, filter the rows, export it as CSV or PDF. */
/** The export formats and the media type each asks the API for. */
const EXPORT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

@Component({
  selector: 'app-registers',
  imports: [MatButton, ThaiPipe],
  templateUrl: './registers.html',
  styleUrl: './registers.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Registers {
  private readonly api = inject(RegistersApi);
  private readonly auth = inject(Auth);
  private readonly org = inject(Org);
  private readonly download = inject(Download);
  protected readonly t = injectMessages(M);
  protected readonly registers = REGISTERS;
  protected readonly years = Array.from({ length: 5 }, (_, i) => thisYear() - i);

  protected readonly register = signal<(typeof REGISTERS)[number]>('receipt');
  protected readonly year = signal(thisYear());
  protected readonly unitId = signal(this.auth.user()?.registryUnit.id ?? '');
  protected readonly filter = signal('');
  protected readonly page = signal<RegisterPage | null>(null);
  protected readonly loading = signal(false);
  protected readonly exporting = signal(false);
  protected readonly error = signal<string | null>(null);

  private readonly loaded = toSignal(this.org.load().pipe(catchError(() => of([] as OrgUnit[]))), {
    initialValue: [] as OrgUnit[],
  });
  protected readonly units = computed(() => {
    this.loaded();
    return this.org.registryUnits().filter((u) => u.kind !== 'city');
  });
  protected readonly rows = computed(() => {
    const q = this.filter().trim().toLowerCase();
    const items = this.page()?.items ?? [];
    return q ? items.filter((row) => row.cells.some((cell) => cell.toLowerCase().includes(q))) : items;
  });

  constructor() {
    combineLatest([toObservable(this.register), toObservable(this.year), toObservable(this.unitId)])
      .pipe(
        switchMap(([register, year, unitId]) => {
          this.page.set(null);
          return this.fetch(register, year, unitId);
        }),
        takeUntilDestroyed(),
      )
      .subscribe((page) => this.page.set(page));
  }

  protected loadMore(): void {
    const current = this.page();
    if (!current?.nextCursor) return;
    this.fetch(this.register(), this.year(), this.unitId(), current.nextCursor).subscribe((next) =>
      this.page.set({ ...next, items: [...current.items, ...next.items] }),
    );
  }

  protected export(format: keyof typeof EXPORT_TYPES): void {
    this.exporting.set(true);
    const accept = EXPORT_TYPES[format];
    const name = `${this.register()}-${this.year()}-${this.unitId()}.${format}`;
    this.download
      .save(this.api.fileUrl(this.register(), `${this.query()}&format=${format}`), accept, name)
      .pipe(
        catchError((failure: unknown) => {
          this.error.set(`${this.t('error')}: ${toApiError(failure).code}`);
          return EMPTY;
        }),
        finalize(() => this.exporting.set(false)),
      )
      .subscribe();
  }

  private query(): string {
    const params = new URLSearchParams({ year: String(this.year()) });
    if (this.unitId()) params.set('unitId', this.unitId());
    return params.toString();
  }

  private fetch(register: string, year: number, unitId: string, cursor?: string) {
    const params: Record<string, string> = { year: String(year), limit: '200' };
    if (unitId) params['unitId'] = unitId;
    if (cursor) params['cursor'] = cursor;
    this.loading.set(true);
    return this.api.page(register, params).pipe(
      tap(() => this.error.set(null)),
      catchError((failure: unknown) => {
        const error = toApiError(failure);
        this.error.set(`${this.t('error')}: ${error.message || error.code}`);
        return EMPTY;
      }),
      finalize(() => this.loading.set(false)),
    );
  }
}
