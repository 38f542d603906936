import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap, tap } from 'rxjs';

import { DocumentsApi } from '../core/api/documents-api';
import { toApiError } from '../core/api-error';
import { defineMessages, injectMessages } from '../core/i18n';

/** The body of `POST /api/letters/preview`: a draft as the compose screen holds it. */
export interface LetterPreviewRequest {
  kind: string;
  circular?: boolean;
  subject: string;
  urgency: string;
  secrecy: string;
  urgentWithin?: string;
  body: Record<string, string | string[]>;
}

/** Width of an A4 page at 96 dpi, in CSS pixels: the preview is laid out at this width and scaled to fit. */
const PAGE_WIDTH = 794;
/** How long typing must pause before the preview is asked again, in ms. */
const DEBOUNCE_MS = 600;

const M = defineMessages(
  { loading: 'กำลังจัดหน้า…', error: 'แสดงตัวอย่างไม่ได้', frame: 'ตัวอย่างหนังสือที่จะพิมพ์' },
  { loading: 'Laying out…', error: 'Cannot preview', frame: 'Preview of the printed letter' },
);

/**
 * The live preview of a letter as it will be printed: the API lays the draft out as HTML (fonts and emblem inside,
 * nothing that runs) and the page shows it in a sandboxed frame, scaled to the column.
 */
@Component({
  selector: 'app-letter-preview',
  template: `
    <div class="status" aria-live="polite">
      @if (loading()) {
        <span class="muted">{{ t('loading') }}</span>
      }
      @if (error(); as message) {
        <span class="note-error">{{ t('error') }}: {{ message }}</span>
      }
    </div>
    <div class="viewport" #viewport>
      @if (html(); as content) {
        <iframe
          sandbox=""
          [srcdoc]="content"
          [title]="t('frame')"
          data-testid="letter-preview"
          [style.width.px]="pageWidth"
          [style.height.px]="innerHeight()"
          [style.transform]="'scale(' + scale() + ')'"
        ></iframe>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .status {
      min-height: 1.5rem;
      font-size: 0.9rem;
    }
    .muted {
      color: var(--saraban-muted);
    }
    .viewport {
      position: relative;
      height: var(--preview-height, 70vh);
      min-height: 20rem;
      overflow: hidden;
      background: #8a94a3;
      border-radius: 4px;
    }
    iframe {
      position: absolute;
      top: 0;
      left: 0;
      border: 0;
      background: #fff;
      transform-origin: 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LetterPreview {
  private readonly documents = inject(DocumentsApi);
  private readonly sanitizer = inject(DomSanitizer);
  protected readonly t = injectMessages(M);

  readonly request = input.required<LetterPreviewRequest>();

  protected readonly pageWidth = PAGE_WIDTH;
  protected readonly html = signal<SafeHtml | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly scale = signal(0.6);
  /** The frame's height before scaling: it fills the viewport once scaled and scrolls through the pages inside. */
  protected readonly innerHeight = signal(1123);
  private readonly viewport = viewChild<ElementRef<HTMLElement>>('viewport');

  constructor() {
    toObservable(this.request)
      .pipe(
        map((request) => JSON.stringify(request)),
        distinctUntilChanged(),
        debounceTime(DEBOUNCE_MS),
        tap(() => this.loading.set(true)),
        switchMap((body) =>
          this.documents.preview(body).pipe(
            map((html) => ({ html, error: null as string | null })),
            catchError((failure: unknown) => {
              const error = toApiError(failure);
              return of({ html: null, error: error.message || error.code });
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ html, error }) => {
        this.loading.set(false);
        this.error.set(error);
        if (html !== null) this.html.set(this.sanitizer.bypassSecurityTrustHtml(html));
      });

    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const element = this.viewport()?.nativeElement;
      if (!element || typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(() => {
        const scale = Math.min(1, element.clientWidth / PAGE_WIDTH);
        this.scale.set(scale);
        this.innerHeight.set(Math.round(element.clientHeight / scale));
      });
      observer.observe(element);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }
}
