import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import type {
  AnswerOf,
  DocumentDetail,
  IncomingRequest,
  IncomingResponse,
  RequestOf,
  Schemas,
  VersionDetail,
} from '../api-types';
import { segment, writeOptions } from './http';

/** A draft as the compose screen sends it; the API checks the parts of its kind (`POST /api/documents`). */
export type DraftBody = Omit<RequestOf<'/api/documents', 'post'>, 'kind' | 'body'> & {
  kind: string;
  body?: Record<string, unknown>;
};

/** A saved draft: `POST /api/documents` answers the whole registration, `PUT` the version and stage. */
export type SavedDraft = Schemas['DraftRevised'] & Partial<Omit<Schemas['DraftCreated'], 'id' | 'version' | 'stage'>>;

/**
 * Documents: one document with its history and tasks, its versions, registering a received one, drafting,
 * submitting, withdrawing and cancelling an outgoing one, and the letter preview (`/api/documents`, `/api/letters`).
 */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);

  /** The document as the caller may see it (404 when they may not). */
  get(id: string): Observable<DocumentDetail> {
    return this.http.get<DocumentDetail>(`/api/documents/${segment(id)}`);
  }

  /** One saved version of a draft. */
  version(id: string, version: number): Observable<VersionDetail> {
    return this.http.get<VersionDetail>(`/api/documents/${segment(id)}/versions/${segment(version)}`);
  }

  /** A clerk registers a received document: its receipt number, and paper or electronic. */
  registerIncoming(body: IncomingRequest, idempotencyKey?: string): Observable<IncomingResponse> {
    return this.http.post<IncomingResponse>('/api/documents/incoming', body, writeOptions(idempotencyKey));
  }

  /** Saves a draft: a new document (`id` null) or a new version of one. */
  saveDraft(id: string | null, body: DraftBody, idempotencyKey?: string): Observable<SavedDraft> {
    return id
      ? this.http.put<SavedDraft>(`/api/documents/${segment(id)}`, body, writeOptions(idempotencyKey))
      : this.http.post<SavedDraft>('/api/documents', body, writeOptions(idempotencyKey));
  }

  /** The author proposes the draft up the chain of command (or to `toPositionId`). */
  submit(
    id: string,
    body: RequestOf<'/api/documents/{id}/submit', 'post'>,
    idempotencyKey?: string,
  ): Observable<AnswerOf<'/api/documents/{id}/submit', 'post'>> {
    return this.http.post<AnswerOf<'/api/documents/{id}/submit', 'post'>>(
      `/api/documents/${segment(id)}/submit`,
      body,
      writeOptions(idempotencyKey),
    );
  }

  /** The author withdraws the document before signing (`withdraw`), or a numbered one is cancelled (`cancel`). */
  end(
    id: string,
    what: 'withdraw' | 'cancel',
    body: RequestOf<'/api/documents/{id}/withdraw', 'post'> | RequestOf<'/api/documents/{id}/cancel', 'post'>,
    idempotencyKey?: string,
  ): Observable<Schemas['DocumentEnded']> {
    return this.http.post<Schemas['DocumentEnded']>(
      `/api/documents/${segment(id)}/${what}`,
      body,
      writeOptions(idempotencyKey),
    );
  }

  /**
   * The draft letter as HTML, laid out as the PDF will be. `draft` is the body of `POST /api/letters/preview` as
   * JSON text: the preview compares drafts as text to skip repeats, and the endpoint is lenient on half-written ones.
   */
  preview(draft: string): Observable<string> {
    return this.http.post('/api/letters/preview', draft, {
      responseType: 'text',
      headers: { 'Content-Type': 'application/json', Accept: 'text/html' },
    });
  }
}
