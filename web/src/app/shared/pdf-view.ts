import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { DomSanitizer, type SafeResourceUrl } from '@angular/platform-browser';
import { catchError, of, switchMap } from 'rxjs';

import { toApiError } from '../core/api-error';
import { Download } from '../core/download';
import { defineMessages, injectMessages } from '../core/i18n';

const M = defineMessages(
  {
    loading: 'กำลังโหลดไฟล์ PDF…',
    none: 'ยังไม่มีไฟล์ PDF',
    error: 'โหลดไฟล์ PDF ไม่สำเร็จ',
    open: 'เปิด PDF ในแท็บใหม่',
    frame: 'ตัวหนังสือ (PDF)',
  },
  {
    loading: 'Loading the PDF…',
    none: 'No PDF yet',
    error: 'Could not load the PDF',
    open: 'Open the PDF in a new tab',
    frame: 'The document (PDF)',
  },
);

/**
 * A PDF behind the bearer token, shown in the page: fetched as a blob and given to the browser's viewer in an
 * iframe, with a link to open it in its own tab (phones show PDFs better there). `src` changes reload it.
 */
@Component({
  selector: 'app-pdf-view',
  template: `
    @switch (state()) {
      @case ('loading') {
        <p class="muted" role="status">{{ t('loading') }}</p>
      }
      @case ('none') {
        <p class="muted" data-testid="pdf-none">{{ emptyText() || t('none') }}</p>
      }
      @case ('error') {
        <p class="note-error" role="alert">{{ t('error') }} {{ errorText() }}</p>
      }
      @case ('ready') {
        <p class="open">
          <a [href]="rawUrl()" target="_blank" rel="noopener" data-testid="pdf-open">{{ t('open') }}</a>
        </p>
        <iframe [src]="safeUrl()" [title]="t('frame')" data-testid="pdf-frame"></iframe>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    iframe {
      display: block;
      width: 100%;
      height: var(--pdf-height, 75vh);
      min-height: 24rem;
      border: 1px solid var(--saraban-border);
      border-radius: 4px;
      background: #525659;
    }
    .open {
      margin: 0 0 0.35rem;
      text-align: right;
      font-size: 0.9rem;
    }
    .muted {
      color: var(--saraban-muted);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PdfView {
  private readonly download = inject(Download);
  private readonly sanitizer = inject(DomSanitizer);
  protected readonly t = injectMessages(M);

  /** The API path of the PDF, e.g. `/api/documents/:id/pdf`; null shows nothing to load. */
  readonly src = input.required<string | null>();
  /** Changing this reloads the same `src` (e.g. the document's stage after signing). */
  readonly revision = input<unknown>(null);
  /** What to say when there is no PDF. */
  readonly emptyText = input<string>('');

  protected readonly state = signal<'loading' | 'none' | 'error' | 'ready'>('loading');
  protected readonly errorText = signal('');
  protected readonly rawUrl = signal<string>('');
  protected readonly safeUrl = signal<SafeResourceUrl | null>(null);
  private readonly key = computed(() => ({ src: this.src(), revision: this.revision() }));

  constructor() {
    toObservable(this.key)
      .pipe(
        switchMap(({ src }) => {
          if (!src) return of(null);
          this.state.set('loading');
          return this.download.blob(src, 'application/pdf').pipe(
            catchError((failure: unknown) => {
              const error = toApiError(failure);
              this.state.set(error.status === 404 ? 'none' : 'error');
              this.errorText.set(error.status === 404 ? '' : `(${error.code})`);
              return of(undefined);
            }),
          );
        }),
      )
      .subscribe((blob) => {
        if (blob === undefined) return;
        this.release();
        if (blob === null) {
          this.state.set('none');
          return;
        }
        const url = URL.createObjectURL(blob);
        this.rawUrl.set(url);
        // Fit the page width and leave the thumbnail pane closed: the column is narrow.
        this.safeUrl.set(this.sanitizer.bypassSecurityTrustResourceUrl(`${url}#navpanes=0&view=FitH`));
        this.state.set('ready');
      });
    inject(DestroyRef).onDestroy(() => this.release());
  }

  private release(): void {
    if (this.rawUrl()) URL.revokeObjectURL(this.rawUrl());
    this.rawUrl.set('');
  }
}
