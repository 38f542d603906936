import { computed, inject, Injectable, signal } from '@angular/core';
import { type Observable, tap } from 'rxjs';

import { bangkokDateOf } from '@domain/thai/dates';

import { AdminApi, type AdminOrg, type AdminUnit, type AdminUser } from '../core/api/admin-api';
import { toApiError } from '../core/api-error';
import type { Role } from '../core/api-types';

export type {
  AdminActing,
  AdminHoliday,
  AdminOrg,
  AdminOutsideBody,
  AdminPosition,
  AdminUnit,
  AdminUser,
} from '../core/api/admin-api';

/** Every role, in the order the screens show them. */
export const ROLES: Role[] = ['staff', 'clerk', 'supervisor', 'signer', 'executive', 'paper-registrar', 'admin'];

/** The state of one form's save: idle, saving, saved (with a message key) or failed (with the API's message). */
export interface SaveState {
  state: 'idle' | 'saving' | 'saved' | 'failed';
  message?: string;
  fields?: Record<string, string>;
}

/** Which rows a tab lists by their active flag. */
export type ActiveFilter = 'all' | 'active' | 'inactive';

/** True when a row passes the tab's active filter. */
export const passesActiveFilter = (filter: ActiveFilter, active: boolean): boolean =>
  filter === 'all' || (filter === 'active') === active;

/**
 * The organisation as the administrator edits it (GET /api/admin/org), shared by the admin tabs: loaded once,
 * reloaded after every change so each tab shows what the server kept. Provided by the admin shell.
 */
@Injectable()
export class AdminStore {
  private readonly api = inject(AdminApi);
  readonly org = signal<AdminOrg | null>(null);
  readonly loadError = signal<string | null>(null);

  readonly units = computed(() => this.org()?.units ?? []);
  readonly positions = computed(() => this.org()?.positions ?? []);
  readonly users = computed(() => this.org()?.users ?? []);
  readonly acting = computed(() => this.org()?.acting ?? []);
  readonly today = computed(() => this.org()?.today ?? bangkokDateOf(new Date()));
  readonly unitById = computed(() => new Map(this.units().map((u) => [u.id, u])));
  readonly positionById = computed(() => new Map(this.positions().map((p) => [p.id, p])));
  /** Units in tree order (parent, then its children), with their depth for indentation. */
  readonly unitTree = computed(() => {
    const children = new Map<string | null, AdminUnit[]>();
    for (const u of this.units()) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
    const out: Array<{ unit: AdminUnit; depth: number }> = [];
    const seen = new Set<string>();
    const walk = (parentId: string | null, depth: number) => {
      for (const unit of (children.get(parentId) ?? []).sort((a, b) => a.id.localeCompare(b.id))) {
        if (seen.has(unit.id)) continue;
        seen.add(unit.id);
        out.push({ unit, depth });
        walk(unit.id, depth + 1);
      }
    };
    walk(null, 0);
    // Units whose parent is missing still show, at the end.
    for (const unit of this.units()) if (!seen.has(unit.id)) out.push({ unit, depth: 0 });
    return out;
  });
  /** Holders of each position (active users). */
  readonly holders = computed(() => {
    const map = new Map<string, AdminUser[]>();
    for (const u of this.users()) if (u.active) map.set(u.positionId, [...(map.get(u.positionId) ?? []), u]);
    return map;
  });

  constructor() {
    this.load();
  }

  /** (Re)loads the organisation. */
  load(): void {
    this.api.org().subscribe({
      next: (org) => {
        this.org.set(org);
        this.loadError.set(null);
      },
      error: (failure: unknown) => this.loadError.set(toApiError(failure).message || String(failure)),
    });
  }

  /** The name of a unit, or its id. */
  unitName(id: string | null | undefined): string {
    return id ? (this.unitById().get(id)?.name ?? id) : '';
  }

  /** "title · unit" of a position. */
  positionLabel(id: string): string {
    const p = this.positionById().get(id);
    return p ? `${p.title} · ${this.unitName(p.unitId)}` : id;
  }

  /** The title of a position and the name of its unit, for a cell of two lines. */
  positionParts(id: string): { title: string; unit: string } {
    const p = this.positionById().get(id);
    return p ? { title: p.title, unit: this.unitName(p.unitId) } : { title: id, unit: '' };
  }

  /** A change (an AdminApi call) that reloads the organisation when it succeeds. */
  change<T>(call: Observable<T>): Observable<T> {
    return call.pipe(tap(() => this.load()));
  }

  /**
   * Switches a unit or position off or on (PATCH … { active }), reporting into `target`: the API refuses (409, with
   * how many) while active users still hold it, and the message is shown as it comes.
   */
  setActive(kind: 'units' | 'positions', id: string, active: boolean, target: { set(value: SaveState): void }): void {
    const call = kind === 'units' ? this.api.changeUnit(id, { active }) : this.api.changePosition(id, { active });
    this.run(target, this.change<unknown>(call));
  }

  /** Runs a change and reports its state into a signal: saving → saved or failed (with the per-field messages). */
  run<T>(
    target: { set(value: SaveState): void },
    call: Observable<T>,
    done?: (answer: T) => void,
    savedMessage?: string,
  ): void {
    target.set({ state: 'saving' });
    call.subscribe({
      next: (answer) => {
        target.set({ state: 'saved', message: savedMessage });
        done?.(answer);
      },
      error: (failure: unknown) => {
        const error = toApiError(failure);
        target.set({ state: 'failed', message: error.message || error.code, fields: error.fields });
      },
    });
  }
}
