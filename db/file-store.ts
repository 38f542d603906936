import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DataSource } from 'typeorm';
import { dbTime } from './time';

/** Where the store keeps its files, and the key for the ones it encrypts. */
export interface FileStoreOptions {
  ds: DataSource;
  dir: string;
  /** AES-256 key in base64 (FILE_ENCRYPTION_KEY); unset: read from, or generated once into, `keyFile`. */
  encryptionKey?: string;
  /** Default: `file-encryption.key` beside `dir` (DATA_DIR), created with mode 0600. */
  keyFile?: string;
}

/** An encrypted file: 'SRB1', a 12-byte IV, the 16-byte GCM tag, then the ciphertext. */
const MAGIC = Buffer.from('SRB1');

/**
 * Files stored by content: the name is the SHA-256 of the bytes, so the same bytes are kept once and never
 * overwritten. Files of ลับ/ลับมาก documents are stored encrypted (`put(…, { encrypt: true })`) with AES-256-GCM
 * under `<sha256>.enc`, the SHA-256 bound in as associated data; `get` decrypts them transparently.
 */
export function createFileStore({ ds, dir, encryptionKey, keyFile }: FileStoreOptions) {
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);
  let key: Buffer | undefined;
  const keyOf = () => {
    // N processes generating keys of their own would not read each other's files: production must configure one.
    if (!encryptionKey && process.env.NODE_ENV === 'production')
      throw new Error('FILE_ENCRYPTION_KEY is required in production (docs/security.md)');
    return (key ??= loadOrCreateKey(encryptionKey, keyFile ?? join(dirname(dir), 'file-encryption.key')));
  };
  return {
    /**
     * Writes the bytes (atomically, through a temporary name) and records them; returns their SHA-256. With `em` the
     * record is written in that transaction, so a file a transaction decides to keep is recorded with its decision.
     */
    async put(
      bytes: Buffer,
      mediaType: string,
      options: { encrypt?: boolean; em?: Pick<DataSource, 'query'> } = {},
    ): Promise<string> {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const path = options.encrypt ? `${pathOf(sha256)}.enc` : pathOf(sha256);
      const exists = await stat(path).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
        // A random name of its own: two writers of the same bytes in the same millisecond (a message delivered twice
        // at once) must not share a temporary file, or the second rename finds it gone.
        const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
        await writeFile(tmp, options.encrypt ? encrypt(bytes, keyOf(), sha256) : bytes, { mode: 0o600 });
        await rename(tmp, path);
      }
      const mysql = ds.options.type === 'mysql';
      await (options.em ?? ds).query(
        `${mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO files (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)`,
        [sha256, bytes.length, mediaType, dbTime(new Date())],
      );
      return sha256;
    },
    /** The bytes of a stored file (decrypted when it was stored encrypted). */
    async get(sha256: string): Promise<Buffer> {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
      const sealed = await readFile(`${pathOf(sha256)}.enc`).catch(() => undefined);
      if (sealed) return decrypt(sealed, keyOf(), sha256);
      return readFile(pathOf(sha256));
    },
    /** True when the file is kept encrypted at rest. */
    isEncrypted(sha256: string): boolean {
      return /^[0-9a-f]{64}$/.test(sha256) && existsSync(`${pathOf(sha256)}.enc`);
    },
  };
}

/** The content-addressed file store of a process. */
export type FileStore = ReturnType<typeof createFileStore>;

function encrypt(bytes: Buffer, key: Buffer, sha256: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(sha256));
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
}

function decrypt(sealed: Buffer, key: Buffer, sha256: string): Buffer {
  if (!sealed.subarray(0, 4).equals(MAGIC)) throw new Error('not an encrypted file of this store');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(4, 16));
  decipher.setAAD(Buffer.from(sha256));
  decipher.setAuthTag(sealed.subarray(16, 32));
  const bytes = Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]);
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new Error('file content does not match');
  return bytes;
}

/** The configured key, else the one in the key file, else a new one written there (mode 0600, never overwritten). */
export function loadOrCreateKey(configured: string | undefined, keyFile: string): Buffer {
  const parse = (text: string, from: string) => {
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== 32) throw new Error(`${from}: the file encryption key must be 32 bytes in base64`);
    return key;
  };
  if (configured) return parse(configured, 'FILE_ENCRYPTION_KEY');
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    try {
      writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error; // another process wrote it first
    }
  }
  return parse(readFileSync(keyFile, 'utf8'), keyFile);
}
