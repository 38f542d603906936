/**
 * The six kinds of official document (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. ๒๕๒๖ and amendments) with their
 * sub-types, the parts each prints in layout order, and which parts the author writes (the body schema of
 * `POST /api/documents`) and which the system fills in (number, date, signature, the unit's details).
 */
import type { DocumentKind } from './enums';

/** The six kinds of the regulation. */
export const KIND_GROUPS = ['external', 'internal', 'stamped', 'directive', 'publicity', 'evidence'] as const;
/** A kind group id. */
export type KindGroup = (typeof KIND_GROUPS)[number];

/** Where a part comes from: the author's body, the document's own fields (subject), or the system. */
export type FieldSource = 'author' | 'document' | 'system';

/** One printed part. `list` parts are lists of lines (enclosures, copies, clauses). */
export type FieldSpec = {
  id: string;
  th: string;
  source: FieldSource;
  required: boolean;
  list?: boolean;
  max?: number;
};

/** A kind: its group, Thai names, Garuda size, heading and parts in layout order. */
export type KindSpec = {
  kind: DocumentKind;
  group: KindGroup;
  th: string;
  /** The Garuda emblem: 3 cm centred (external letters, orders, announcements), 1.5 cm top left (memos), or none. */
  emblem: 'large' | 'small' | null;
  /** The heading printed at the top, when the kind has one ("บันทึกข้อความ", "คำสั่ง"). */
  heading?: string;
  fields: FieldSpec[];
};

const GROUP_LABELS: Record<KindGroup, string> = {
  external: 'หนังสือภายนอก',
  internal: 'หนังสือภายใน',
  stamped: 'หนังสือประทับตรา',
  directive: 'หนังสือสั่งการ',
  publicity: 'หนังสือประชาสัมพันธ์',
  evidence: 'หนังสือที่เจ้าหน้าที่ทำขึ้นหรือรับไว้เป็นหลักฐานในราชการ',
};

const sys = (id: string, th: string, required = true): FieldSpec => ({ id, th, source: 'system', required });
const text = (id: string, th: string, required = true, max = 20_000): FieldSpec => ({
  id,
  th,
  source: 'author',
  required,
  max,
});
const list = (id: string, th: string, required = false): FieldSpec => ({
  id,
  th,
  source: 'author',
  required,
  list: true,
  max: 500,
});
const subject: FieldSpec = { id: 'subject', th: 'เรื่อง', source: 'document', required: true };
const signature = [sys('signature', 'ลงชื่อ'), sys('signerName', '(พิมพ์ชื่อเต็ม)'), sys('signerPosition', 'ตำแหน่ง')];
const recipient = text('recipient', 'คำขึ้นต้นและผู้รับ (เรียน …)', true, 1000);
const contact = [
  sys('ownerUnit', 'ส่วนราชการเจ้าของเรื่อง'),
  sys('phone', 'โทร.'),
  sys('fax', 'โทรสาร', false),
  // Required on external letters since the 2564 amendment.
  sys('email', 'ไปรษณีย์อิเล็กทรอนิกส์'),
];

const publicity = (kind: DocumentKind, th: string): KindSpec => ({
  kind,
  group: 'publicity',
  th,
  emblem: 'large',
  heading: th,
  fields: [
    sys('agency', 'ชื่อส่วนราชการ'),
    subject,
    text('issueNo', 'ฉบับที่', false, 20),
    text('body', 'ข้อความ'),
    sys('agencyName', 'ส่วนราชการที่ออก'),
    sys('date', 'วัน เดือน ปี'),
  ],
});

const rules = (kind: DocumentKind, th: string, preamble: string): KindSpec => ({
  kind,
  group: 'directive',
  th,
  emblem: 'large',
  heading: th,
  fields: [
    sys('agency', 'ชื่อส่วนราชการ'),
    text('title', 'ว่าด้วย', true, 500),
    sys('beYear', 'พ.ศ.'),
    text('preamble', preamble),
    list('clauses', 'ข้อ', true),
    sys('date', 'ประกาศ ณ วันที่'),
    ...signature,
  ],
});

/** Every kind's specification. */
export const KIND_SPECS: Record<DocumentKind, KindSpec> = {
  external: {
    kind: 'external',
    group: 'external',
    th: 'หนังสือภายนอก',
    emblem: 'large',
    fields: [
      sys('number', 'ที่'),
      sys('agencyAddress', 'ส่วนราชการเจ้าของหนังสือและที่ตั้ง'),
      sys('date', 'วัน เดือน ปี'),
      subject,
      recipient,
      list('references', 'อ้างถึง'),
      list('enclosures', 'สิ่งที่ส่งมาด้วย'),
      text('body', 'ข้อความ'),
      sys('closing', 'คำลงท้าย'),
      ...signature,
      ...contact,
      list('copyTo', 'สำเนาส่ง'),
    ],
  },
  memo: {
    kind: 'memo',
    group: 'internal',
    th: 'หนังสือภายใน (บันทึกข้อความ)',
    emblem: 'small',
    heading: 'บันทึกข้อความ',
    fields: [
      sys('agency', 'ส่วนราชการ (และโทร.)'),
      sys('number', 'ที่'),
      sys('date', 'วันที่'),
      subject,
      recipient,
      // Often written as เรื่องเดิม / ข้อเท็จจริง / ข้อพิจารณา / ข้อเสนอ; a body without them is also a memo.
      text('background', 'เรื่องเดิม', false),
      text('facts', 'ข้อเท็จจริง', false),
      text('considerations', 'ข้อพิจารณา', false),
      text('proposal', 'ข้อเสนอ', false),
      text('body', 'ข้อความ'),
      ...signature,
    ],
  },
  stamped: {
    kind: 'stamped',
    group: 'stamped',
    th: 'หนังสือประทับตรา',
    emblem: 'large',
    fields: [
      sys('number', 'ที่'),
      text('to', 'ถึง', true, 1000),
      text('body', 'ข้อความ'),
      sys('agencyStamp', 'ชื่อส่วนราชการที่ส่ง (ประทับตราสีแดง)'),
      sys('initials', 'ลงชื่อย่อกำกับตรา'),
      sys('date', 'วัน เดือน ปี'),
      ...contact,
    ],
  },
  order: {
    kind: 'order',
    group: 'directive',
    th: 'คำสั่ง',
    emblem: 'large',
    heading: 'คำสั่ง',
    fields: [
      sys('agency', 'ชื่อส่วนราชการที่ออกคำสั่ง'),
      sys('number', 'ที่ …/พ.ศ.'),
      subject,
      text('body', 'ข้อความ (เหตุผล อำนาจ และสิ่งที่สั่ง)'),
      text('effective', 'ทั้งนี้ ตั้งแต่', false, 300),
      sys('date', 'สั่ง ณ วันที่'),
      ...signature,
    ],
  },
  regulation: rules('regulation', 'ระเบียบ', 'ข้อความอ้างเหตุผลและอำนาจ'),
  bylaw: rules('bylaw', 'ข้อบังคับ', 'ข้อความอ้างเหตุผลและอาศัยอำนาจตามกฎหมาย'),
  announcement: {
    kind: 'announcement',
    group: 'publicity',
    th: 'ประกาศ',
    emblem: 'large',
    heading: 'ประกาศ',
    fields: [sys('agency', 'ชื่อส่วนราชการ'), subject, text('body', 'ข้อความ'), sys('date', 'ประกาศ ณ วันที่'), ...signature],
  },
  statement: publicity('statement', 'แถลงการณ์'),
  news: publicity('news', 'ข่าว'),
  certificate: {
    kind: 'certificate',
    group: 'evidence',
    th: 'หนังสือรับรอง',
    emblem: 'large',
    heading: 'หนังสือรับรอง',
    fields: [
      sys('number', 'ที่'),
      sys('agencyAddress', 'ส่วนราชการเจ้าของหนังสือและที่ตั้ง'),
      text('body', 'ข้อความ (หนังสือฉบับนี้ให้ไว้เพื่อรับรองว่า …)'),
      sys('date', 'ให้ไว้ ณ วันที่'),
      ...signature,
    ],
  },
  minutes: {
    kind: 'minutes',
    group: 'evidence',
    th: 'รายงานการประชุม',
    emblem: null,
    heading: 'รายงานการประชุม',
    fields: [
      text('meeting', 'ชื่อคณะที่ประชุม', true, 500),
      text('meetingNo', 'ครั้งที่', true, 30),
      text('meetingDate', 'เมื่อ', true, 100),
      text('venue', 'ณ', true, 300),
      list('present', 'ผู้มาประชุม', true),
      list('absent', 'ผู้ไม่มาประชุม'),
      list('attendees', 'ผู้เข้าร่วมประชุม'),
      text('startedAt', 'เริ่มประชุมเวลา', true, 30),
      text('body', 'ข้อความ'),
      text('endedAt', 'เลิกประชุมเวลา', true, 30),
      text('recorder', 'ผู้จดรายงานการประชุม', true, 300),
    ],
  },
  record: {
    kind: 'record',
    group: 'evidence',
    th: 'บันทึก',
    emblem: null,
    fields: [recipient, text('body', 'ข้อความ'), ...signature, sys('date', 'วัน เดือน ปี')],
  },
  other: {
    kind: 'other',
    group: 'evidence',
    th: 'หนังสืออื่น',
    emblem: null,
    fields: [subject, text('body', 'ข้อความ')],
  },
};

/** The specification of a kind. */
export function kindSpec(kind: DocumentKind): KindSpec {
  return KIND_SPECS[kind];
}

/** The group (one of the regulation's six kinds) a kind belongs to. */
export function kindGroupOf(kind: DocumentKind): KindGroup {
  return KIND_SPECS[kind].group;
}

/** Thai name of a kind group: 'directive' → "หนังสือสั่งการ". */
export function kindGroupLabel(group: KindGroup): string {
  return GROUP_LABELS[group];
}

/** The sub-types of a group: 'directive' → order, regulation, bylaw. */
export function kindsOfGroup(group: KindGroup): DocumentKind[] {
  return Object.values(KIND_SPECS)
    .filter((spec) => spec.group === group)
    .map((spec) => spec.kind);
}

/** The parts of a kind in print order. */
export function layoutOrder(kind: DocumentKind): string[] {
  return KIND_SPECS[kind].fields.map((field) => field.id);
}
