import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/**
 * The settings of `npm run start:cluster`, beside the application's own (config/env.ts), validated once at start and
 * documented in `.env.cluster.example`. Every port is configurable, and the defaults sit off `npm start`'s (3000,
 * 7233, 8233), so the cluster can run beside it.
 */
const clusterSchema = z.object({
  /** Port of the reverse proxy (nginx): the address users open. Default 8080. */
  PORT: port(8080),
  /** Ports of the API replicas behind the proxy, comma-separated (two). Default 3101,3102. */
  CLUSTER_API_PORTS: z
    .string()
    .default('3101,3102')
    .transform((v) => v.split(',').map((p) => Number(p.trim())))
    .refine((ports) => ports.length === 2 && ports.every((p) => Number.isInteger(p) && p > 0 && p < 65536), {
      message: 'two ports, e.g. 3101,3102',
    }),
  /** Worker processes. Default 2. */
  CLUSTER_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  /**
   * First port of the Temporal server; it uses this one (frontend gRPC) and the next 20. Default 17233. At most
   * 32700: Temporal keeps its membership ports (base + 11…14) in a PostgreSQL smallint.
   */
  TEMPORAL_PORT_BASE: z.coerce.number().int().min(1024).max(32700).default(17233),
  /** Port of the Temporal UI. Default 8333. */
  TEMPORAL_UI_PORT: port(8333),
  /** Port of the SMTP endpoint of the units' central addresses (the mail intake process). Default 2525. */
  MAIL_INTAKE_PORT: port(2525),
  /** The application database: MySQL 8 or MariaDB (created when missing). Default the machine's MariaDB. */
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb):\/\//, 'the cluster keeps its documents in MySQL 8 / MariaDB: mysql://user:pass@host/db')
    .default('mysql://root@127.0.0.1:3306/saraban_cluster'),
  /** Temporal's PostgreSQL: host, port, the role Temporal connects as (made, with CREATEDB, when missing). */
  TEMPORAL_DB_HOST: z.string().default('127.0.0.1'),
  TEMPORAL_DB_PORT: port(5432),
  TEMPORAL_DB_USER: z.string().default('temporal'),
  TEMPORAL_DB_PASSWORD: z.string().default('temporal'),
  /** Temporal's two databases. Default temporal and temporal_visibility. */
  TEMPORAL_DB_NAME: z.string().regex(/^\w+$/).default('temporal'),
  TEMPORAL_VISIBILITY_DB_NAME: z.string().regex(/^\w+$/).default('temporal_visibility'),
  /** A PostgreSQL superuser that may create Temporal's role when it is missing. Default postgres (trust on localhost). */
  TEMPORAL_DB_ADMIN_USER: z.string().default('postgres'),
  /** Redis, shared by the API replicas for rate limits and sign-in failures. Default the machine's. */
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  REDIS_KEY_PREFIX: z.string().default('saraban-cluster:'),
  /** The folder the replicas share: the file store (PDFs, attachments) and the file encryption key. */
  DATA_DIR: z.string().default('data/cluster'),
  /** Load the demo organisation into an empty database (demo users sign in; refused when NODE_ENV=production). */
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

/** The validated settings of one cluster. */
export type ClusterSettings = z.infer<typeof clusterSchema>;

/** Reads and validates the cluster's settings; throws one readable error listing every bad variable. */
export function loadClusterSettings(source: NodeJS.ProcessEnv = process.env): ClusterSettings {
  const parsed = clusterSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid cluster configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
