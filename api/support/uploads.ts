import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';

/** A file as JSON bodies carry it. */
export interface UploadedFile {
  name: string;
  contentBase64: string;
}

/**
 * Stores an uploaded PDF by its SHA-256 after checking it by content (a PDF must start `%PDF-`, 415 otherwise) and
 * size (413); a ลับ/ลับมาก document's file is encrypted at rest (db/file-store.ts).
 */
export async function storePdf(
  deps: Pick<ApiDeps, 'env' | 'files'>,
  file: UploadedFile,
  encrypt: boolean,
): Promise<{ sha256: string; name: string }> {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  if (bytes.length > deps.env.UPLOAD_LIMIT_BYTES) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', 'File too large');
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The file must be a PDF (ไฟล์ต้องเป็น PDF)');
  }
  return { sha256: await deps.files.put(bytes, 'application/pdf', { encrypt }), name: file.name };
}
