import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Subscription } from 'rxjs';
import {
  type AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { RouterLink } from '@angular/router';

import { DocumentsApi } from '../core/api/documents-api';
import { toApiError } from '../core/api-error';
import type { IncomingRequest, IncomingResponse, ReceiptStamp } from '../core/api-types';
import { Auth } from '../core/auth';
import { injectMessages, mergeMessages } from '../core/i18n';
import { newIdempotencyKey } from '../core/idempotency';
import { ENUM_IDS } from '../core/labels';
import { ThaiPipe } from '../core/thai-pipe';
import { PdfView } from '../shared/pdf-view';
import { ReceiptStampNote, watchReceiptStamp } from '../shared/receipt-stamp';
import { WORK_MESSAGES } from '../shared/work-messages';
import { INCOMING_MESSAGES } from './incoming.messages';
import { parseSenderDate, splitNumberAndDate } from './sender-date';

/** The values the API takes for one of the selects (the options come from domain/'s lists, ENUM_IDS). */
type Choice<K extends 'urgency' | 'secrecy' | 'category' | 'kind'> = NonNullable<IncomingRequest[K]>;

/** The largest PDF the client sends (the API has its own limit and answers 413 above it), in bytes. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A PDF picked or dropped, read into base64 for the JSON body. */
interface PickedFile {
  name: string;
  size: number;
  contentBase64: string;
}

/** The API's field paths and the form controls that show their messages. */
const FIELD_CONTROLS: Record<string, string> = {
  subject: 'subject',
  'sender.name': 'senderName',
  sender: 'senderName',
  'sender.number': 'senderNumber',
  'sender.date': 'senderDate',
  urgency: 'urgency',
  secrecy: 'secrecy',
  category: 'category',
  kind: 'kind',
  note: 'note',
};

function senderDateValidator(control: AbstractControl<string>): ValidationErrors | null {
  const text = control.value?.trim() ?? '';
  return text && !parseSenderDate(text) ? { date: true } : null;
}

/** The clerk's fast path to register a received document: one form, the receipt stamp at once. */
@Component({
  selector: 'app-incoming-new',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    RouterLink,
    ThaiPipe,
    PdfView,
    ReceiptStampNote,
  ],
  templateUrl: './incoming-new.html',
  styleUrl: './incoming-new.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IncomingNew {
  private readonly documents = inject(DocumentsApi);
  private readonly auth = inject(Auth);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, INCOMING_MESSAGES));
  protected readonly options = ENUM_IDS;
  /** The registry unit whose receipt register numbers the document (the clerk's). */
  protected readonly unitName = computed(() => this.auth.user()?.registryUnit.name ?? '');

  protected readonly form = inject(FormBuilder).nonNullable.group({
    subject: ['', [Validators.required, Validators.maxLength(1000)]],
    senderName: ['', [Validators.required, Validators.maxLength(500)]],
    senderNumber: ['', Validators.maxLength(100)],
    senderDate: ['', senderDateValidator],
    urgency: ['normal' as Choice<'urgency'>],
    secrecy: ['none' as Choice<'secrecy'>],
    category: ['general' as Choice<'category'>],
    kind: ['external' as Choice<'kind'>],
    note: ['', Validators.maxLength(2000)],
  });

  protected readonly submitting = signal(false);
  protected readonly result = signal<IncomingResponse | null>(null);
  protected readonly error = signal<string | null>(null);
  /** Messages the API gave for fields that the form does not show. */
  protected readonly otherErrors = signal<string[]>([]);
  protected readonly senderDateIso = signal<string | null>(null);
  protected readonly file = signal<PickedFile | null>(null);
  /** Whether the registration just answered carried a PDF (the stamped copy is then shown). */
  protected readonly registeredWithFile = signal(false);
  /** The receipt stamp on the registered PDF: the life puts it on a moment after answering. */
  protected readonly stamp = signal<ReceiptStamp | null>(null);
  private stampWatch?: Subscription;
  private readonly destroyRef = inject(DestroyRef);
  protected readonly fileError = signal<string | null>(null);
  protected readonly reading = signal(false);
  protected readonly dragging = signal(false);
  private readonly receiptHeading = viewChild<ElementRef<HTMLElement>>('receiptHeading');

  /** One key per submission of the same content: a double click or a retry registers the document once. */
  private idempotencyKey: string | null = null;

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.idempotencyKey = null;
    });
    this.form.controls.senderDate.valueChanges.pipe(takeUntilDestroyed()).subscribe((text) => {
      this.senderDateIso.set(parseSenderDate(text));
    });
    afterNextRender(() => this.focusField('subject'));
  }

  protected register(): void {
    if (this.submitting()) return;
    this.error.set(null);
    this.otherErrors.set([]);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstInvalid();
      return;
    }
    this.idempotencyKey ??= newIdempotencyKey();
    this.submitting.set(true);
    this.documents.registerIncoming(this.requestBody(), this.idempotencyKey).subscribe({
      next: (answer) => {
        this.submitting.set(false);
        this.idempotencyKey = null;
        this.registeredWithFile.set(this.file() !== null);
        this.result.set(answer);
        if (this.file() !== null) this.watchStamp(answer.id);
        setTimeout(() => this.receiptHeading()?.nativeElement.focus());
      },
      error: (failure: unknown) => {
        this.submitting.set(false);
        this.showError(failure);
      },
    });
  }

  /** Follows the receipt stamp until it is on the PDF, which the viewer then reloads. */
  private watchStamp(documentId: string): void {
    this.stampWatch?.unsubscribe();
    this.stamp.set({ status: 'pending' });
    this.stampWatch = watchReceiptStamp(this.documents, documentId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((stamp) => this.stamp.set(stamp));
  }

  /** A file chosen in the picker or dropped on the zone: PDF only, read into base64 for the request. */
  protected pickFile(files: FileList | null | undefined): void {
    const picked = files?.[0];
    this.dragging.set(false);
    if (!picked) return;
    this.fileError.set(null);
    const isPdf = picked.type === 'application/pdf' || picked.name.toLowerCase().endsWith('.pdf');
    if (!isPdf) {
      this.fileError.set(this.t('incoming.fileNotPdf'));
      return;
    }
    if (picked.size > MAX_FILE_BYTES) {
      this.fileError.set(this.t('incoming.fileTooLarge'));
      return;
    }
    this.reading.set(true);
    const reader = new FileReader();
    reader.onload = () => {
      this.reading.set(false);
      const dataUrl = String(reader.result ?? '');
      this.file.set({ name: picked.name, size: picked.size, contentBase64: dataUrl.slice(dataUrl.indexOf(',') + 1) });
      this.idempotencyKey = null;
    };
    reader.onerror = () => {
      this.reading.set(false);
      this.fileError.set(this.t('incoming.failed'));
    };
    reader.readAsDataURL(picked);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.pickFile(event.dataTransfer?.files);
  }

  protected onDragOver(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(true);
  }

  protected removeFile(): void {
    this.file.set(null);
    this.fileError.set(null);
    this.idempotencyKey = null;
  }

  /** Pasting "ที่ … ลงวันที่ …" into the number field fills both the number and the date. */
  protected onNumberPaste(event: ClipboardEvent): void {
    const text = event.clipboardData?.getData('text') ?? '';
    const parts = splitNumberAndDate(text);
    if (!parts) return;
    event.preventDefault();
    this.form.patchValue({ senderNumber: parts.number, senderDate: parts.date });
  }

  protected fileSize(bytes: number): string {
    return bytes >= 1024 * 1024
      ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
      : `${Math.max(1, Math.round(bytes / 1024))} kB`;
  }

  /** Clears the form for the next letter, keeping nothing from the last one. */
  protected registerAnother(): void {
    this.result.set(null);
    this.error.set(null);
    this.otherErrors.set([]);
    this.form.reset();
    this.file.set(null);
    this.fileError.set(null);
    this.stampWatch?.unsubscribe();
    this.stamp.set(null);
    this.idempotencyKey = null;
    setTimeout(() => this.focusField('subject'));
  }

  private requestBody(): IncomingRequest {
    const v = this.form.getRawValue();
    const senderDate = parseSenderDate(v.senderDate);
    const body: IncomingRequest = {
      subject: v.subject.trim(),
      kind: v.kind,
      urgency: v.urgency,
      secrecy: v.secrecy,
      category: v.category,
      sender: { name: v.senderName.trim() },
    };
    if (v.senderNumber.trim()) body.sender.number = v.senderNumber.trim();
    if (senderDate) body.sender.date = senderDate;
    if (v.note.trim()) body.note = v.note.trim();
    const file = this.file();
    if (file) body.file = { name: file.name, contentBase64: file.contentBase64 };
    return body;
  }

  private showError(failure: unknown): void {
    const error = toApiError(failure);
    if (error.status === 401) return; // the interceptor is taking the user to sign-in
    const unplaced: string[] = [];
    for (const [path, message] of Object.entries(error.fields)) {
      const name = FIELD_CONTROLS[path] as keyof typeof this.form.controls | undefined;
      const control = name ? this.form.controls[name] : undefined;
      if (control) {
        control.setErrors({ ...(control.errors ?? {}), server: message });
        control.markAsTouched();
      } else {
        unplaced.push(path ? `${path}: ${message}` : message);
      }
    }
    this.otherErrors.set(unplaced);
    const summary = error.status === 0 ? this.t('error.network') : error.message || error.code;
    this.error.set(`${this.t('incoming.failed')}: ${summary}`);
    if (Object.keys(error.fields).length > 0) this.focusFirstInvalid();
  }

  private focusFirstInvalid(): void {
    const name = Object.entries(this.form.controls).find(([, control]) => control.invalid)?.[0];
    if (name) this.focusField(name);
  }

  private focusField(name: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(`#f-${name}`)?.focus();
  }
}
