import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { catchError, EMPTY, finalize, switchMap, tap } from 'rxjs';

import { toApiError } from '../core/api-error';
import { SearchApi } from '../core/api/search-api';
import type { SearchHit } from '../core/api-types';
import { defineMessages, injectMessages, mergeMessages } from '../core/i18n';
import { ENUM_IDS } from '../core/labels';
import { ThaiPipe } from '../core/thai-pipe';
import { UrgencyBadge } from '../shared/urgency-badge';
import { WORK_MESSAGES } from '../shared/work-messages';

const M = defineMessages(
  {
    heading: 'ค้นหาหนังสือ',
    q: 'คำค้น (เรื่อง ผู้ส่ง ผู้รับ ข้อความ)',
    number: 'เลขที่หนังสือหรือเลขรับ',
    kind: 'ชนิดหนังสือ',
    urgency: 'ชั้นความเร็ว',
    from: 'ตั้งแต่วันที่',
    to: 'ถึงวันที่',
    any: 'ทั้งหมด',
    search: 'ค้นหา',
    clear: 'ล้าง',
    more: 'แสดงเพิ่ม',
    none: 'ไม่พบหนังสือที่ตรงกับคำค้น',
    hint: 'พิมพ์คำภาษาไทยได้เลย ระบบตัดคำให้ และค้นเฉพาะหนังสือที่ท่านมีสิทธิ์เห็น',
    found: 'พบ',
    col: 'รายการ',
    'dir.incoming': 'หนังสือรับ',
    'dir.outgoing': 'หนังสือส่ง',
    'dir.circular': 'หนังสือเวียน',
    error: 'ค้นหาไม่สำเร็จ',
  },
  {
    heading: 'Search documents',
    q: 'Words (subject, sender, recipients, text)',
    number: 'Document or receipt number',
    kind: 'Kind',
    urgency: 'Urgency',
    from: 'From',
    to: 'To',
    any: 'All',
    search: 'Search',
    clear: 'Clear',
    more: 'Show more',
    none: 'No documents match',
    hint: 'Type Thai words as they are: the system segments them, and finds only documents you may see',
    found: 'Found',
    col: 'documents',
    'dir.incoming': 'Received',
    'dir.outgoing': 'Sent',
    'dir.circular': 'Circular',
    error: 'Search failed',
  },
);

/** The search form's fields, as in the URL (`/search?q=…&number=…`). */
interface SearchForm {
  q: string;
  number: string;
  kind: string;
  urgency: string;
  from: string;
  to: string;
}

/** Search (`GET /api/documents`): Thai words, numbers, kind, urgency and dates; the URL keeps the query. */
@Component({
  selector: 'app-search',
  imports: [MatButton, RouterLink, ThaiPipe, UrgencyBadge],
  templateUrl: './search.html',
  styleUrl: './search.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Search {
  private readonly api = inject(SearchApi);
  private readonly router = inject(Router);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, M));
  protected readonly options = ENUM_IDS;

  readonly q = input<string>('');
  readonly number = input<string>('');
  readonly kind = input<string>('');
  readonly urgency = input<string>('');
  readonly from = input<string>('');
  readonly to = input<string>('');

  /** What the URL asks for. */
  private readonly asked = computed<SearchForm>(() => ({
    q: this.q() ?? '',
    number: this.number() ?? '',
    kind: this.kind() ?? '',
    urgency: this.urgency() ?? '',
    from: this.from() ?? '',
    to: this.to() ?? '',
  }));
  protected readonly form = signal<SearchForm>({ q: '', number: '', kind: '', urgency: '', from: '', to: '' });
  protected readonly hits = signal<SearchHit[] | null>(null);
  protected readonly next = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    toObservable(this.asked)
      .pipe(
        tap((asked) => this.form.set(asked)),
        switchMap((asked) => {
          if (!Object.values(asked).some(Boolean)) {
            this.hits.set(null);
            return EMPTY;
          }
          return this.fetch(asked);
        }),
        takeUntilDestroyed(),
      )
      .subscribe((answer) => {
        this.hits.set(answer.items ?? []);
        this.next.set(answer.nextCursor);
      });
  }

  protected set(key: keyof SearchForm, value: string): void {
    this.form.update((f) => ({ ...f, [key]: value }));
  }

  protected submit(): void {
    const params = Object.fromEntries(Object.entries(this.form()).filter(([, v]) => v.trim()));
    void this.router.navigate(['/search'], { queryParams: params });
  }

  protected clear(): void {
    void this.router.navigate(['/search']);
  }

  protected more(): void {
    const cursor = this.next();
    if (!cursor) return;
    this.fetch(this.asked(), cursor).subscribe((answer) => {
      this.hits.update((hits) => [...(hits ?? []), ...(answer.items ?? [])]);
      this.next.set(answer.nextCursor);
    });
  }

  private fetch(form: SearchForm, cursor?: string) {
    const params: Record<string, string> = { limit: '50' };
    for (const [key, value] of Object.entries(form)) if (value.trim()) params[key] = value.trim();
    if (cursor) params['cursor'] = cursor;
    this.loading.set(true);
    return this.api.search(params).pipe(
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
