// The modules themselves, not domain/index.ts: the index would bring zod into the bundle.
import type { Category, DocumentKind, Secrecy, Urgency } from '@domain/enums';
import { type FieldSpec, KIND_SPECS } from '@domain/kinds';

import type { VersionDetail } from '../core/api-types';
import type { LetterPreviewRequest } from '../shared/letter-preview';
import type { OutsideRecipient } from '../shared/recipient-picker';

/** A draft as the compose form holds it: list parts are multi-line text until they are sent. */
export interface DraftForm {
  kind: DocumentKind;
  subject: string;
  urgency: Urgency;
  secrecy: Secrecy;
  category: Category;
  /** `datetime-local` value (Bangkok wall clock) of "ด่วนภายใน", or ''. */
  within: string;
  unitIds: string[];
  outsiders: OutsideRecipient[];
  body: Record<string, string>;
}

/** A file attached on this page, read into base64. */
export interface AttachedFile {
  name: string;
  size: number;
  contentBase64: string;
}

/** An empty memo: the commonest draft in a district office. */
export function emptyDraft(): DraftForm {
  return {
    kind: 'memo',
    subject: '',
    urgency: 'normal',
    secrecy: 'none',
    category: 'general',
    within: '',
    unitIds: [],
    outsiders: [],
    body: {},
  };
}

/** The parts of a kind the author writes, in print order (domain/kinds.ts). */
export function authorFields(kind: string): FieldSpec[] {
  const spec = KIND_SPECS[kind as keyof typeof KIND_SPECS];
  return spec ? spec.fields.filter((f) => f.source === 'author') : [];
}

/** The parts the system fills in (number, date, signature …), named for the author's information. */
export function systemFields(kind: string): FieldSpec[] {
  const spec = KIND_SPECS[kind as keyof typeof KIND_SPECS];
  return spec ? spec.fields.filter((f) => f.source === 'system') : [];
}

/** A part is a short line (one input) when the regulation caps it at a line's length. */
export function isShort(field: FieldSpec): boolean {
  return !field.list && (field.max ?? 20_000) <= 1000;
}

/** The author's body for the API: list parts split into lines, empty optional parts left out. */
export function bodyOf(form: DraftForm): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = {};
  for (const field of authorFields(form.kind)) {
    const raw = form.body[field.id] ?? '';
    if (field.list) {
      const lines = raw
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      if (lines.length || field.required) body[field.id] = lines;
    } else if (raw.trim() || field.required) {
      body[field.id] = raw.trim();
    }
  }
  return body;
}

/** `datetime-local` (Bangkok) → ISO with the +07:00 offset the API wants. */
export function withinIso(value: string): string | undefined {
  if (!value) return undefined;
  return `${value.length === 16 ? `${value}:00` : value}+07:00`;
}

/** ISO instant → `datetime-local` in Bangkok (UTC+7, no daylight saving). */
export function withinLocal(iso: string | undefined): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Date(time + 7 * 3600_000).toISOString().slice(0, 16);
}

/** The body of `POST /api/documents` and `PUT /api/documents/:id`. */
export function requestOf(form: DraftForm, attachments: AttachedFile[]) {
  const within = withinIso(form.within);
  return {
    kind: form.kind,
    subject: form.subject.trim(),
    urgency: form.urgency,
    secrecy: form.secrecy,
    category: form.category,
    ...(within ? { within } : {}),
    to: [...form.unitIds, ...form.outsiders.map((o) => ({ name: o.name, email: o.email }))],
    body: bodyOf(form),
    ...(attachments.length
      ? { attachments: attachments.map((a) => ({ name: a.name, contentBase64: a.contentBase64 })) }
      : {}),
  };
}

/** What the preview endpoint takes. */
export function previewOf(form: DraftForm): LetterPreviewRequest {
  const within = withinIso(form.within);
  return {
    kind: form.kind,
    subject: form.subject,
    urgency: form.urgency,
    secrecy: form.secrecy,
    ...(within ? { urgentWithin: within } : {}),
    body: bodyOf(form),
  };
}

/** A saved version back into the form (recipients as the API stored them: unit refs, outside bodies, or ids). */
export function formOf(version: VersionDetail): DraftForm {
  const unitIds: string[] = [];
  const outsiders: OutsideRecipient[] = [];
  for (const to of version.to ?? []) {
    if (typeof to === 'string') unitIds.push(to);
    else if (to && typeof to === 'object') {
      const r = to as { type?: string; unitId?: string; id?: string; name?: string; email?: string };
      if (r.email) outsiders.push({ name: r.name ?? r.email, email: r.email });
      else if (r.unitId ?? r.id) unitIds.push((r.unitId ?? r.id)!);
    }
  }
  const body: Record<string, string> = {};
  for (const [key, value] of Object.entries(version.body ?? {})) {
    body[key] = Array.isArray(value) ? value.join('\n') : String(value ?? '');
  }
  return {
    kind: version.kind,
    subject: version.subject ?? '',
    urgency: version.urgency,
    secrecy: version.secrecy,
    category: version.category,
    within: withinLocal(version.within),
    unitIds,
    outsiders,
    body,
  };
}

/** Which required parts are still empty: subject, recipients, and the kind's required parts by id. */
export function missingParts(form: DraftForm): string[] {
  const missing: string[] = [];
  if (!form.subject.trim()) missing.push('subject');
  if (form.unitIds.length + form.outsiders.length === 0) missing.push('to');
  for (const field of authorFields(form.kind)) {
    if (field.required && !(form.body[field.id] ?? '').trim()) missing.push(`body.${field.id}`);
  }
  return missing;
}
