/**
 * The organisation as routing sees it: units, positions, the people in them, who oversees whom (dated), and acting
 * appointments (dated). The shapes of `seed/demo-org.json`.
 */

/** Kinds of unit in the BMA tree; a 'section' (ฝ่าย/ส่วน) does not keep its own registers. */
export const UNIT_KINDS = ['city', 'office', 'division', 'department', 'district', 'section'] as const;
export type OrgUnitKind = (typeof UNIT_KINDS)[number];

/** The roles of the system (api.md, issue 6); `admin` manages users and their roles. */
export const ROLES = ['staff', 'clerk', 'supervisor', 'signer', 'executive', 'paper-registrar', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A unit (หน่วยงาน/ส่วนราชการ). `letterCode` is the code of its document numbers ("กท 0403"). */
export type OrgUnit = {
  id: string;
  name: string;
  // Any other string is accepted so that an administrator's new kind does not break a deployment.
  kind: OrgUnitKind | (string & {});
  parentId: string | null;
  letterCode: string;
  codeVerified?: boolean;
  dopaCode?: string;
  phone?: string;
  centralEmail?: string;
  /** false: switched off by npm run org:import; kept so documents that name it still read, but nothing routes to it. */
  active?: boolean;
};

/** A position (ตำแหน่ง). `level` ranks it: 1 Governor … 5 director … 7 head of section … 9 staff. */
export type OrgPosition = {
  id: string;
  unitId: string;
  title: string;
  level: number;
  executive: boolean;
  headOfUnit: boolean;
  /** false: switched off by npm run org:import; kept so documents that name it still read, but nothing routes to it. */
  active?: boolean;
};

/** A user and the position they hold. */
export type OrgUser = {
  id?: string;
  username: string;
  displayName: string;
  positionId: string;
  roles: string[];
  email: string;
};

/**
 * A dated oversight order. kind 'unit' (the default): the position oversees the unit `unitId`; 'position': it
 * oversees the position whose id is in `unitId`; 'portfolio': it holds the portfolio named `portfolio` of the unit.
 */
export type Oversight = {
  unitId: string;
  overseerPositionId: string;
  kind?: 'unit' | 'position' | 'portfolio';
  portfolio?: string;
  from: string;
  to?: string | null;
};

/** The two ways one official stands in for another, as printed under the signature. */
export type ActingKind = 'รักษาราชการแทน' | 'ปฏิบัติราชการแทน';

/** รักษาราชการแทน: acts in a vacant or absent post with its full powers. */
export const ACTING: ActingKind = 'รักษาราชการแทน';
/** ปฏิบัติราชการแทน: acts by a written delegation, only for the matters it names. */
export const DELEGATED: ActingKind = 'ปฏิบัติราชการแทน';

/** A dated acting appointment or delegation. `matters` (category ids) limits a delegation; none means all matters. */
export type ActingAppointment = {
  positionId: string;
  actingUsername: string;
  kind: ActingKind;
  matters?: string[];
  from: string;
  to?: string | null;
  note?: string;
};

/** The whole organisation at hand, as loaded from the database or the demo data. */
export type OrgSnapshot = {
  units: OrgUnit[];
  positions: OrgPosition[];
  users: OrgUser[];
  oversight: Oversight[];
  acting: ActingAppointment[];
};

/** True when a dated row is in force on a 'YYYY-MM-DD' day (both ends inclusive; no `to` means open-ended). */
export function inForce(row: { from: string; to?: string | null }, date: string): boolean {
  return row.from <= date && (row.to === null || row.to === undefined || date <= row.to);
}
