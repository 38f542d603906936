import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

type Details = Record<string, unknown>;

/**
 * Mail from senders outside the directory, held at a unit's central address for its clerk (api/mail/intake.ts), one
 * row per message and unit with its decision stored, instead of being derived from `mail.*` audit rows by a LIKE scan.
 * The unique key (raw_sha256, unit_id) holds a redelivered message once even when two deliveries race. `pdfs` is the
 * JSON list of the attachments in the file store ([{ name, sha256 }]).
 *
 * Upgrade: every `mail.held` audit row is carried over with its audit id as the held id (so the ids clerks saw and the
 * `heldId` of the old `mail.accepted` / `mail.rejected` rows still name the same message); its decision, if any, comes
 * from those rows. Decided ones are carried too, so a redelivery of a message decided before the upgrade is not held
 * again (the old intake's dedupe did not look at decisions either). New ids continue after the highest carried one.
 */
export class HeldMail1765600000000 implements MigrationInterface {
  name = 'HeldMail1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'held_mail',
        columns: [
          col.serial(),
          col.str('unit_id', 64),
          col.str('raw_sha256', 64),
          col.text('message_id', false),
          col.text('from_address', false),
          col.text('sender_name', false),
          col.text('subject', false),
          col.time('received_at'),
          col.text('pdfs', false),
          { ...col.str('status', 16), default: "'held'" },
          col.str('decided_by', 36, true),
          col.time('decided_at', true),
          col.str('document_id', 36, true),
          col.text('reject_reason'),
        ],
        indices: [
          { name: 'uq_held_mail_message_unit', columnNames: ['raw_sha256', 'unit_id'], isUnique: true },
          { name: 'ix_held_mail_unit_status_received', columnNames: ['unit_id', 'status', 'received_at'] },
        ],
      }),
      true,
    );
    await carryOverAuditHeld(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('held_mail', true);
  }
}

const parse = (details: unknown): Details =>
  (typeof details === 'string' ? JSON.parse(details) : (details ?? {})) as Details;
const text = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);

/** The old audit-held messages (and their decisions) as held_mail rows; the audit rows themselves stay as they are. */
async function carryOverAuditHeld(q: QueryRunner): Promise<void> {
  const rows = (await q.query(
    "SELECT id, at, actor_user_id, action, details FROM audit_log WHERE action IN ('mail.held', 'mail.accepted', 'mail.rejected') ORDER BY id",
  )) as Array<{ id: number | string; at: unknown; actor_user_id: string | null; action: string; details: unknown }>;
  const decisions = new Map<number, { action: string; at: unknown; by: string | null; details: Details }>();
  for (const r of rows) {
    if (r.action === 'mail.held') continue;
    const details = parse(r.details);
    const heldId = Number(details.heldId);
    // The first decision counts: the old routes refused a second one.
    if (Number.isInteger(heldId) && !decisions.has(heldId))
      decisions.set(heldId, { action: r.action, at: r.at, by: r.actor_user_id, details });
  }
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.action !== 'mail.held') continue;
    const held = parse(r.details);
    const rawSha256 = text(held.rawSha256);
    const unitId = text(held.unitId);
    // A message held twice for a unit (two deliveries that raced past the old LIKE check) keeps its first row.
    if (!rawSha256 || !unitId || seen.has(`${rawSha256}\n${unitId}`)) continue;
    seen.add(`${rawSha256}\n${unitId}`);
    const id = Number(r.id);
    const decision = decisions.get(id);
    const status = !decision ? 'held' : decision.action === 'mail.accepted' ? 'accepted' : 'rejected';
    const receivedAt = held.receivedAt ? new Date(text(held.receivedAt)) : null;
    await q.query(
      `INSERT INTO held_mail (id, unit_id, raw_sha256, message_id, from_address, sender_name, subject, received_at,
         pdfs, status, decided_by, decided_at, document_id, reject_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        unitId,
        rawSha256,
        text(held.messageId, `sha256:${rawSha256.slice(0, 32)}`),
        text(held.from),
        text(held.senderName, text(held.from)),
        text(held.subject),
        receivedAt && !Number.isNaN(receivedAt.getTime()) ? dbText(receivedAt) : dbText(parseTime(r.at)),
        JSON.stringify(Array.isArray(held.pdfs) ? held.pdfs : []),
        status,
        decision?.by ?? null,
        decision ? dbText(parseTime(decision.at)) : null,
        decision?.action === 'mail.accepted' ? text(decision.details.documentId) || null : null,
        decision?.action === 'mail.rejected' ? text(decision.details.reason) || null : null,
      ],
    );
  }
}

// Migrations keep their own copies of db/time's helpers: a migration must not change when application code does.
function dbText(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

function parseTime(value: unknown): Date {
  if (value instanceof Date) return value;
  const t = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t.replace(' ', 'T')}Z`);
}
