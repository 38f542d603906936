import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import type { RequestOf, Schemas } from '../api-types';
import { segment, type QueryParams } from './http';

/** A page of the mail waiting for review. */
export type HeldMailPage = Schemas['HeldMailPage'];
/** One message waiting for review. */
export type HeldMail = Schemas['HeldMailItem'];

/** Mail from senders outside the directory, waiting for the unit's clerk: list, register, reject (`/api/mail`). */
@Injectable({ providedIn: 'root' })
export class MailReviewApi {
  private readonly http = inject(HttpClient);

  /** One page of the held messages, oldest first, and how many wait. */
  list(params: QueryParams<'/api/mail/review'>): Observable<HeldMailPage> {
    return this.http.get<HeldMailPage>('/api/mail/review', { params });
  }

  /** The address of a held message's PDF attachment (from 0), for the Download service. */
  fileUrl(heldId: number, index: number): string {
    return `/api/mail/review/${segment(heldId)}/files/${segment(index)}`;
  }

  /** Registers the message (optionally adding its sender to the directory of outside bodies). */
  accept(
    heldId: number,
    body: RequestOf<'/api/mail/review/{heldId}/accept', 'post'>,
  ): Observable<Schemas['HeldMailAccepted']> {
    return this.http.post<Schemas['HeldMailAccepted']>(`/api/mail/review/${segment(heldId)}/accept`, body);
  }

  /** Rejects the message: not an official letter (kept in the audit trail). */
  reject(heldId: number, body: RequestOf<'/api/mail/review/{heldId}/reject', 'post'>): Observable<unknown> {
    return this.http.post(`/api/mail/review/${segment(heldId)}/reject`, body);
  }
}
