import { ChangeDetectionStrategy, Component, computed, inject, input, model, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { catchError, of } from 'rxjs';

import { I18n, injectMessages } from '../core/i18n';
import { Org, type OrgUnit } from '../core/org';
import { ThaiPipe } from '../core/thai-pipe';
import { RECIPIENT_MESSAGES } from './recipient.messages';

/** An outside body reached by e-mail. */
export interface OutsideRecipient {
  name: string;
  email: string;
}

/** Where the outside bodies a user has written to are remembered (there is no directory endpoint yet). */
const DIRECTORY_KEY = 'saraban.outsideBodies';
const DIRECTORY_SIZE = 100;

function readDirectory(): OutsideRecipient[] {
  try {
    const list = JSON.parse(localStorage.getItem(DIRECTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? (list as OutsideRecipient[]).filter((o) => o && o.name && o.email) : [];
  } catch {
    return [];
  }
}

/** Results listed at once while searching the org tree. */
const MAX_RESULTS = 40;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Picks recipients from the org tree (registry units, searched by name or letter code, or whole groups at once) and,
 * when `outside` is on, bodies outside the BMA by name and e-mail. Two-way: `unitIds` and `outsiders`.
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
  /** Outside bodies used before on this computer, offered as suggestions. */
  protected readonly directory = signal<OutsideRecipient[]>(readDirectory());

  private readonly units = toSignal(this.org.load().pipe(catchError(() => of([] as OrgUnit[]))), {
    initialValue: [] as OrgUnit[],
  });
  private readonly candidates = computed(() => {
    this.units();
    return this.org.registryUnits().filter((u) => u.kind !== 'city' && u.id !== this.exclude());
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
    this.emailError.set(false);
    this.outsiders.update((list) => [...list, { name, email }]);
    this.remember({ name, email });
    this.outsideName.set('');
    this.outsideEmail.set('');
  }

  /** Picking a remembered name fills its e-mail. */
  protected outsideNameChanged(name: string): void {
    this.outsideName.set(name);
    const known = this.directory().find((o) => o.name === name);
    if (known) this.outsideEmail.set(known.email);
  }

  private remember(body: OutsideRecipient): void {
    const list = [body, ...this.directory().filter((o) => o.name !== body.name)].slice(0, DIRECTORY_SIZE);
    this.directory.set(list);
    try {
      localStorage.setItem(DIRECTORY_KEY, JSON.stringify(list));
    } catch {
      // Without storage the suggestions last for this visit.
    }
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
