/**
 * The enumerations of the public API (`api.md`, "Enumerations"): ids in English, labels in Thai. Every other layer
 * takes these arrays and types from here.
 */

/** Document kinds: the six kinds of the saraban regulation and their sub-types (see `kinds.ts`). */
export const KINDS = [
  'external',
  'memo',
  'stamped',
  'order',
  'regulation',
  'bylaw',
  'announcement',
  'statement',
  'news',
  'certificate',
  'minutes',
  'record',
  'other',
] as const;
/** A document kind id. */
export type DocumentKind = (typeof KINDS)[number];

/** Urgency (ชั้นความเร็ว), slowest first. */
export const URGENCIES = ['normal', 'urgent', 'very_urgent', 'most_urgent'] as const;
/** An urgency id. */
export type Urgency = (typeof URGENCIES)[number];

/** Secrecy (ชั้นความลับ), lowest first. */
export const SECRECIES = ['none', 'confidential', 'secret', 'top_secret'] as const;
/** A secrecy id. */
export type Secrecy = (typeof SECRECIES)[number];

/** Subject-matter categories that the rollout policy and the paper follow-up look at. */
export const CATEGORIES = [
  'general',
  'procurement',
  'disbursement',
  'invitation',
  'report',
  'national_security',
] as const;
/** A category id. */
export type Category = (typeof CATEGORIES)[number];

/** How a step is handled. */
export const MEDIA = ['electronic', 'paper'] as const;
/** A medium id. */
export type Medium = (typeof MEDIA)[number];

/** Capabilities that the seed memo switches on phase by phase (see `policy.ts`). */
export const CAPABILITIES = [
  'receive',
  'number',
  'internal_memo',
  'circulate',
  'create',
  'propose',
  'sign',
  'send',
  'annotate',
  'inter_unit',
  'e_circular',
  'executive',
  'external_letter',
  'stamped_letter',
  'central_email',
] as const;
/** A capability id. */
export type Capability = (typeof CAPABILITIES)[number];

/** Registers a unit keeps, each with its own number series per calendar year. */
export const REGISTERS = ['receipt', 'dispatch', 'circular', 'secret_receipt', 'secret_dispatch'] as const;
/** A register id. */
export type RegisterKind = (typeof REGISTERS)[number];

const KIND_LABELS: Record<DocumentKind, string> = {
  external: 'หนังสือภายนอก',
  memo: 'บันทึกข้อความ',
  stamped: 'หนังสือประทับตรา',
  order: 'คำสั่ง',
  regulation: 'ระเบียบ',
  bylaw: 'ข้อบังคับ',
  announcement: 'ประกาศ',
  statement: 'แถลงการณ์',
  news: 'ข่าว',
  certificate: 'หนังสือรับรอง',
  minutes: 'รายงานการประชุม',
  record: 'บันทึก',
  other: 'หนังสืออื่น',
};

const URGENCY_LABELS: Record<Urgency, string> = {
  normal: 'ปกติ',
  urgent: 'ด่วน',
  very_urgent: 'ด่วนมาก',
  most_urgent: 'ด่วนที่สุด',
};

const SECRECY_LABELS: Record<Secrecy, string> = {
  none: 'ปกติ',
  confidential: 'ลับ',
  secret: 'ลับมาก',
  top_secret: 'ลับที่สุด',
};

const CATEGORY_LABELS: Record<Category, string> = {
  general: 'ทั่วไป',
  procurement: 'การจัดซื้อจัดจ้างภาครัฐ',
  disbursement: 'การเบิกจ่ายเงิน',
  invitation: 'หนังสือเชิญ',
  report: 'หนังสือรายงาน',
  national_security: 'ความลับของทางราชการด้านความปลอดภัยแห่งชาติ',
};

const MEDIUM_LABELS: Record<Medium, string> = { electronic: 'ระบบสารบรรณอิเล็กทรอนิกส์', paper: 'กระดาษ' };

// Worded as the seed memo words each step.
const CAPABILITY_LABELS: Record<Capability, string> = {
  receive: 'การรับหนังสือ',
  number: 'การออกเลขหนังสือ',
  internal_memo: 'การสร้างหนังสือภายใน (บันทึกข้อความ) ภายในหน่วยงานเดียวกัน',
  circulate: 'การเวียนหนังสือ',
  create: 'การสร้างหนังสือ',
  propose: 'การเสนอหนังสือ',
  sign: 'การลงนามหนังสือ',
  send: 'การส่งหนังสือ',
  annotate: 'การเขียนหนังสือ (เกษียน)',
  inter_unit: 'การรับ-ส่งหนังสือระหว่างหน่วยงาน',
  e_circular: 'การสร้างหนังสือเวียนและเวียนหนังสือในระบบหนังสือเวียนอิเล็กทรอนิกส์',
  executive: 'การใช้งานระบบของผู้บริหารกรุงเทพมหานคร',
  external_letter: 'การส่งหนังสือภายนอกถึงส่วนราชการภายนอกกรุงเทพมหานคร',
  stamped_letter: 'การส่งหนังสือประทับตราถึงส่วนราชการภายนอกกรุงเทพมหานคร',
  central_email: 'การส่งทางอีเมลกลางของหน่วยงาน',
};

const REGISTER_LABELS: Record<RegisterKind, string> = {
  receipt: 'ทะเบียนหนังสือรับ',
  dispatch: 'ทะเบียนหนังสือส่ง',
  circular: 'ทะเบียนหนังสือเวียน',
  secret_receipt: 'ทะเบียนรับหนังสือลับ',
  secret_dispatch: 'ทะเบียนส่งหนังสือลับ',
};

/**
 * The red of urgency and secrecy marks: the regulation says red, and a printer's pure red reproduces as red on every
 * office printer and scan.
 */
export const MARK_RED = '#ff0000';

/** Thai label of an urgency: 'most_urgent' → "ด่วนที่สุด". */
export function urgencyLabel(urgency: Urgency): string {
  return URGENCY_LABELS[urgency];
}

/** Thai label of a secrecy level: 'top_secret' → "ลับที่สุด". */
export function secrecyLabel(secrecy: Secrecy): string {
  return SECRECY_LABELS[secrecy];
}

/** Thai label of a document kind: 'memo' → "บันทึกข้อความ". */
export function kindLabel(kind: DocumentKind): string {
  return KIND_LABELS[kind];
}

/** Thai label of a category: 'procurement' → "การจัดซื้อจัดจ้างภาครัฐ". */
export function categoryLabel(category: Category): string {
  return CATEGORY_LABELS[category];
}

/** Thai label of a capability, in the seed memo's words. */
export function capabilityLabel(capability: Capability): string {
  return CAPABILITY_LABELS[capability];
}

/** Thai label of a medium. */
export function mediumLabel(medium: Medium): string {
  return MEDIUM_LABELS[medium];
}

/** Thai name of a register: 'receipt' → "ทะเบียนหนังสือรับ". */
export function registerLabel(register: RegisterKind): string {
  return REGISTER_LABELS[register];
}

/** CSS colour of an urgency mark: red for every urgent level (the regulation), black text for normal. */
export function urgencyColour(urgency: Urgency): string {
  return urgency === 'normal' ? '#000000' : MARK_RED;
}

/** CSS colour of a secrecy mark: red for every secret level, black text for none. */
export function secrecyColour(secrecy: Secrecy): string {
  return secrecy === 'none' ? '#000000' : MARK_RED;
}

/** The urgency mark printed on a letter (red, ≥ 32 pt), or null when normal: nothing is printed for "ปกติ". */
export function urgencyMark(urgency: Urgency): string | null {
  return urgency === 'normal' ? null : URGENCY_LABELS[urgency];
}

/** The secrecy mark printed at the top and bottom of each page, or null when not secret. */
export function secrecyMark(secrecy: Secrecy): string | null {
  return secrecy === 'none' ? null : SECRECY_LABELS[secrecy];
}

/** Compares urgencies: negative when `a` is slower than `b`. */
export function compareUrgency(a: Urgency, b: Urgency): number {
  return URGENCIES.indexOf(a) - URGENCIES.indexOf(b);
}

/** Compares secrecy levels: negative when `a` is lower than `b`. */
export function compareSecrecy(a: Secrecy, b: Secrecy): number {
  return SECRECIES.indexOf(a) - SECRECIES.indexOf(b);
}

/** Type guard for an urgency id. */
export const isUrgency = (value: unknown): value is Urgency => (URGENCIES as readonly unknown[]).includes(value);
/** Type guard for a secrecy id. */
export const isSecrecy = (value: unknown): value is Secrecy => (SECRECIES as readonly unknown[]).includes(value);
/** Type guard for a kind id. */
export const isDocumentKind = (value: unknown): value is DocumentKind => (KINDS as readonly unknown[]).includes(value);
/** Type guard for a category id. */
export const isCategory = (value: unknown): value is Category => (CATEGORIES as readonly unknown[]).includes(value);
/** Type guard for a capability id. */
export const isCapability = (value: unknown): value is Capability =>
  (CAPABILITIES as readonly unknown[]).includes(value);
/** Type guard for a register id. */
export const isRegisterKind = (value: unknown): value is RegisterKind =>
  (REGISTERS as readonly unknown[]).includes(value);
