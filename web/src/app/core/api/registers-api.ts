import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import type { Schemas } from '../api-types';
import { segment, type QueryParams } from './http';

/** A page of a register as JSON. */
export type RegisterPage = Schemas['RegisterPage'];

/** Registers (ทะเบียน): a unit's receipt, dispatch or circular register for a BE year (`/api/registers`). */
@Injectable({ providedIn: 'root' })
export class RegistersApi {
  private readonly http = inject(HttpClient);

  /** One page of a register, in number order. */
  page(register: string, params: QueryParams<'/api/registers/{register}'>): Observable<RegisterPage> {
    return this.http.get<RegisterPage>(`/api/registers/${segment(register)}`, { params });
  }

  /** The address of the whole register as a file (CSV, PDF or XLSX, by `format`), for the Download service. */
  fileUrl(register: string, query: string): string {
    return `/api/registers/${segment(register)}?${query}`;
  }
}
