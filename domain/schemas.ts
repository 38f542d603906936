/**
 * Zod schemas of the inputs that several layers validate the same way (the API, the client's forms). Objects are
 * strict: an unknown field is an error, not silently dropped.
 */
import { z } from 'zod';
import { CATEGORIES, KINDS, SECRECIES, URGENCIES, type DocumentKind } from './enums';
import { KIND_SPECS, type FieldSpec } from './kinds';
import { isCalendarDate } from './thai/dates';

/** A calendar day 'YYYY-MM-DD' that exists (2024-02-29 yes, 2023-02-29 no). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');

/** An ISO 8601 date-time with its offset ("2026-11-25T10:15:00+07:00" or "…Z"). */
export const isoDateTime = z.iso.datetime({ offset: true });

/** A text field: trimmed, then between `min` and `max` characters. */
export const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** An uploaded file in JSON: its name and its bytes in base64. */
export const fileInput = z
  .object({
    name: text(1, 255),
    contentBase64: z.base64().min(1),
  })
  .strict();

/** The sender of a received letter as written on it: name, its number ("ที่") and its date. */
export const senderInput = z
  .object({
    name: text(1, 300),
    number: text(0, 100).optional(),
    date: calendarDate.optional(),
  })
  .strict();

/** `POST /api/documents/incoming`: a clerk registers a received document. */
export const incomingDocumentInput = z
  .object({
    subject: text(1, 500),
    kind: z.enum(KINDS).default('external'),
    urgency: z.enum(URGENCIES).default('normal'),
    secrecy: z.enum(SECRECIES).default('none'),
    category: z.enum(CATEGORIES).default('general'),
    sender: senderInput,
    to: text(0, 300).optional(),
    note: text(0, 2000).optional(),
    receivedAt: isoDateTime.optional(),
    file: fileInput.optional(),
  })
  .strict();

/** The parsed body of `POST /api/documents/incoming` (defaults applied). */
export type IncomingDocumentInput = z.infer<typeof incomingDocumentInput>;

function fieldSchema(field: FieldSpec): z.ZodType {
  const line = text(1, field.max ?? 20_000);
  if (field.list) return field.required ? z.array(line).min(1).max(200) : z.array(line).max(200).optional();
  // An optional part may come as an empty string from a form; a required one may not.
  return field.required ? line : text(0, field.max ?? 20_000).optional();
}

const bodySchemas = Object.fromEntries(
  KINDS.map((kind) => {
    const fields = KIND_SPECS[kind].fields.filter((field) => field.source === 'author');
    return [kind, z.object(Object.fromEntries(fields.map((field) => [field.id, fieldSchema(field)]))).strict()];
  }),
) as Record<DocumentKind, z.ZodObject>;

/** The body schema of a kind: the parts the author writes (see `KIND_SPECS`), strict. */
export function kindBodySchema(kind: DocumentKind): z.ZodObject {
  return bodySchemas[kind];
}

/** The author's body of a document: texts and lists of lines by part id. */
export type DocumentBody = Record<string, string | string[] | undefined>;

/** A recipient of an outgoing document: a BMA unit id, or an outside body with its e-mail. */
export const recipientInput = z.union([text(1, 100), z.object({ name: text(1, 300), email: z.email() }).strict()]);

const outgoingOf = (kind: DocumentKind) =>
  z
    .object({
      kind: z.literal(kind),
      subject: text(1, 500),
      urgency: z.enum(URGENCIES).default('normal'),
      secrecy: z.enum(SECRECIES).default('none'),
      category: z.enum(CATEGORIES).default('general'),
      within: isoDateTime.optional(),
      to: z.array(recipientInput).min(1).max(1000),
      body: bodySchemas[kind],
      attachments: z.array(fileInput).max(50).optional(),
    })
    .strict();

/** `POST /api/documents`: a draft of any kind, its body checked against that kind's parts. */
export const outgoingDocumentInput = z.discriminatedUnion(
  'kind',
  KINDS.map(outgoingOf) as unknown as [ReturnType<typeof outgoingOf>, ...ReturnType<typeof outgoingOf>[]],
);

/** The parsed body of `POST /api/documents`. */
export type OutgoingDocumentInput = Omit<z.infer<typeof outgoingDocumentInput>, 'kind' | 'body'> & {
  kind: DocumentKind;
  body: DocumentBody;
};

/** A username as sign-in compares it (the admin screens' and the organisation file's, db/org-file.ts). */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,99}$/, 'letters, digits, dot, dash or underscore, 3 to 100');
