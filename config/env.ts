import { z } from 'zod';

/** Every setting of the system, validated once at start. Documented one by one in `.env.example`. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Where the documents live: `sqlite:<file>` (default `sqlite:data/saraban.sqlite`) or `mysql://user:pass@host:port/db`. */
  DATABASE_URL: z.string().default('sqlite:data/saraban.sqlite'),
  /** An existing Temporal frontend (`host:port`). Unset: `npm start` runs a dev server on 127.0.0.1:7233. */
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  /** The one task queue every workflow and activity runs on. */
  TEMPORAL_TASK_QUEUE: z.string().default('saraban'),
  /** Port of the dev server's web UI (only when `npm start` runs the dev server). */
  TEMPORAL_UI_PORT: z.coerce.number().int().positive().default(8233),
  /** The Temporal UI base address used for links to a document's workflow. */
  TEMPORAL_UI_URL: z.string().default('http://localhost:8233'),
  HOST: z.string().default('0.0.0.0'),
  /** HTTP port of the API, which also serves the web client. */
  PORT: z.coerce.number().int().min(0).default(3000),
  /** Folder for the embedded databases and files. */
  DATA_DIR: z.string().default('data'),
  /** Largest JSON body accepted, in bytes (413 above). Default 1 MiB. */
  JSON_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** Largest uploaded file, in bytes (413 above). Default 20 MiB. */
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** Lifetime of a sign-in session, in seconds. Default 12 hours (one working day). */
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 3600),
  /** Password of every demo user loaded by the seed (demo data only; refused in production). */
  DEMO_PASSWORD: z.string().min(8).default('saraban-demo'),
  /** Load the demo organisation on start when the database has no units. */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Scale of every workflow duration: 1 = real time; tests use e.g. 0.001 so a working day lasts ~30 s. */
  TIME_SCALE: z.coerce.number().positive().default(1),
  /** Chromium used for PDFs and browser tests. */
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** The Garuda emblem of the letters: an SVG file (square viewBox, black line art). Unset: the project's stand-in. */
  GARUDA_SVG_PATH: z.string().optional(),
  /** Chromium pages kept open per worker for rendering letters (letters rendered at once). Default 2. */
  PDF_PAGE_POOL: z.coerce.number().int().min(1).max(16).default(2),
  /** Signing keys: one PKCS#12 file per signer, named <username>.p12. Default data/pki/signers (npm run setup's demo CA). */
  SIGNING_P12_DIR: z.string().default('data/pki/signers'),
  /** Password of the PKCS#12 files; a <username>.p12.pass file beside one overrides it. */
  SIGNING_P12_PASSWORD: z.string().default('saraban-demo-pki'),
  /** PEM file of the certificate authorities whose signatures verification trusts. Default the demo CA. */
  SIGNING_TRUST_ANCHORS: z.string().default('data/pki/ca.crt'),
  /** RFC 3161 time-stamp authority: when set, signatures are PAdES B-T (signature time-stamp), else B-B. */
  TSA_URL: z.string().url().optional(),
  /** Outgoing central e-mail: an SMTP URL for nodemailer (smtp://user:pass@host:587). Unset: e-mail is not sent. */
  SMTP_URL: z.string().optional(),
  /** Attempts per e-mail inside one activity run (Temporal retries the activity beyond that). Default 3. */
  MAIL_RETRIES: z.coerce.number().int().min(1).max(10).default(3),
  /** Port of the SMTP endpoint that receives mail to the units' central addresses. Unset: not started. */
  MAIL_INTAKE_PORT: z.coerce.number().int().min(0).optional(),
  /** Interface the SMTP intake listens on. Default 127.0.0.1 (put a relay in front of it). */
  MAIL_INTAKE_HOST: z.string().default('127.0.0.1'),
  /** JSON file of known senders ([{ email, name }]); mail from anyone else waits for a clerk's review. */
  MAIL_SENDER_DIRECTORY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

/** Reads and validates the environment; throws one readable error listing every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
