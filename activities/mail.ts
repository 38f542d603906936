import { ApplicationFailure } from '@temporalio/common';
import type { Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { formatThaiDateTime, toThaiDigits } from '../domain';
import { appendAudit } from '../db/audit';
import type { FileStore } from '../db/file-store';
import { dbTime } from '../db/time';
import { inTransaction } from '../db/transaction';

/** What the mail activities need: an SMTP transport (SMTP_URL) and the file store with the signed letters. */
export interface MailActivityDeps {
  ds: DataSource;
  files?: FileStore;
  mailer?: Transporter;
  /** Attempts per call before the activity fails and Temporal's retry policy takes over (MAIL_RETRIES). */
  mailRetries?: number;
}

/** Input of sendCentralEmail: an outbox row written by the dispatch, or a document and an address. */
export type SendCentralEmailInput = { outboxId: string } | { documentId: string; to: { email: string; name?: string } };

/** What was sent. */
export interface SentEmail {
  sent: boolean;
  messageId?: string;
  sentAt?: string;
  reason?: 'CANCELLED';
}

type Row = Record<string, unknown>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A reply code of 5xx is permanent: retrying the same message will not help. */
const permanent = (error: unknown) => {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500;
};

/** Outgoing letters through the sending unit's central e-mail (saraban@…). */
export function createMailActivities(deps: MailActivityDeps) {
  return {
    /**
     * Sends the document's signed PDF from the unit's central address, retrying transient SMTP failures, then in
     * one transaction marks the outbox row sent, the delivery delivered, records the method and time in the
     * dispatch register and audits it. Once per outbox row (or document and address): a retry after success sends
     * nothing. The Message-ID is derived from the same key, so a receiving system can drop a duplicate.
     */
    async sendCentralEmail(input: SendCentralEmailInput): Promise<SentEmail> {
      if (!deps.mailer || !deps.files) {
        throw ApplicationFailure.nonRetryable('SMTP_URL is not configured in this worker', 'NOT_CONFIGURED');
      }
      const ds = deps.ds;
      const outbox =
        'outboxId' in input
          ? ((await ds.query('SELECT * FROM outbox WHERE id = ?', [input.outboxId])) as Row[])[0]
          : undefined;
      if ('outboxId' in input && !outbox) throw ApplicationFailure.nonRetryable('no such outbox row', 'NOT_FOUND');
      if (outbox?.status === 'cancelled') return { sent: false, reason: 'CANCELLED' };
      const documentId = String(outbox?.document_id ?? ('documentId' in input ? input.documentId : ''));
      const to = outbox
        ? { email: String(outbox.to_email), name: String(outbox.to_name) }
        : (input as { to: { email: string; name?: string } }).to;
      const key = String(outbox?.id ?? `${documentId}:${to.email.toLowerCase()}`);
      const done = (await ds.query(
        "SELECT details FROM audit_log WHERE document_id = ? AND action = 'document.emailed' ORDER BY id",
        [documentId],
      )) as Array<{ details: string }>;
      const previous = done.map((d) => JSON.parse(d.details) as { key: string; messageId: string; at: string });
      const already = previous.find((d) => d.key === key);
      if (already) return { sent: true, messageId: already.messageId, sentAt: already.at };

      const [doc] = (await ds.query(
        `SELECT d.*, u.name AS unit_name, u.central_email FROM documents d JOIN units u ON u.id = d.unit_id
         WHERE d.id = ?`,
        [documentId],
      )) as Row[];
      if (!doc) throw ApplicationFailure.nonRetryable(`no document ${documentId}`, 'NOT_FOUND');
      if (!doc.file_sha256) throw ApplicationFailure.nonRetryable('the letter has no PDF yet', 'NO_PDF');
      const from = (outbox?.from_address as string | null) ?? (doc.central_email as string | null);
      if (!from) throw ApplicationFailure.nonRetryable('the unit has no central e-mail address', 'NO_CENTRAL_EMAIL');
      const pdf = await deps.files.get(String(doc.file_sha256));
      const number = (doc.number_code as string | null) ?? null;
      const numberText = number ? toThaiDigits(number) : '';
      const messageId = `<${key.replace(/[^A-Za-z0-9.-]/g, '.')}@saraban.${from.split('@')[1] ?? 'local'}>`;
      const message = {
        from: { name: String(doc.unit_name), address: from },
        to: { name: to.name ?? '', address: to.email },
        subject: number ? `ที่ ${numberText} เรื่อง ${String(doc.subject)}` : String(doc.subject),
        messageId,
        text: [
          `เรียน ${to.name ?? ''}`.trim(),
          '',
          `${String(doc.unit_name)} ขอส่งหนังสือ${number ? ` ที่ ${numberText}` : ''} เรื่อง ${String(doc.subject)} มาพร้อมนี้`,
          'หนังสือฉบับนี้ลงลายมือชื่ออิเล็กทรอนิกส์ ต้นฉบับเป็นเอกสารอิเล็กทรอนิกส์ตามไฟล์ PDF ที่แนบ',
          '',
          `${String(doc.unit_name)} (${from})`,
        ].join('\n'),
        attachments: [{ filename: `${(number ?? documentId).replace(/[\\/\s]+/g, '-')}.pdf`, content: pdf }],
        headers: { 'X-Saraban-Document': documentId },
      };
      const attempts = Math.max(1, deps.mailRetries ?? 3);
      let lastError: unknown;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          await deps.mailer.sendMail(message);
          lastError = undefined;
          break;
        } catch (error) {
          lastError = error;
          if (permanent(error)) break;
          if (attempt < attempts) await sleep(500 * 2 ** (attempt - 1));
        }
      }
      if (lastError) {
        if (outbox) {
          await ds.query('UPDATE outbox SET status = ?, attempts = attempts + ?, last_error = ? WHERE id = ?', [
            'failed',
            attempts,
            String((lastError as Error).message ?? lastError).slice(0, 1000),
            outbox.id,
          ]);
        }
        const message = `SMTP: ${(lastError as Error).message ?? String(lastError)}`;
        // A permanent refusal (5xx) stops; anything else fails this attempt and Temporal tries again later.
        if (permanent(lastError)) throw ApplicationFailure.nonRetryable(message, 'SMTP_REFUSED');
        throw ApplicationFailure.retryable(message, 'SMTP_UNAVAILABLE');
      }
      const at = new Date();
      await inTransaction(ds, async (em) => {
        if (outbox) {
          await em.query(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
            [dbTime(at), outbox.id],
          );
          await em.query("UPDATE deliveries SET status = 'delivered', delivered_at = ? WHERE outbox_id = ?", [
            dbTime(at),
            outbox.id,
          ]);
        }
        const sent = `ส่งทางอีเมลกลางถึง ${to.email} ${formatThaiDateTime(at)} น.`;
        const entries = (await em.query(
          "SELECT id, method, remark FROM register_entries WHERE document_id = ? AND register IN ('dispatch', 'circular', 'secret_dispatch')",
          [documentId],
        )) as Row[];
        for (const e of entries) {
          const methods = new Set(
            String(e.method ?? '')
              .split('+')
              .filter(Boolean),
          );
          methods.add('email');
          const remark = [e.remark, sent].filter(Boolean).join(' ').slice(0, 500);
          await em.query('UPDATE register_entries SET method = ?, remark = ? WHERE id = ?', [
            [...methods].sort().join('+').slice(0, 32),
            remark,
            e.id,
          ]);
        }
        await appendAudit(em, {
          at,
          actorUserId: null,
          action: 'document.emailed',
          documentId,
          details: { key, to: to.email, from, messageId, at: at.toISOString(), sha256: doc.file_sha256 },
        });
      });
      return { sent: true, messageId, sentAt: at.toISOString() };
    },
  };
}
