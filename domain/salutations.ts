/**
 * Opening and closing formulas (คำขึ้นต้น / คำลงท้าย) by recipient, from appendix 2 of the saraban regulation. The
 * royal forms (กราบบังคมทูล, กราบทูล, ทูล) follow the Royal Household's announcements and are deliberately not here:
 * a letter to a member of the royal family is drafted by hand.
 */
import type { DocumentKind } from './enums';

/** Classes of recipient that set the formulas. */
export const RECIPIENT_CLASSES = [
  'general',
  'high_official',
  'supreme_patriarch',
  'somdet_monk',
  'rajakhana_monk',
  'monk',
] as const;
/** A recipient class id. */
export type RecipientClass = (typeof RECIPIENT_CLASSES)[number];

/** An opening and a closing formula, with the recipient class they belong to and its Thai description. */
export type Formulas = { recipientClass: RecipientClass; salutation: string; closing: string; th: string };

const FORMULAS: Record<RecipientClass, Omit<Formulas, 'recipientClass'>> = {
  general: { salutation: 'เรียน', closing: 'ขอแสดงความนับถือ', th: 'บุคคลทั่วไปและส่วนราชการ' },
  high_official: {
    salutation: 'กราบเรียน',
    closing: 'ขอแสดงความนับถืออย่างยิ่ง',
    th: 'ประธานองคมนตรี นายกรัฐมนตรี และผู้ดำรงตำแหน่งตามภาคผนวก',
  },
  supreme_patriarch: {
    salutation: 'ขอประทานกราบทูล',
    closing: 'ควรมิควรแล้วแต่จะโปรดเกล้าโปรดกระหม่อม',
    th: 'สมเด็จพระสังฆราชเจ้า',
  },
  somdet_monk: {
    salutation: 'นมัสการ',
    closing: 'ขอนมัสการด้วยความเคารพอย่างยิ่ง',
    th: 'สมเด็จพระราชาคณะ รองสมเด็จพระราชาคณะ',
  },
  rajakhana_monk: { salutation: 'นมัสการ', closing: 'ขอนมัสการด้วยความเคารพอย่างสูง', th: 'พระราชาคณะ' },
  monk: { salutation: 'นมัสการ', closing: 'ขอนมัสการด้วยความเคารพ', th: 'พระภิกษุสงฆ์ทั่วไป' },
};

/**
 * Titles addressed "กราบเรียน" (appendix 2 as amended; the list changes with the constitution's bodies, so it is data:
 * extend it rather than special-casing a title elsewhere).
 */
export const HIGH_OFFICIAL_TITLES: readonly string[] = [
  'ประธานองคมนตรี',
  'นายกรัฐมนตรี',
  'ประธานรัฐสภา',
  'ประธานสภาผู้แทนราษฎร',
  'ประธานวุฒิสภา',
  'ประธานศาลฎีกา',
  'ประธานศาลรัฐธรรมนูญ',
  'ประธานศาลปกครองสูงสุด',
  'ประธานกรรมการการเลือกตั้ง',
  'ประธานผู้ตรวจการแผ่นดิน',
  'ประธานกรรมการสิทธิมนุษยชนแห่งชาติ',
  'ประธานกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ',
  'ประธานกรรมการตรวจเงินแผ่นดิน',
  'รัฐบุรุษ',
];

/** The formulas for a recipient class: 'general' → เรียน … ขอแสดงความนับถือ. */
export function salutationFor(recipientClass: RecipientClass): Formulas {
  return { recipientClass, ...FORMULAS[recipientClass] };
}

/** The recipient class a title implies: the high officials and the Supreme Patriarch by title, anyone else 'general'. */
export function recipientClassOf(title: string): RecipientClass {
  const text = title.trim();
  if (text.startsWith('สมเด็จพระสังฆราช')) return 'supreme_patriarch';
  return HIGH_OFFICIAL_TITLES.some((t) => text.startsWith(t)) ? 'high_official' : 'general';
}

/**
 * The formulas a kind of document prints: an external letter both; a memo (บันทึกข้อความ) and a record (บันทึก) only
 * the opening, with no closing; a stamped letter "ถึง" and no closing; the other kinds neither.
 */
export function formulasFor(
  kind: DocumentKind,
  recipientClass: RecipientClass = 'general',
): {
  salutation?: string;
  closing?: string;
} {
  const formulas = salutationFor(recipientClass);
  switch (kind) {
    case 'external':
      return { salutation: formulas.salutation, closing: formulas.closing };
    case 'memo':
    case 'record':
      return { salutation: formulas.salutation };
    case 'stamped':
      return { salutation: 'ถึง' };
    default:
      return {};
  }
}
