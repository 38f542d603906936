import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, type Observable } from 'rxjs';

import type { Schemas } from '../api-types';
import type { QueryParams } from './http';

/** An outside body as a drafter picks it. */
export type DirectoryEntry = Schemas['DirectoryEntry'];

/** The directory of outside bodies (หน่วยงานภายนอก) a drafter picks recipients from (`GET /api/directory`). */
@Injectable({ providedIn: 'root' })
export class DirectoryApi {
  private readonly http = inject(HttpClient);

  /** The active bodies whose name, a word of it or e-mail begins with `q`. */
  search(params: QueryParams<'/api/directory'>): Observable<DirectoryEntry[]> {
    return this.http.get<Schemas['DirectoryList']>('/api/directory', { params }).pipe(map((answer) => answer.items));
  }
}
