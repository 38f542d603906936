import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { Env } from '../config/env';
import { createFileStore } from '../db/file-store';
import { createPdfRenderer } from '../templates/pdf-renderer';
import { readValidationFiles } from '../templates/pdf/dss';
import { createKeyStore } from '../templates/pdf/keys';
import type { LetterActivityDeps } from './letters';
import type { MailActivityDeps } from './mail';

/**
 * The services the letter and mail activities use, built once by a worker's composition root (scripts/lib/system.ts,
 * worker/main.ts) from the environment: the file store, one Chromium with its page pool (started on the first letter,
 * not here), the emblem, the signing keys and the central e-mail's SMTP transport. `close()` stops Chromium; call it after the worker has stopped.
 */
export function createLetterServices(
  env: Env,
  ds: DataSource,
  log?: { warn(obj: unknown, msg?: string): void },
): { deps: Omit<LetterActivityDeps, 'ds'> & Omit<MailActivityDeps, 'ds'>; close(): Promise<void> } {
  const renderer = createPdfRenderer({ chromiumPath: env.CHROMIUM_PATH, pages: env.PDF_PAGE_POOL, log });
  // The central e-mail's SMTP transport (pooled connections); no transport, no e-mail.
  const mailer = env.SMTP_URL ? nodemailer.createTransport(env.SMTP_URL) : undefined;
  return {
    deps: {
      files: createFileStore({ ds, dir: join(env.DATA_DIR, 'files'), encryptionKey: env.FILE_ENCRYPTION_KEY }),
      renderer,
      ...(env.GARUDA_SVG_PATH ? { emblemPath: env.GARUDA_SVG_PATH } : {}),
      keys: createKeyStore({ dir: env.SIGNING_P12_DIR, password: env.SIGNING_P12_PASSWORD }),
      ...(env.TSA_URL ? { tsaUrl: env.TSA_URL } : {}),
      validationData: () => readValidationFiles(env.SIGNING_TRUST_ANCHORS, env.SIGNING_CRLS),
      ...(mailer ? { mailer, mailRetries: env.MAIL_RETRIES } : {}),
    },
    close: async () => {
      mailer?.close();
      await renderer.close();
    },
  };
}
