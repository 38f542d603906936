import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { ActivatedRoute } from '@angular/router';

import type { Role } from '../core/api-types';
import { AdminApi } from '../core/api/admin-api';
import { injectMessages } from '../core/i18n';
import { FieldControl, FormField } from '../shared/form-field';
import { ADMIN_MESSAGES } from './admin.messages';
import { type AdminColumn, AdminList, AdminRow } from './admin-list';
import { AdminSearch } from './admin-search';
import { AdminFormActions } from './form-actions';
import { type AdminUser, AdminStore, ROLES, type SaveState } from './admin-store';

/** What a row is being changed to, before it is saved. */
interface RowEdit {
  roles: Set<Role>;
  active: boolean;
  save: SaveState;
  password?: string;
}

interface NewUser {
  username: string;
  displayName: string;
  unitId: string;
  positionId: string;
  roles: Set<Role>;
  email: string;
  password: string;
}

const blankUser = (): NewUser => ({
  username: '',
  displayName: '',
  unitId: 'district-1011',
  positionId: '',
  roles: new Set<Role>(['staff']),
  email: '',
  password: '',
});

/** Users: find any account (also switched-off ones), change roles and the active flag, set a password, create one. */
@Component({
  selector: 'app-admin-users',
  imports: [MatButton, FormField, FieldControl, AdminList, AdminRow, AdminSearch, AdminFormActions],
  templateUrl: './admin-users.html',
  styleUrl: './admin.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminUsers {
  protected readonly store = inject(AdminStore);
  private readonly api = inject(AdminApi);
  protected readonly t = injectMessages(ADMIN_MESSAGES);
  protected readonly roles = ROLES;
  /** The search, from `?q=` when the page is opened with one (a link to a user). */
  protected readonly query = signal(inject(ActivatedRoute).snapshot.queryParamMap.get('q') ?? '');
  protected readonly limit = 60;
  protected readonly matches = computed(() => {
    const q = this.query().trim().toLowerCase();
    const users = this.store.users();
    if (!q) return users;
    return users.filter((u) =>
      `${u.username} ${u.displayName} ${this.store.positionLabel(u.positionId)}`.toLowerCase().includes(q),
    );
  });
  protected readonly rows = computed(() => this.matches().slice(0, this.limit));
  protected readonly columns = computed((): AdminColumn[] => [
    { label: this.t('displayName') },
    { label: this.t('position') },
    ...this.roles.map((role) => ({ label: this.t.or('role.' + role, role), class: 'center' })),
    { label: this.t('active'), class: 'center' },
    { label: this.t('save'), hidden: true },
    { label: this.t('resetPassword') },
  ]);
  protected readonly userKey = (user: AdminUser) => user.id;
  protected readonly edits = signal<Record<string, RowEdit>>({});
  protected readonly creating = signal(false);
  protected readonly newUser = signal<NewUser>(blankUser());
  protected readonly createSave = signal<SaveState>({ state: 'idle' });
  protected readonly positionsOfNewUnit = computed(() =>
    this.store.positions().filter((p) => p.unitId === this.newUser().unitId),
  );

  protected edit(user: AdminUser): RowEdit {
    return this.edits()[user.id] ?? { roles: new Set(user.roles), active: user.active, save: { state: 'idle' } };
  }

  private patch(user: AdminUser, change: Partial<RowEdit>): void {
    const current = this.edit(user);
    this.edits.update((e) => ({ ...e, [user.id]: { ...current, ...change } }));
  }

  protected toggleRole(user: AdminUser, role: Role): void {
    const roles = new Set(this.edit(user).roles);
    if (!roles.delete(role)) roles.add(role);
    this.patch(user, { roles, save: { state: 'idle' } });
  }

  protected toggleActive(user: AdminUser): void {
    this.patch(user, { active: !this.edit(user).active, save: { state: 'idle' } });
  }

  protected setPassword(user: AdminUser, password: string): void {
    this.patch(user, { password });
  }

  protected saveRow(user: AdminUser): void {
    const e = this.edit(user);
    const target = { set: (save: SaveState) => this.patch(user, { save }) };
    this.store.run(
      target,
      this.store.change(this.api.changeUser(user.id, { roles: [...e.roles], active: e.active })),
      undefined,
      this.t('saved'),
    );
  }

  protected resetPassword(user: AdminUser): void {
    const e = this.edit(user);
    const target = {
      set: (save: SaveState) => this.patch(user, { save, ...(save.state === 'saved' ? { password: undefined } : {}) }),
    };
    this.store.run(
      target,
      this.store.change(this.api.resetPassword(user.id, { password: e.password ?? '' })),
      undefined,
      this.t('passwordReset'),
    );
  }

  protected setNew<K extends keyof NewUser>(field: K, value: NewUser[K]): void {
    this.newUser.update((u) => ({ ...u, [field]: value, ...(field === 'unitId' ? { positionId: '' } : {}) }));
  }

  protected toggleNewRole(role: Role): void {
    const roles = new Set(this.newUser().roles);
    if (!roles.delete(role)) roles.add(role);
    this.setNew('roles', roles);
  }

  protected create(): void {
    const u = this.newUser();
    this.store.run(
      this.createSave,
      this.store.change(
        this.api.createUser({
          username: u.username.trim(),
          displayName: u.displayName.trim(),
          positionId: u.positionId,
          roles: [...u.roles],
          ...(u.email.trim() ? { email: u.email.trim() } : {}),
          password: u.password,
        }),
      ),
      (created) => {
        this.newUser.set(blankUser());
        this.query.set(created.username);
      },
      this.t('created'),
    );
  }
}
