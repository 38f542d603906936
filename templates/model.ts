/**
 * The letter model: what a template prints, every string ready (Thai digits, Thai dates, formulas, signature lines).
 * Built from a letter's input by thin calls into domain/, so the templates hold layout only.
 */
import {
  ELECTRONIC_SIGNATURE_NOTICE,
  formatSignatureBlock,
  formatThaiCalendarDate,
  formatThaiDate,
  formatThaiTime,
  formulasFor,
  kindSpec,
  recipientClassOf,
  secrecyMark,
  toThaiDigits,
  urgencyMark,
  type DocumentKind,
  type RecipientClass,
  type Secrecy,
  type SignatureBlockInput,
  type Urgency,
} from '../domain';

/** The six letter templates of issue 5; every kind prints through one of them (see `templateFor`). */
export const LETTER_TEMPLATES = ['memo', 'external', 'stamped', 'order', 'announcement', 'circular'] as const;
/** A template id. */
export type LetterTemplateId = (typeof LETTER_TEMPLATES)[number];

/** The issuing agency as printed: its name, the parent line, address and contact lines. */
export interface LetterAgency {
  name: string;
  /** The parent unit, printed under the name on external letters ("สำนักปลัดกรุงเทพมหานคร"). */
  parentName?: string;
  address?: string;
  /** The owning unit for the contact lines (ส่วนราชการเจ้าของเรื่อง), default the agency's name. */
  ownerUnit?: string;
  phone?: string;
  fax?: string;
  email?: string;
}

/** A minute written on the document (เกษียน): who wrote what, when. */
export interface LetterMinute {
  text: string;
  name: string;
  position: string;
  /** ISO instant. */
  at: string;
}

/** Everything a letter needs: the document's fields, the author's body (parts of `kindSpec(kind)`) and the system's. */
export interface LetterInput {
  kind: DocumentKind;
  /** A circular (หนังสือเวียน): ว number series, printed with the circular template. */
  circular?: boolean;
  subject: string;
  urgency?: Urgency;
  secrecy?: Secrecy;
  /** ISO instant of a "ด่วนภายใน" deadline. */
  urgentWithin?: string;
  /** The author's parts: recipient, references, enclosures, body, memo sections, to, effective, copyTo, … */
  body: Record<string, unknown>;
  /** The number as issued ("กท 0403/ว 276", "12/2566"); printed in Thai digits. Absent on a draft. */
  number?: string;
  /** 'YYYY-MM-DD' (Bangkok calendar day) or an ISO instant. Absent on a draft. */
  date?: string;
  agency: LetterAgency;
  signature?: SignatureBlockInput;
  /** Initials beside the stamp of a stamped letter. */
  initials?: string;
  /** ISO instant of the electronic signature; prints the footer and the signed mark. */
  signedAt?: string;
  minutes?: LetterMinute[];
  /** The list of recipients of a circular, printed after the letter. */
  distribution?: string[];
  recipientClass?: RecipientClass;
  /** Print the electronic-signature footer (default true: every letter the system issues is electronic). */
  electronic?: boolean;
}

/** A paragraph of the body; `heading` paragraphs are the bold memo section titles. */
export interface Paragraph {
  text: string;
  heading?: boolean;
  /** A numbered clause (ข้อ ๑) or an item, printed with a hanging indent. */
  item?: boolean;
}

const FALLBACK: Record<DocumentKind, LetterTemplateId> = {
  memo: 'memo',
  external: 'external',
  certificate: 'external',
  stamped: 'stamped',
  order: 'order',
  regulation: 'order',
  bylaw: 'order',
  announcement: 'announcement',
  statement: 'announcement',
  news: 'announcement',
  minutes: 'memo',
  record: 'memo',
  other: 'memo',
};

/** The template a kind prints with: circulars their own; regulations and by-laws as orders; publicity as ประกาศ. */
export function templateFor(kind: DocumentKind, circular = false): LetterTemplateId {
  return circular ? 'circular' : FALLBACK[kind];
}

/**
 * Thai digits in running text, except inside e-mail addresses and web addresses, which must stay typeable:
 * "โทร. 0 2221 4848 saraban@bma1.go.th" → "โทร. ๐ ๒๒๒๑ ๔๘๔๘ saraban@bma1.go.th".
 */
export function thaiText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value)
    .split(/(\S+@\S+|https?:\/\/\S+|www\.\S+)/)
    .map((part, i) => (i % 2 === 1 ? part : toThaiDigits(part)))
    .join('');
}

/** A date as a letter prints it: "๒๒ ธันวาคม ๒๕๖๖" from 'YYYY-MM-DD' or an ISO instant. */
export function letterDate(value: string | undefined, style: 'long' | 'short' = 'long'): string {
  if (!value) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? formatThaiCalendarDate(value, style)
    : formatThaiDate(new Date(value), style);
}

/** Splits the author's text into paragraphs: blank lines or single newlines end one; "๑." / "1." / "ข้อ" start items. */
export function paragraphsOf(text: unknown): Paragraph[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ text: thaiText(line), ...(/^(\d+|[๐-๙]+)[.)]\s|^ข้อ\s/.test(line) ? { item: true } : {}) }));
}

const list = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map((v) => thaiText(v)).filter(Boolean)
    : typeof value === 'string' && value
      ? [thaiText(value)]
      : [];

const MEMO_SECTIONS = ['background', 'facts', 'considerations', 'proposal'] as const;

/** The body paragraphs: memo sections (เรื่องเดิม …) with their bold titles when given, then the body. */
function bodyParagraphs(input: LetterInput): Paragraph[] {
  const spec = kindSpec(input.kind);
  const out: Paragraph[] = [];
  for (const id of MEMO_SECTIONS) {
    const part = spec.fields.find((f) => f.id === id);
    const paragraphs = paragraphsOf(input.body[id]);
    if (!part || paragraphs.length === 0) continue;
    out.push({ text: part.th, heading: true }, ...paragraphs);
  }
  out.push(...paragraphsOf(input.body.body));
  const clauses = list(input.body.clauses);
  clauses.forEach((clause, i) => out.push({ text: `ข้อ ${toThaiDigits(i + 1)} ${clause}`, item: true }));
  return out;
}

/** Builds what the templates print from a letter's input. Pure: the same input gives the same model. */
export function buildLetterModel(input: LetterInput) {
  const template = templateFor(input.kind, input.circular);
  const spec = kindSpec(input.kind);
  const recipient = typeof input.body.recipient === 'string' ? input.body.recipient.trim() : '';
  const recipientClass = input.recipientClass ?? recipientClassOf(recipient.replace(/^(กราบ)?เรียน\s*/, ''));
  const formulas = formulasFor(input.kind, recipientClass);
  // The author may type the recipient with or without "เรียน"; print the formula once.
  const recipientText = thaiText(recipient.replace(/^(กราบเรียน|เรียน|ถึง)\s*/, ''));
  const electronic = input.electronic !== false;
  const signatureLines = input.signature ? formatSignatureBlock(input.signature).map(thaiText) : [];
  const urgency = input.urgency ?? 'normal';
  const secrecy = input.secrecy ?? 'none';
  return {
    template,
    kind: input.kind,
    kindText: spec.th,
    heading: spec.heading ?? '',
    emblem: template === 'memo' || template === 'circular' ? 'small' : 'large',
    urgencyMark: urgencyMark(urgency),
    urgentWithin: input.urgentWithin
      ? `ด่วนภายใน ${letterDate(input.urgentWithin, 'short')} เวลา ${formatThaiTime(new Date(input.urgentWithin))} น.`
      : '',
    secrecyMark: secrecyMark(secrecy),
    number: input.number ? thaiText(input.number) : '',
    date: letterDate(input.date),
    subject: thaiText(input.subject),
    salutation: formulas.salutation ?? '',
    recipient: recipientText,
    to: thaiText(input.body.to),
    closing: formulas.closing ?? '',
    references: list(input.body.references),
    enclosures: list(input.body.enclosures),
    paragraphs: bodyParagraphs(input),
    preamble: paragraphsOf(input.body.preamble),
    title: thaiText(input.body.title),
    issueNo: thaiText(input.body.issueNo),
    effective: thaiText(input.body.effective),
    copyTo: list(input.body.copyTo),
    agency: {
      name: thaiText(input.agency.name),
      parentName: thaiText(input.agency.parentName),
      address: thaiText(input.agency.address),
      ownerUnit: thaiText(input.agency.ownerUnit ?? input.agency.name),
      phone: thaiText(input.agency.phone),
      fax: thaiText(input.agency.fax),
      email: input.agency.email ?? '',
    },
    signatureLines,
    initials: thaiText(input.initials),
    signed: input.signedAt
      ? `ลงนามอิเล็กทรอนิกส์ ${letterDate(input.signedAt, 'short')} ${formatThaiTime(new Date(input.signedAt))} น.`
      : '',
    footer: electronic ? ELECTRONIC_SIGNATURE_NOTICE : '',
    minutes: (input.minutes ?? []).map((m) => ({
      text: thaiText(m.text),
      name: `(${m.name.replace(/^\((.*)\)$/, '$1')})`,
      position: thaiText(m.position),
      date: `${letterDate(m.at, 'short')} ${formatThaiTime(new Date(m.at))} น.`,
    })),
    distribution: list(input.distribution),
  };
}

/** What a template prints. */
export type LetterModel = ReturnType<typeof buildLetterModel>;
