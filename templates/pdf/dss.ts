/**
 * The Document Security Store (ISO 32000-2 §12.8.4.3, ETSI EN 319 142-1 PAdES B-LT): the certificates of a signature's
 * chain and the revocation lists that were current when it was made, kept in the file as one more revision, so the
 * signature can be validated years later without asking the authority. The signed bytes stay a prefix.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream } from 'pdf-lib';
import { openForUpdate } from './incremental';

/** What the store holds: DER certificates and DER CRLs. */
export interface ValidationData {
  certificates: Buffer[];
  crls: Buffer[];
}

/** Appends (or extends) the DSS with the certificates and CRLs not already in it; returns the new file. */
export async function addValidationData(signed: Buffer, data: ValidationData): Promise<Buffer> {
  const update = await openForUpdate(signed);
  const { doc } = update;
  const context = doc.context;
  const dss = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict) ?? context.obj({});
  const add = (key: 'Certs' | 'CRLs', items: Buffer[]) => {
    const existing = dss.lookupMaybe(PDFName.of(key), PDFArray);
    const list = existing ?? PDFArray.withContext(context);
    const have = new Set(streamsOf(list).map((b) => b.toString('base64')));
    for (const item of items) {
      if (have.has(item.toString('base64'))) continue;
      have.add(item.toString('base64'));
      list.push(context.register(context.flateStream(item)));
    }
    if (!existing && list.size() > 0) dss.set(PDFName.of(key), list);
  };
  add('Certs', data.certificates);
  add('CRLs', data.crls);
  if (!doc.catalog.has(PDFName.of('DSS'))) doc.catalog.set(PDFName.of('DSS'), context.register(dss));
  return update.save();
}

/** The DSS of a file as it stands (its last revision): certificates and CRLs, DER. */
export async function readValidationData(bytes: Buffer): Promise<ValidationData> {
  const { doc } = await openForUpdate(bytes);
  const dss = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  const list = (key: string) => {
    const array = dss?.lookupMaybe(PDFName.of(key), PDFArray);
    return array ? streamsOf(array) : [];
  };
  return { certificates: list('Certs'), crls: list('CRLs') };
}

function streamsOf(array: PDFArray): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < array.size(); i++) {
    const stream = array.lookup(i);
    if (stream instanceof PDFRawStream) out.push(Buffer.from(decodePDFRawStream(stream).decode()));
  }
  return out;
}

/**
 * The CA certificates of a PEM file (SIGNING_TRUST_ANCHORS) and the CRLs of comma-separated DER or PEM files
 * (SIGNING_CRLS), as DER; files that are missing are skipped, so a system without them signs without a DSS.
 */
export function readValidationFiles(anchorsPath: string, crlPaths: string): ValidationData {
  const pemBlocks = (text: string, label: string) =>
    [...text.matchAll(new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`, 'g'))].map((m) =>
      Buffer.from(m[1].replace(/\s+/g, ''), 'base64'),
    );
  const certificates = existsSync(anchorsPath)
    ? pemBlocks(readFileSync(anchorsPath, 'latin1'), 'CERTIFICATE').filter((der) => new X509Certificate(der).ca)
    : [];
  const crls = crlPaths
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p && existsSync(p))
    .flatMap((p) => {
      const bytes = readFileSync(p);
      const text = bytes.toString('latin1');
      return text.includes('-----BEGIN X509 CRL-----') ? pemBlocks(text, 'X509 CRL') : [bytes];
    });
  return { certificates, crls };
}
