import { ChangeDetectionStrategy, Component, computed, inject, input, model, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';

import { DirectoryApi, type DirectoryEntry } from '../core/api/directory-api';
import { I18n, injectMessages } from '../core/i18n';
import { Org, type OrgUnit } from '../core/org';
import { ThaiPipe } from '../core/thai-pipe';
import { RECIPIENT_MESSAGES } from './recipient.messages';

/** An outside body reached by e-mail. */
export interface OutsideRecipient {
  name: string;
  email: string;
}

/** Directory entries offered at once while typing a name, and the pause before asking. */
const DIRECTORY_RESULTS = 8;
const DIRECTORY_DEBOUNCE_MS = 200;

/** Results listed at once while searching the org tree. */
const MAX_RESULTS = 40;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Picks recipients from the org tree (registry units, searched by name or letter code, or whole groups at once) and,
 * when `outside` is on, bodies outside the BMA: from the administrator's directory (GET /api/directory, searched as the
 * name is typed) or, for a body not in it, by name and e-mail typed by hand. Two-way: `unitIds` and `outsiders`.
 */
@Component({
  selector: 'app-recipient-picker',
  imports: [MatButton, ThaiPipe],
  templateUrl: './recipient-picker.html',
  styleUrl: './recipient-picker.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecipientPicker {
  private readonly org = inject(Org);
  private readonly directory = inject(DirectoryApi);
  protected readonly i18n = inject(I18n);
  protected readonly t = injectMessages(RECIPIENT_MESSAGES);

  readonly unitIds = model<string[]>([]);
  readonly outsiders = model<OutsideRecipient[]>([]);
  /** Offer bodies outside the BMA (letters); circulars go to units only. */
  readonly outside = input(false);
  /** Offer whole groups (all districts, all departments …). */
  readonly groups = input(false);
  /** A unit not to offer (the sender's own). */
  readonly exclude = input<string | null>(null);
  /** Prefix of the data-testids (`recipient-search`, `recipient-result` …). */
  readonly testId = input('recipient');

  protected readonly query = signal('');
  protected readonly outsideName = signal('');
  protected readonly outsideEmail = signal('');
  protected readonly emailError = signal(false);
  /** Directory entries whose name, a word of it or e-mail begins with what is typed in the name field. */
  private readonly found = toSignal(
    toObservable(this.outsideName).pipe(
      map((name) => name.trim()),
      debounceTime(DIRECTORY_DEBOUNCE_MS),
      distinctUntilChanged(),
      switchMap((q) =>
        q
          ? this.directory
              .search({ q, limit: String(DIRECTORY_RESULTS) })
              .pipe(catchError(() => of([] as DirectoryEntry[])))
          : of([] as DirectoryEntry[]),
      ),
    ),
    { initialValue: [] as DirectoryEntry[] },
  );
  protected readonly directoryResults = computed(() => {
    const chosen = new Set(this.outsiders().map((o) => o.email.toLowerCase()));
    return this.found().filter((b) => !chosen.has(b.email.toLowerCase()));
  });

  private readonly units = toSignal(this.org.load().pipe(catchError(() => of([] as OrgUnit[]))), {
    initialValue: [] as OrgUnit[],
  });
  private readonly candidates = computed(() => {
    this.units();
    return this.org.activeRegistryUnits().filter((u) => u.kind !== 'city' && u.id !== this.exclude());
  });
  protected readonly groupList = computed(() => {
    this.units();
    const exclude = this.exclude();
    return this.org
      .groups()
      .map((g) => ({ ...g, unitIds: g.unitIds.filter((id) => id !== exclude) }))
      .filter((g) => g.unitIds.length > 0);
  });
  protected readonly chosen = computed(() => {
    const byId = this.org.byId();
    return this.unitIds().map((id) => byId.get(id) ?? { id, name: id, kind: '', parentId: null });
  });
  protected readonly results = computed(() => {
    const q = this.query().trim().toLowerCase();
    const chosen = new Set(this.unitIds());
    const all = this.candidates().filter((u) => !chosen.has(u.id));
    const matches = q
      ? all.filter((u) => u.name.toLowerCase().includes(q) || (u.letterCode ?? '').toLowerCase().includes(q))
      : all;
    return matches.slice(0, MAX_RESULTS);
  });

  protected add(unit: OrgUnit): void {
    if (!this.unitIds().includes(unit.id)) this.unitIds.update((ids) => [...ids, unit.id]);
  }

  protected addGroup(unitIds: string[]): void {
    const ids = new Set(this.unitIds());
    this.unitIds.set([...this.unitIds(), ...unitIds.filter((id) => !ids.has(id))]);
  }

  protected remove(unitId: string): void {
    this.unitIds.update((ids) => ids.filter((id) => id !== unitId));
  }

  protected clearAll(): void {
    this.unitIds.set([]);
    this.outsiders.set([]);
  }

  protected addOutside(): void {
    const name = this.outsideName().trim();
    const email = this.outsideEmail().trim();
    if (!name || !EMAIL.test(email)) {
      this.emailError.set(true);
      return;
    }
    this.addOutsider({ name, email });
  }

  /** A body picked from the directory: its name and e-mail as the administrator keeps them. */
  protected addFromDirectory(body: DirectoryEntry): void {
    this.addOutsider({ name: body.name, email: body.email });
  }

  private addOutsider(body: OutsideRecipient): void {
    this.emailError.set(false);
    if (!this.outsiders().some((o) => o.email.toLowerCase() === body.email.toLowerCase()))
      this.outsiders.update((list) => [...list, body]);
    this.outsideName.set('');
    this.outsideEmail.set('');
  }

  protected removeOutside(index: number): void {
    this.outsiders.update((list) => list.filter((_, i) => i !== index));
  }

  /** Enter in the search box adds the first match. */
  protected addFirst(event: Event): void {
    event.preventDefault();
    const first = this.results()[0];
    if (first) {
      this.add(first);
      this.query.set('');
    }
  }
}
