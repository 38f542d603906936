import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import type { SearchResponse } from '../api-types';
import type { QueryParams } from './http';

/** Search: the documents the caller may see, by Thai words, number, kind, stage, dates, unit (`GET /api/documents`). */
@Injectable({ providedIn: 'root' })
export class SearchApi {
  private readonly http = inject(HttpClient);

  /** One page of hits, newest first. */
  search(params: QueryParams<'/api/documents'>): Observable<SearchResponse> {
    return this.http.get<SearchResponse>('/api/documents', { params });
  }
}
