import proxyaddr from 'proxy-addr';
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
  /**
   * Every human task is due this many wall-clock seconds after it opens (tests and demos). Unset (the default): the
   * due time comes from the urgency on the working-day calendar (domain computeDueAt).
   */
  TASK_DUE_SECONDS: z.coerce.number().positive().optional(),
  /** Escalation ladder, step 1: remind the holder this many seconds after the due time. Default 0 (at the due time). */
  ESCALATION_REMIND_AFTER_SECONDS: z.coerce.number().min(0).default(0),
  /** Step 2: flag the task overdue for the holder's supervisor, seconds after the due time. Default one working day. */
  ESCALATION_FLAG_AFTER_SECONDS: z.coerce
    .number()
    .min(0)
    .default(8 * 3600),
  /** Step 3: move the task to the acting or superior official, seconds after the due time. Default two working days. */
  ESCALATION_MOVE_AFTER_SECONDS: z.coerce
    .number()
    .min(0)
    .default(16 * 3600),
  /** Count the ladder in working time (office hours, no weekends or holidays) or, with false, in wall-clock time. */
  ESCALATION_WORKING_TIME: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** GET /api/supervisor/overdue also lists tasks falling due within this many seconds. Default 2 hours. */
  DUE_SOON_SECONDS: z.coerce.number().min(0).default(7200),
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
  /** Absolute lifetime of a sign-in session, in seconds, however active (see SESSION_IDLE_SECONDS). Default 12 hours. */
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
  /**
   * Certificate revocation lists (DER or PEM files, comma-separated) put with the CA chain into each time-stamped
   * letter's DSS, making it PAdES B-LT; missing files are skipped. Default the demo CA's (npm run demo-pki).
   */
  SIGNING_CRLS: z.string().default('data/pki/ca.crl'),
  /** Outgoing central e-mail: an SMTP URL for nodemailer (smtp://user:pass@host:587). Unset: e-mail is not sent. */
  SMTP_URL: z.string().optional(),
  /** Attempts per e-mail inside one activity run (Temporal retries the activity beyond that). Default 3. */
  MAIL_RETRIES: z.coerce.number().int().min(1).max(10).default(3),
  /** Port of the SMTP endpoint that receives mail to the units' central addresses. Unset: not started. */
  MAIL_INTAKE_PORT: z.coerce.number().int().min(0).optional(),
  /** Interface the SMTP intake listens on. Default 127.0.0.1 (put a relay in front of it). */
  MAIL_INTAKE_HOST: z.string().default('127.0.0.1'),
  /**
   * JSON file of known senders ([{ email, name }]), an extra source beside the directory of outside bodies (which wins
   * over it); mail from anyone else waits for a clerk's review.
   */
  MAIL_SENDER_DIRECTORY: z.string().optional(),
  /**
   * A held message accepted this long ago, in seconds, with no document yet (the API stopped between the decision and
   * the registration) shows in the review list again as "registration not finished", for a clerk to finish. Default 120.
   */
  MAIL_REGISTRATION_GRACE_SECONDS: z.coerce.number().min(0).default(120),
  /** Sessions end this long after their last use, in seconds (sliding). Default 1 hour. */
  SESSION_IDLE_SECONDS: z.coerce.number().int().positive().default(3600),
  /** Failed sign-ins of one username before it is locked for a while (doubling each time). Default 5. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  /** Failed sign-ins from one IP address before it is locked for a while (an office behind NAT shares one). Default 100. */
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(100),
  /** The first lock after too many failures, in seconds; each further lock doubles it, up to 1 hour. Default 60. */
  LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).default(60),
  /**
   * Requests per minute one address may make to /api **before sign-in** (sign-in, the OIDC callback, the public
   * endpoints, requests without a valid session); signed-in requests count against their user only. Default 1200.
   */
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  /**
   * Points one signed-in user may spend per minute on /api (one a request; POST /api/tasks/bulk one per task). Above
   * it the user's burst reserve pays. Default 600.
   */
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * A signed-in user's burst reserve: extra points per 10 minutes, spent only once the minute's budget is gone, so a
   * clerk's bulk work (300 registrations and 300 closes in a minute or two) goes through. 0: none. Default 1200.
   */
  RATE_LIMIT_USER_BURST: z.coerce.number().int().min(0).default(1200),
  /**
   * Redis for the rate limits and sign-in failure counters every API replica shares (`redis://host:6379/0`).
   * Empty (the embedded default): they live in this process. When Redis does not answer, each process counts on
   * its own until it is back (docs/security.md); it never causes a 5xx.
   */
  REDIS_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .refine((v) => v === undefined || /^rediss?:\/\//.test(v), 'a redis:// or rediss:// URL'),
  /** Prefix of every Redis key of this system, so several systems (or tests) can share one Redis. */
  REDIS_KEY_PREFIX: z.string().max(100).default('saraban:'),
  /**
   * The reverse proxies whose X-Forwarded-For / -Proto / -Host are believed: addresses or CIDRs, comma-separated
   * (`10.0.0.5,10.1.0.0/16`), or `loopback`, `linklocal`, `uniquelocal`. The client address is the right-most one in
   * X-Forwarded-For that is not a trusted proxy. A request from any other peer has those headers ignored. Default none.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .refine(compilesAsTrust, 'addresses or CIDRs (or loopback, linklocal, uniquelocal), comma-separated'),
  /** Deprecated alias: true means TRUSTED_PROXIES also holds `loopback` (a proxy on this machine). Default false. */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Origins allowed to call the API from a browser, comma-separated (CORS). Default none: same origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /**
   * AES-256-GCM key for the files of ลับ/ลับมาก documents: 32 bytes in base64. Unset: a key is generated once into
   * `DATA_DIR/file-encryption.key` (embedded default only; required in production).
   */
  FILE_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, '32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  /** OpenID Connect sign-in: the issuer URL of the identity provider. Unset: OIDC is off. */
  OIDC_ISSUER: z.string().url().optional(),
  /** OpenID Connect client id registered at the identity provider. */
  OIDC_CLIENT_ID: z.string().optional(),
  /** OpenID Connect client secret (confidential client). */
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** Where the identity provider sends the browser back: `<public URL>/api/auth/oidc/callback`. */
  OIDC_REDIRECT_URI: z.string().url().optional(),
  /** The ID-token claim that holds our username. Default `preferred_username`. */
  OIDC_USERNAME_CLAIM: z.string().default('preferred_username'),
  /** Scopes asked of the identity provider. */
  OIDC_SCOPES: z.string().default('openid profile email'),
  /** host:port where the Temporal SDK serves its own Prometheus metrics (worker side); GET /metrics includes them. */
  TEMPORAL_METRICS_BIND: z.string().optional(),
  /** Bearer token that GET /metrics requires; unset: /metrics is open (keep it on an internal network). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Circulars: recipient units per batch workflow of the fan-out (each batch is a child workflow). Default 50. */
  CIRCULAR_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50),
  /** Circulars: seconds after delivery before the first reminder to units that have not acknowledged. Default 2 days. */
  CIRCULAR_REMIND_AFTER_SECONDS: z.coerce
    .number()
    .positive()
    .default(2 * 86400),
  /** Circulars: seconds between further reminders. Default 1 day. */
  CIRCULAR_REMIND_EVERY_SECONDS: z.coerce.number().positive().default(86400),
  /** Circulars: reminders before the laggard unit's head gets an acknowledge task of their own. Default 2. */
  CIRCULAR_MAX_REMINDERS: z.coerce.number().int().min(0).max(20).default(2),
  /** Circulars: seconds after delivery when tracking ends and the rest are recorded as not acknowledged. Default 30 days. */
  CIRCULAR_CLOSE_AFTER_SECONDS: z.coerce
    .number()
    .positive()
    .default(30 * 86400),
  /** Circulars: history events after which a batch workflow continues as new (Temporal also suggests it). Default 5000. */
  CIRCULAR_CONTINUE_AS_NEW_EVENTS: z.coerce.number().int().min(100).default(5000),
  /**
   * The name of this process in GET /api/health (`instance`) and its log lines, e.g. `api-1`. Default
   * `<hostname>:<pid>`. `npm run start:cluster` names each replica.
   */
  INSTANCE_NAME: z.string().min(1).max(100).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

/** Whether proxy-addr accepts the list (it throws on a bad address or CIDR). */
function compilesAsTrust(list: string[]): boolean {
  try {
    proxyaddr.compile(list);
    return true;
  } catch {
    return false;
  }
}

/** Reads and validates the environment; throws one readable error listing every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
