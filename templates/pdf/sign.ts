/**
 * PAdES signatures (ETSI EN 319 142-1 baseline B-B, or B-T with a time-stamp authority): a signature field and its
 * /Sig dictionary (SubFilter ETSI.CAdES.detached) are appended as an incremental update, then the CMS over every
 * byte except /Contents is written into the reserved space.
 */
import { createHash, randomBytes } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFRef } from 'pdf-lib';
import { buildCms, timestampRequest, timestampToken, type SigningKey } from './cms';
import { openForUpdate, zeroHex } from './incremental';

/** Who signs, why, and where to get a time-stamp. */
export interface SignOptions {
  key: SigningKey;
  /** The signer's name as the signature dictionary shows it. */
  name: string;
  reason?: string;
  location?: string;
  /** The claimed signing time (/M); default now. */
  signedAt?: Date;
  /** RFC 3161 time-stamp authority: makes the signature B-T. */
  tsaUrl?: string;
}

const PLACEHOLDER = '9999999999';

/** Asks a TSA for a token over `hash` (HTTP POST application/timestamp-query). */
export async function fetchTimestamp(tsaUrl: string, hash: Buffer): Promise<Buffer> {
  const res = await fetch(tsaUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: new Uint8Array(timestampRequest(hash, randomBytes(8))),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`time-stamp authority answered ${res.status}`);
  return timestampToken(Buffer.from(await res.arrayBuffer()));
}

/** Signs `original` and returns the signed file; the original bytes stay a prefix. */
export async function signPdf(original: Buffer, o: SignOptions): Promise<Buffer> {
  const reserve = o.tsaUrl ? 24_576 : 12_288;
  const update = await openForUpdate(original);
  const { doc } = update;
  const context = doc.context;
  const page = doc.getPage(0);
  const sig = PDFDict.withContext(context);
  sig.set(PDFName.of('Type'), PDFName.of('Sig'));
  sig.set(PDFName.of('Filter'), PDFName.of('Adobe.PPKLite'));
  sig.set(PDFName.of('SubFilter'), PDFName.of('ETSI.CAdES.detached'));
  sig.set(PDFName.of('ByteRange'), context.obj([0, Number(PLACEHOLDER), Number(PLACEHOLDER), Number(PLACEHOLDER)]));
  sig.set(PDFName.of('Contents'), zeroHex(reserve));
  sig.set(PDFName.of('M'), PDFString.fromDate(o.signedAt ?? new Date()));
  sig.set(PDFName.of('Name'), PDFHexString.fromText(o.name));
  if (o.reason) sig.set(PDFName.of('Reason'), PDFHexString.fromText(o.reason));
  if (o.location) sig.set(PDFName.of('Location'), PDFHexString.fromText(o.location));
  const sigRef = context.register(sig);
  const form = doc.catalog.getOrCreateAcroForm();
  let fields = form.dict.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (!fields) {
    fields = context.obj([]) as PDFArray;
    form.dict.set(PDFName.of('Fields'), fields);
  }
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    F: 132,
    P: page.ref,
  }) as PDFDict;
  widget.set(PDFName.of('T'), PDFString.of(`Signature${fields.size() + 1}`));
  widget.set(PDFName.of('V'), sigRef);
  const widgetRef: PDFRef = context.register(widget);
  fields.push(widgetRef);
  form.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  page.node.addAnnot(widgetRef);

  const out = update.save();
  const text = out.toString('latin1');
  const byteRangeAt = text.indexOf(`/ByteRange [ 0 ${PLACEHOLDER} ${PLACEHOLDER} ${PLACEHOLDER} ]`, original.length);
  const contentsAt = text.indexOf(`/Contents <${'0'.repeat(64)}`, original.length);
  if (byteRangeAt < 0 || contentsAt < 0) throw new Error('signature placeholders not found');
  const start = contentsAt + '/Contents '.length;
  const end = start + reserve * 2 + 2;
  const range = [0, start, end, out.length - end];
  // Same width as the placeholder: the numbers are padded with spaces, so no offset moves.
  const rangeText = `/ByteRange [ 0 ${range
    .slice(1)
    .map((n) => String(n).padEnd(PLACEHOLDER.length, ' '))
    .join(' ')} ]`;
  out.write(rangeText, byteRangeAt, 'latin1');
  const digest = createHash('sha256').update(out.subarray(0, start)).update(out.subarray(end)).digest();
  const cms = await buildCms(
    digest,
    o.key,
    o.tsaUrl ? (signature) => fetchTimestamp(o.tsaUrl!, createHash('sha256').update(signature).digest()) : undefined,
  );
  if (cms.length > reserve) throw new Error(`signature of ${cms.length} bytes exceeds the ${reserve} reserved`);
  out.write(cms.toString('hex').toUpperCase(), start + 1, 'latin1');
  return out;
}
