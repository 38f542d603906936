import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Logger } from 'pino';
import { isUniqueViolation } from '../db/errors';
import type { FileStore } from '../db/file-store';
import { holdMail, isHeld } from '../db/held-mail';
import { activeSenderNames } from '../db/outside-bodies';
import { inTransaction } from '../db/transaction';
import { registerMailLetter, unitClerk, type LetterRegistrationDeps, type MailLetter } from './register-letter';

/** What the intake needs: what registering a letter needs, the file store for the messages' PDFs, a logger. */
export interface MailIntakeDeps extends LetterRegistrationDeps {
  files: FileStore;
  log: Logger;
}

/** A known sender of official mail: its address and the name registered as the sender. */
export interface KnownSender {
  email: string;
  name: string;
}

/**
 * The senders whose letters are registered at once, by address (lower case) → the name registered as the sender:
 * the file MAIL_SENDER_DIRECTORY names (an extra source), then the active entries of the directory of outside bodies
 * that the administrator keeps (they win over the file), then every BMA unit's own central address.
 */
export async function loadSenderDirectory(deps: MailIntakeDeps, path?: string): Promise<Map<string, string>> {
  const senders = new Map<string, string>();
  if (path) {
    for (const s of JSON.parse(readFileSync(path, 'utf8')) as KnownSender[]) senders.set(s.email.toLowerCase(), s.name);
  }
  for (const [email, name] of await activeSenderNames(deps.ds)) senders.set(email, name);
  const units = (await deps.ds.query(
    'SELECT name, central_email FROM units WHERE central_email IS NOT NULL',
  )) as Array<{
    name: string;
    central_email: string;
  }>;
  for (const u of units) senders.set(u.central_email.toLowerCase(), u.name);
  return senders;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * Receives what a unit's saraban@ address is sent (an SMTP endpoint behind the organisation's mail relay): a letter
 * from a known sender (loadSenderDirectory) is registered as an incoming document with its PDFs at once; anyone else's waits
 * for the unit's clerk (GET /api/mail/review), held with its bytes and audited. Mail to an address that is no unit's
 * central address is refused (550); a failure to register answers 451 so the relay tries again.
 */
export async function startMailIntake(
  deps: MailIntakeDeps,
  o: { port: number; host: string; directoryPath?: string },
): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: deps.env.UPLOAD_LIMIT_BYTES * 2,
    banner: 'e-Saraban central mail intake',
    logger: false,
    onRcptTo(address, _session, callback) {
      deps.ds
        .query('SELECT id FROM units WHERE LOWER(central_email) = ?', [address.address.toLowerCase()])
        .then((rows: unknown[]) =>
          rows.length > 0 ? callback() : callback(smtpError(550, `${address.address}: no such central address`)),
        )
        .catch(() => callback(smtpError(451, 'temporary failure, try again')));
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(552, 'message too large'));
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        receive(deps, Buffer.concat(chunks), recipients, o.directoryPath).then(
          () => callback(),
          (error: unknown) => {
            deps.log.error({ err: error }, 'mail intake failed');
            callback(smtpError(451, 'temporary failure, try again'));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  server.on('error', (error) => deps.log.warn({ err: error }, 'mail intake error'));
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const firstAddress = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a[0] : a)?.value[0]?.address?.toLowerCase() ?? '';

/** Parses one message and registers (or holds) it for every unit it was sent to. */
async function receive(deps: MailIntakeDeps, raw: Buffer, recipients: string[], directoryPath?: string): Promise<void> {
  const mail = await simpleParser(raw);
  const from = firstAddress(mail.from);
  const senders = await loadSenderDirectory(deps, directoryPath);
  const pdfs: MailLetter['pdfs'] = [];
  for (const a of mail.attachments) {
    const isPdf = a.contentType === 'application/pdf' || a.content.subarray(0, 5).toString('latin1') === '%PDF-';
    if (isPdf && a.content.subarray(0, 1024).includes('%PDF-'))
      pdfs.push({ name: a.filename ?? 'attachment.pdf', sha256: await deps.files.put(a.content, 'application/pdf') });
  }
  const messageId = mail.messageId ?? `sha256:${(await deps.files.put(raw, 'message/rfc822')).slice(0, 32)}`;
  for (const rcpt of recipients) {
    const [unit] = (await deps.ds.query('SELECT id FROM units WHERE LOWER(central_email) = ?', [rcpt])) as Array<{
      id: string;
    }>;
    if (!unit) continue;
    const letter: MailLetter = {
      unitId: unit.id,
      from,
      senderName: senders.get(from) ?? from,
      subject: (mail.subject ?? '').trim(),
      receivedAt: new Date(),
      messageId,
      pdfs,
    };
    const clerk = senders.has(from) ? await unitClerk(deps, unit.id) : undefined;
    if (clerk) {
      await registerMailLetter(deps, letter, clerk);
      continue;
    }
    // Unknown sender (or a unit without a clerk): held for a clerk's decision, never numbered automatically. A
    // redelivery (the relay retrying after a lost answer) is found by the unique key, also when two deliveries race.
    const rawSha256 = await deps.files.put(raw, 'message/rfc822');
    if (await isHeld(deps.ds, rawSha256, unit.id)) continue;
    await inTransaction(deps.ds, (em) => holdMail(em, { ...letter, rawSha256 })).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });
  }
}
