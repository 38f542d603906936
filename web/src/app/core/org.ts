import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { catchError, map, type Observable, of, shareReplay } from 'rxjs';

import type { Schemas, UnitUser, UnitUsersResponse } from './api-types';

/** A unit of the org tree as `GET /api/units` gives it. */
export interface OrgUnit {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  letterCode?: string | null;
  /** false: switched off (dropped from the organisation file or by an administrator); only named, never offered. */
  active?: boolean;
}

/** True unless the unit is switched off. */
export const isActiveUnit = (u: Pick<OrgUnit, 'active'>): boolean => u.active !== false;

/** A named group of registry units a circular can be sent to at once. */
export interface UnitGroup {
  id: string;
  /** A message key of the group's name. */
  labelKey: 'group.districts' | 'group.departments' | 'group.offices' | 'group.all';
  unitIds: string[];
}

/**
 * The organisation as the client needs it: the unit tree (loaded once and kept, switched-off units too so that old
 * documents still name them), registry units (those that keep registers: every unit that is not a section), the
 * switched-on ones the pickers offer, the groups circulars go to, and the users of a unit (cached).
 */
@Injectable({ providedIn: 'root' })
export class Org {
  private readonly http = inject(HttpClient);
  private readonly unitsSignal = signal<OrgUnit[] | null>(null);
  private request: Observable<OrgUnit[]> | null = null;
  private readonly usersByUnit = new Map<string, Observable<UnitUser[]>>();

  /** Every unit, switched-off ones too, or null until loaded (call `load()` first). */
  readonly units = this.unitsSignal.asReadonly();
  readonly byId = computed(() => new Map((this.unitsSignal() ?? []).map((u) => [u.id, u])));
  /** Units that keep their own registers, switched-off ones too (registers and dashboards look back at them). */
  readonly registryUnits = computed(() => (this.unitsSignal() ?? []).filter((u) => u.kind !== 'section'));
  /** The switched-on registry units: what recipient and forward pickers offer (the API refuses the others). */
  readonly activeRegistryUnits = computed(() => this.registryUnits().filter(isActiveUnit));
  /** Groups of switched-on units, as the API expands them. */
  readonly groups = computed<UnitGroup[]>(() => {
    const units = this.activeRegistryUnits();
    const ofKind = (...kinds: string[]) => units.filter((u) => kinds.includes(u.kind)).map((u) => u.id);
    return [
      { id: 'districts', labelKey: 'group.districts', unitIds: ofKind('district') },
      { id: 'departments', labelKey: 'group.departments', unitIds: ofKind('department') },
      { id: 'offices', labelKey: 'group.offices', unitIds: ofKind('office', 'division') },
      { id: 'all', labelKey: 'group.all', unitIds: units.filter((u) => u.kind !== 'city').map((u) => u.id) },
    ];
  });

  /** Loads the unit tree once; later calls answer the kept copy. */
  load(): Observable<OrgUnit[]> {
    const kept = this.unitsSignal();
    if (kept) return of(kept);
    this.request ??= this.http.get<Schemas['UnitList']>('/api/units', { params: { inactive: 'true' } }).pipe(
      map((answer): OrgUnit[] => answer.items ?? []),
      map((items) => {
        this.unitsSignal.set(items);
        return items;
      }),
      catchError((error: unknown) => {
        this.request = null;
        throw error;
      }),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.request;
  }

  /** The users of a registry unit (the API lets a user see their own unit's), cached for the visit. */
  usersOf(unitId: string): Observable<UnitUser[]> {
    let users = this.usersByUnit.get(unitId);
    if (!users) {
      users = this.http.get<UnitUsersResponse>(`/api/units/${encodeURIComponent(unitId)}/users`).pipe(
        map((answer) => answer.items ?? []),
        catchError((error: unknown) => {
          this.usersByUnit.delete(unitId);
          throw error;
        }),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
      this.usersByUnit.set(unitId, users);
    }
    return users;
  }

  /** The switched-on sections (children) of a unit: what the assign picker offers. */
  sectionsOf(unitId: string): OrgUnit[] {
    return (this.unitsSignal() ?? []).filter((u) => u.parentId === unitId && u.kind === 'section' && isActiveUnit(u));
  }

  /** The name of a unit, or its id while the tree is not loaded. */
  nameOf(unitId: string | null | undefined): string {
    if (!unitId) return '';
    return this.byId().get(unitId)?.name ?? unitId;
  }
}
