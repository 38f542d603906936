import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import type { RequestOf, Schemas } from '../api-types';
import { newIdempotencyKey } from '../idempotency';
import { segment, writeOptions } from './http';

/** The administration's things, as the admin screens show them. */
export type AdminOrg = Schemas['AdminOrg'];
export type AdminUnit = Schemas['AdminUnit'];
export type AdminPosition = Schemas['AdminPosition'];
export type AdminUser = Schemas['AdminUser'];
export type AdminActing = Schemas['AdminActing'];
export type AdminHoliday = Schemas['AdminHoliday'];
export type AdminOutsideBody = Schemas['AdminOutsideBody'];

/**
 * Administration (`/api/admin`): the organisation (units, positions, users, acting appointments), the working
 * calendar and the directory of outside bodies. Every change is sent with a fresh Idempotency-Key, so a retried
 * request is not applied twice.
 */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  /** The whole organisation, also what is switched off. */
  org(): Observable<AdminOrg> {
    return this.http.get<AdminOrg>('/api/admin/org');
  }

  createUnit(body: RequestOf<'/api/admin/units', 'post'>): Observable<AdminUnit> {
    return this.http.post<AdminUnit>('/api/admin/units', body, changeOptions());
  }

  changeUnit(id: string, body: RequestOf<'/api/admin/units/{unitId}', 'patch'>): Observable<AdminUnit> {
    return this.http.patch<AdminUnit>(`/api/admin/units/${segment(id)}`, body, changeOptions());
  }

  createPosition(body: RequestOf<'/api/admin/positions', 'post'>): Observable<AdminPosition> {
    return this.http.post<AdminPosition>('/api/admin/positions', body, changeOptions());
  }

  changePosition(id: string, body: RequestOf<'/api/admin/positions/{positionId}', 'patch'>): Observable<AdminPosition> {
    return this.http.patch<AdminPosition>(`/api/admin/positions/${segment(id)}`, body, changeOptions());
  }

  createUser(body: RequestOf<'/api/admin/users', 'post'>): Observable<AdminUser> {
    return this.http.post<AdminUser>('/api/admin/users', body, changeOptions());
  }

  /** A user's roles or whether the account is on. */
  changeUser(
    id: string,
    body: RequestOf<'/api/admin/users/{userId}', 'patch'>,
  ): Observable<Schemas['UserPermissions']> {
    return this.http.patch<Schemas['UserPermissions']>(`/api/admin/users/${segment(id)}`, body, changeOptions());
  }

  /** Sets a user's password; every session of the user ends. */
  resetPassword(id: string, body: RequestOf<'/api/admin/users/{userId}/password', 'post'>): Observable<unknown> {
    return this.http.post(`/api/admin/users/${segment(id)}/password`, body, changeOptions());
  }

  appointActing(body: RequestOf<'/api/admin/acting', 'post'>): Observable<AdminActing> {
    return this.http.post<AdminActing>('/api/admin/acting', body, changeOptions());
  }

  endActing(id: number, body: RequestOf<'/api/admin/acting/{actingId}/end', 'post'>): Observable<AdminActing> {
    return this.http.post<AdminActing>(`/api/admin/acting/${segment(id)}/end`, body, changeOptions());
  }

  /** The holidays of a Buddhist-era year, in date order. */
  holidays(year: number): Observable<Schemas['HolidayList']> {
    return this.http.get<Schemas['HolidayList']>('/api/admin/holidays', { params: { year: String(year) } });
  }

  addHoliday(body: RequestOf<'/api/admin/holidays', 'post'>): Observable<AdminHoliday> {
    return this.http.post<AdminHoliday>('/api/admin/holidays', body, changeOptions());
  }

  removeHoliday(id: number): Observable<unknown> {
    return this.http.delete(`/api/admin/holidays/${segment(id)}`, changeOptions());
  }

  /** Every entry of the directory of outside bodies, also switched-off ones. */
  outsideBodies(): Observable<Schemas['OutsideBodyList']> {
    return this.http.get<Schemas['OutsideBodyList']>('/api/admin/outside-bodies');
  }

  createOutsideBody(body: RequestOf<'/api/admin/outside-bodies', 'post'>): Observable<AdminOutsideBody> {
    return this.http.post<AdminOutsideBody>('/api/admin/outside-bodies', body, changeOptions());
  }

  changeOutsideBody(
    id: string,
    body: RequestOf<'/api/admin/outside-bodies/{bodyId}', 'patch'>,
  ): Observable<AdminOutsideBody> {
    return this.http.patch<AdminOutsideBody>(`/api/admin/outside-bodies/${segment(id)}`, body, changeOptions());
  }

  /** Switches an entry off: no longer offered nor trusted by the mail intake (never deleted). */
  deactivateOutsideBody(id: string): Observable<AdminOutsideBody> {
    return this.http.post<AdminOutsideBody>(`/api/admin/outside-bodies/${segment(id)}/deactivate`, {}, changeOptions());
  }
}

/** Each change carries its own Idempotency-Key. */
const changeOptions = () => writeOptions(newIdempotencyKey());
