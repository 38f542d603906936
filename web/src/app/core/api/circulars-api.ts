import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import type { CircularListResponse, RequestOf, Schemas } from '../api-types';
import { writeOptions, type QueryParams } from './http';

/** Circulars (หนังสือเวียน): sending one to units and groups, and the list with acknowledgements (`/api/circulars`). */
@Injectable({ providedIn: 'root' })
export class CircularsApi {
  private readonly http = inject(HttpClient);

  /** Sends a circular: its number in the ว series and how many units it goes to. */
  send(
    body: RequestOf<'/api/circulars', 'post'>,
    idempotencyKey?: string,
  ): Observable<Schemas['CircularRegistration']> {
    return this.http.post<Schemas['CircularRegistration']>('/api/circulars', body, writeOptions(idempotencyKey));
  }

  /** One page of the circulars of the caller's unit and the units it oversees, newest first. */
  list(params: QueryParams<'/api/circulars'>): Observable<CircularListResponse> {
    return this.http.get<CircularListResponse>('/api/circulars', { params });
  }
}
