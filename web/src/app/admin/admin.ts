import { HttpClient, HttpHeaders } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { catchError, map, of } from 'rxjs';

import { toApiError } from '../core/api-error';
import type { RolloutDashboard, Role, UnitUser } from '../core/api-types';
import { Auth } from '../core/auth';
import { defineMessages, injectMessages } from '../core/i18n';
import { newIdempotencyKey } from '../core/idempotency';
import { Org, type OrgUnit } from '../core/org';
import { ThaiPipe } from '../core/thai-pipe';

const ROLES: Role[] = ['staff', 'clerk', 'supervisor', 'signer', 'executive', 'paper-registrar', 'admin'];

const M = defineMessages(
  {
    heading: 'ผู้ดูแลระบบ',
    lead: 'สิทธิ์ของผู้ใช้ในหน่วยงาน โครงสร้างหน่วยงาน และแผนการใช้ระบบ',
    users: 'ผู้ใช้และสิทธิ์',
    usersLead: 'ผู้ใช้ของหน่วยงานของท่าน: เปลี่ยนบทบาทหรือปิดบัญชี ทุกการเปลี่ยนแปลงบันทึกในประวัติการตรวจสอบ',
    name: 'ชื่อ',
    position: 'ตำแหน่ง',
    active: 'ใช้งาน',
    save: 'บันทึก',
    saved: 'บันทึกแล้ว',
    failed: 'บันทึกไม่สำเร็จ',
    units: 'โครงสร้างหน่วยงาน',
    unitsLead: 'หน่วยงานทั้งหมดตามผังองค์กร (อ่านอย่างเดียว)',
    search: 'ค้นหาหน่วยงาน',
    code: 'รหัสหนังสือ',
    kind: 'ประเภท',
    plan: 'แผนการใช้ระบบ',
    planLead: 'ระยะของการใช้ระบบตามบันทึกสั่งการ และหน่วยงานที่เริ่มก่อนกำหนด (อ่านอย่างเดียว)',
    phase: 'ระยะที่',
    early: 'เริ่มก่อนกำหนด',
    missing:
      'ยังแก้ไขตำแหน่ง ผู้รักษาราชการแทน/การมอบอำนาจ แผนการใช้ระบบ การเริ่มใช้ก่อนกำหนด และวันหยุดจากหน้านี้ไม่ได้ เพราะระบบยังไม่มีบริการ (API) สำหรับงานเหล่านั้น',
    'role.staff': 'เจ้าหน้าที่',
    'role.clerk': 'สารบรรณ',
    'role.supervisor': 'ผู้บังคับบัญชา',
    'role.signer': 'ผู้ลงนาม',
    'role.executive': 'ผู้บริหาร',
    'role.paper-registrar': 'ประจำผู้บริหาร',
    'role.admin': 'ผู้ดูแลระบบ',
  },
  {
    heading: 'Administration',
    lead: 'User permissions, the organisation and the rollout plan',
    users: 'Users and roles',
    usersLead: 'The users of your unit: change roles or switch an account off; every change is audited',
    name: 'Name',
    position: 'Position',
    active: 'Active',
    save: 'Save',
    saved: 'Saved',
    failed: 'Could not save',
    units: 'Organisation',
    unitsLead: 'Every unit of the org chart (read only)',
    search: 'Find a unit',
    code: 'Letter code',
    kind: 'Kind',
    plan: 'Rollout plan',
    planLead: 'The phases of the memo and the units that adopted early (read only)',
    phase: 'Phase',
    early: 'Adopted early',
    missing:
      'Positions, acting appointments and delegations, the rollout plan, early adoption and holidays cannot be edited here yet: the API has no endpoints for them',
    'role.staff': 'Staff',
    'role.clerk': 'Clerk',
    'role.supervisor': 'Supervisor',
    'role.signer': 'Signer',
    'role.executive': 'Executive',
    'role.paper-registrar': 'Executive’s clerk',
    'role.admin': 'Administrator',
  },
);

/** One user row being edited. */
interface Editing {
  roles: Set<Role>;
  active: boolean;
  state: 'idle' | 'saving' | 'saved' | 'failed';
  message?: string;
}

/**
 * Administration, as far as the API goes: users' roles and active flag (`PATCH /api/admin/users/:id`), the org
 * tree and the rollout plan read only. The rest of the issue's admin screens wait for their endpoints.
 */
@Component({
  selector: 'app-admin',
  imports: [MatButton, ThaiPipe],
  templateUrl: './admin.html',
  styleUrl: './admin.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Admin {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(Auth);
  private readonly org = inject(Org);
  protected readonly t = injectMessages(M);
  protected readonly roles = ROLES;

  protected readonly users = toSignal(
    this.org.usersOf(this.auth.user()?.registryUnit.id ?? '').pipe(catchError(() => of([] as UnitUser[]))),
    { initialValue: null },
  );
  private readonly loaded = toSignal(this.org.load().pipe(catchError(() => of([] as OrgUnit[]))), {
    initialValue: [] as OrgUnit[],
  });
  protected readonly plan = toSignal(
    this.http.get<RolloutDashboard>('/api/dashboard/rollout').pipe(
      map((d) => d),
      catchError(() => of(null)),
    ),
    { initialValue: null },
  );
  protected readonly query = signal('');
  protected readonly units = computed(() => {
    const q = this.query().trim();
    const all = this.loaded();
    return (q ? all.filter((u) => u.name.includes(q) || (u.letterCode ?? '').includes(q)) : all).slice(0, 60);
  });
  protected readonly edits = signal<Record<string, Editing>>({});

  protected editing(user: UnitUser): Editing {
    return (
      this.edits()[user.id] ?? {
        roles: new Set((user.roles ?? []) as Role[]),
        active: true,
        state: 'idle',
      }
    );
  }

  protected toggleRole(user: UnitUser, role: Role): void {
    const current = this.editing(user);
    const roles = new Set(current.roles);
    if (!roles.delete(role)) roles.add(role);
    this.edits.update((e) => ({ ...e, [user.id]: { ...current, roles, state: 'idle' } }));
  }

  protected toggleActive(user: UnitUser): void {
    const current = this.editing(user);
    this.edits.update((e) => ({ ...e, [user.id]: { ...current, active: !current.active, state: 'idle' } }));
  }

  protected save(user: UnitUser): void {
    const current = this.editing(user);
    const set = (patch: Partial<Editing>) => this.edits.update((e) => ({ ...e, [user.id]: { ...current, ...patch } }));
    set({ state: 'saving' });
    this.http
      .patch(
        `/api/admin/users/${encodeURIComponent(user.id)}`,
        { roles: [...current.roles], active: current.active },
        { headers: new HttpHeaders({ 'Idempotency-Key': newIdempotencyKey() }) },
      )
      .subscribe({
        next: () => set({ state: 'saved' }),
        error: (failure: unknown) => set({ state: 'failed', message: toApiError(failure).message }),
      });
  }
}
