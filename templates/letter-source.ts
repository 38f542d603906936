import type { DataSource } from 'typeorm';
import { bangkokDateOf, isDocumentKind, type SignatureBlock } from '../domain';
import { parseDbTime } from '../db/time';
import type { LetterInput, LetterMinute } from './model';

type Row = Record<string, unknown>;

const json = <T>(value: unknown): T | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
};
const str = (value: unknown) => (value === null || value === undefined ? undefined : String(value));

/**
 * Reads what a letter prints from the database: the document (kind, subject, marks, body), its number and signature
 * once signed (columns of the outgoing life, read when present), the issuing unit's details and the minutes. `SELECT *`
 * keeps this working on a schema with or without the outgoing columns.
 */
export async function letterInputFromDocument(ds: DataSource, documentId: string): Promise<LetterInput | null> {
  const [doc] = (await ds.query('SELECT * FROM documents WHERE id = ?', [documentId])) as Row[];
  if (!doc) return null;
  const kind = String(doc.kind);
  if (!isDocumentKind(kind)) throw new Error(`document ${documentId} has an unknown kind ${kind}`);
  const [unit] = (await ds.query(
    `SELECT u.name, u.phone, u.central_email, p.name AS parent_name FROM units u
     LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = ?`,
    [doc.unit_id],
  )) as Row[];
  const ownerUnit = doc.author_position_id
    ? (
        (await ds.query('SELECT u.name FROM positions p JOIN units u ON u.id = p.unit_id WHERE p.id = ?', [
          doc.author_position_id,
        ])) as Row[]
      )[0]?.name
    : undefined;
  const block = json<SignatureBlock>(doc.signature_block);
  const signedAt = doc.signed_at ? parseDbTime(doc.signed_at) : undefined;
  const body = json<Record<string, unknown>>(doc.body) ?? {};
  return {
    kind,
    circular: doc.number_register === 'circular' || doc.direction === 'circular' || body.circular === true,
    subject: String(doc.subject),
    urgency: doc.urgency as LetterInput['urgency'],
    secrecy: doc.secrecy as LetterInput['secrecy'],
    ...(str(doc.within_at) ? { urgentWithin: str(doc.within_at) } : {}),
    body: { recipient: str(doc.to_text), ...body },
    ...(str(doc.number_code) ? { number: str(doc.number_code) } : {}),
    ...(signedAt ? { date: bangkokDateOf(signedAt), signedAt: signedAt.toISOString() } : {}),
    agency: {
      name: String(unit?.name ?? ''),
      parentName: str(unit?.parent_name),
      ownerUnit: str(ownerUnit) ?? String(unit?.name ?? ''),
      phone: str(unit?.phone),
      email: str(unit?.central_email),
    },
    ...(block
      ? {
          signature: {
            name: block.signer.name,
            title: block.signer.title,
            ...(block.actingFor ? { actingFor: { kind: block.actingFor.kind, title: block.actingFor.title } } : {}),
          },
        }
      : {}),
    // Minutes travel with internal memos; a letter that leaves the BMA carries none.
    minutes: kind === 'memo' || kind === 'record' ? await minutesOf(ds, documentId) : [],
  };
}

async function minutesOf(ds: DataSource, documentId: string): Promise<LetterMinute[]> {
  // The minutes table belongs to the proposal life; a database without it has no minutes to print.
  const rows = (await ds
    .query('SELECT at, author_name, position_title, text FROM minutes WHERE document_id = ? ORDER BY at, id', [
      documentId,
    ])
    .catch(() => [])) as Row[];
  return rows.map((m) => ({
    text: String(m.text),
    name: String(m.author_name),
    position: String(m.position_title),
    at: parseDbTime(m.at).toISOString(),
  }));
}
