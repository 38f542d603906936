import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { dbTime } from './time';

/** Files stored by content: the name is the SHA-256, so the same bytes are kept once and never overwritten. */
export function createFileStore({ ds, dir }: { ds: DataSource; dir: string }) {
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);
  return {
    /** Writes the bytes (atomically, through a temporary name) and records them; returns their SHA-256. */
    async put(bytes: Buffer, mediaType: string): Promise<string> {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const path = pathOf(sha256);
      const exists = await stat(path).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
        const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(tmp, bytes);
        await rename(tmp, path);
      }
      const mysql = ds.options.type === 'mysql';
      await ds.query(
        `${mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO files (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)`,
        [sha256, bytes.length, mediaType, dbTime(new Date())],
      );
      return sha256;
    },
    get(sha256: string): Promise<Buffer> {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
      return readFile(pathOf(sha256));
    },
  };
}

/** The content-addressed file store of a process. */
export type FileStore = ReturnType<typeof createFileStore>;
