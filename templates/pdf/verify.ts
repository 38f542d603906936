/**
 * Verification of the PDF signatures in a file, without trusting the file: each /ByteRange is hashed, the CMS
 * message digest and signature are checked against the signer's certificate, the ESS signing-certificate-v2 binding
 * and a signature time-stamp (B-T) when present, the chain against the configured trust anchors, and whether the
 * signature covers the whole file or later revisions were appended (a receipt stamp, a second signature).
 */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { OID, octetsOf, parseCms, readTimestampToken, type ParsedCms } from './cms';

type Asn1 = forge.asn1.Asn1;

/** One signature as verification sees it. */
export interface SignatureReport {
  /** The field's place in the file: 1 for the first signature. */
  index: number;
  signer: { commonName?: string; subject: string; issuer: string; serialNumber: string } | null;
  /** The claimed signing time (/M), ISO. */
  signedAt?: string;
  /** The time-stamp authority's time (B-T), ISO. */
  timestampedAt?: string;
  /** B-LT: a time-stamped signature whose chain and CRLs were added after it in a DSS (templates/pdf/dss.ts). */
  level: 'PAdES-B-B' | 'PAdES-B-T' | 'PAdES-B-LT' | 'PKCS7';
  subFilter?: string;
  /** The signed bytes are exactly what was signed: digest and signature verify. */
  intact: boolean;
  /** The signature covers the file to its end (no revision appended after it). */
  coversWholeDocument: boolean;
  /** The certificate chains to a trust anchor and was valid at the signing time. */
  trusted: boolean;
  problems: string[];
}

/** The whole report. */
export interface VerificationReport {
  signatures: SignatureReport[];
  /** Revisions in the file (%%EOF markers). */
  revisions: number;
  /** Every signature is intact (false when there is none). */
  valid: boolean;
}

const cn = (subject: string) => /(?:^|\n)CN=([^\n]+)/.exec(subject)?.[1];

function pdfDate(text: string | undefined): string | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(text ?? '');
  if (!m) return undefined;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  const iso = `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${zone}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Reads trust anchors from PEM text (one or more certificates). */
export function trustAnchorsFromPem(pem: string): X509Certificate[] {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
    (block) => new X509Certificate(block),
  );
}

function chainTrusted(cms: ParsedCms, anchors: X509Certificate[], at: Date): string | null {
  let cert = cms.signer!;
  for (let depth = 0; depth < 8; depth++) {
    if (at < new Date(cert.validFrom) || at > new Date(cert.validTo))
      return `certificate not valid at ${at.toISOString()}`;
    const anchor = anchors.find((a) => cert.checkIssued(a) && cert.verify(a.publicKey));
    if (anchor) return null;
    const parent = cms.certificates.find((c) => c !== cert && cert.checkIssued(c) && cert.verify(c.publicKey));
    if (!parent) return 'the certificate does not chain to a trusted authority';
    cert = parent;
  }
  return 'certificate chain too long';
}

function verifyOne(bytes: Buffer, range: number[], index: number, anchors: X509Certificate[]): SignatureReport {
  const [a, b, c, d] = range;
  const problems: string[] = [];
  const report: SignatureReport = {
    index,
    signer: null,
    level: 'PKCS7',
    intact: false,
    coversWholeDocument: false,
    trusted: false,
    problems,
  };
  if (a !== 0 || b <= 0 || c <= b || c + d > bytes.length || bytes[b] !== 0x3c || bytes[c - 1] !== 0x3e) {
    problems.push('malformed /ByteRange');
    return report;
  }
  const dict = bytes.subarray(Math.max(0, b - 4096), b).toString('latin1');
  const after = bytes.subarray(c, Math.min(bytes.length, c + 4096)).toString('latin1');
  const around = dict.slice(dict.lastIndexOf('<<')) + after.slice(0, after.indexOf('>>') + 2);
  report.subFilter = /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(around)?.[1];
  report.signedAt = pdfDate(/\/M\s*\((D:[^)]*)\)/.exec(around)?.[1]);
  // The end: the signed range stops at a %%EOF followed by nothing but line ends.
  report.coversWholeDocument =
    bytes
      .subarray(c + d)
      .toString('latin1')
      .trim() === '';
  let cms: ParsedCms;
  try {
    cms = parseCms(
      Buffer.from(
        bytes
          .subarray(b + 1, c - 1)
          .toString('latin1')
          .replace(/\s+/g, ''),
        'hex',
      ),
    );
  } catch (error) {
    problems.push(`unreadable CMS: ${(error as Error).message}`);
    return report;
  }
  if (!cms.signer) {
    problems.push('the signer’s certificate is not in the signature');
    return report;
  }
  const s = cms.signer;
  report.signer = { commonName: cn(s.subject), subject: s.subject, issuer: s.issuer, serialNumber: s.serialNumber };
  if (cms.digestAlgorithm !== OID.sha256) problems.push(`digest algorithm ${cms.digestAlgorithm} is not SHA-256`);
  const digest = createHash('sha256')
    .update(bytes.subarray(a, a + b))
    .update(bytes.subarray(c, c + d))
    .digest();
  const messageDigest = cms.attributes.get(OID.messageDigest)?.[0];
  const digestOk = Boolean(messageDigest && octetsOf(messageDigest).equals(digest));
  if (!digestOk) problems.push('the document was changed after signing (message digest mismatch)');
  const signatureOk = cryptoVerify('sha256', cms.signedAttributes, s.publicKey, cms.signature);
  if (!signatureOk) problems.push('the signature value does not verify');
  report.intact = digestOk && signatureOk;
  const essCert = cms.attributes.get(OID.signingCertificateV2)?.[0];
  if (essCert && !essCertHash(essCert)?.equals(createHash('sha256').update(s.raw).digest())) {
    problems.push('signing-certificate-v2 does not name the signer');
  }
  if (report.subFilter === 'ETSI.CAdES.detached' && essCert && !cms.attributes.has(OID.signingTime)) {
    report.level = 'PAdES-B-B';
  }
  const tst = cms.unsignedAttributes.get(OID.signatureTimeStampToken)?.[0];
  if (tst) {
    try {
      const token = readTimestampToken(tst);
      const expected = createHash('sha256').update(cms.signature).digest();
      const tsaOk =
        token.imprint.equals(expected) &&
        token.cms.signer !== undefined &&
        cryptoVerify('sha256', token.cms.signedAttributes, token.cms.signer.publicKey, token.cms.signature);
      if (tsaOk) {
        report.timestampedAt = token.genTime.toISOString();
        if (report.level === 'PAdES-B-B') report.level = hasDssAfter(bytes, c + d) ? 'PAdES-B-LT' : 'PAdES-B-T';
      } else problems.push('the signature time-stamp does not verify');
    } catch (error) {
      problems.push(`unreadable time-stamp: ${(error as Error).message}`);
    }
  }
  const at = new Date(report.timestampedAt ?? report.signedAt ?? Date.now());
  const chainProblem = chainTrusted(cms, anchors, at);
  if (chainProblem) problems.push(chainProblem);
  report.trusted = report.intact && !chainProblem;
  return report;
}

/** A Document Security Store in a revision after the signed range: the catalog names /DSS there. */
function hasDssAfter(bytes: Buffer, end: number): boolean {
  return /\/DSS\s*(\d+\s+\d+\s+R|<<)/.test(bytes.subarray(end).toString('latin1'));
}

/** The certHash of the first ESSCertIDv2 of a signing-certificate-v2 attribute value. */
function essCertHash(value: Asn1): Buffer | undefined {
  const certs = (value.value as Asn1[])[0]?.value as Asn1[] | undefined;
  const first = certs?.[0]?.value as Asn1[] | undefined;
  const hash = first?.find((n) => n.tagClass === forge.asn1.Class.UNIVERSAL && n.type === forge.asn1.Type.OCTETSTRING);
  return hash ? octetsOf(hash) : undefined;
}

/** Finds and verifies every signature of a PDF. */
export function verifyPdf(bytes: Buffer, anchors: X509Certificate[]): VerificationReport {
  const text = bytes.toString('latin1');
  const signatures: SignatureReport[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const range = m.slice(1, 5).map(Number);
    if (seen.has(range.join(' '))) continue;
    seen.add(range.join(' '));
    signatures.push(verifyOne(bytes, range, signatures.length + 1, anchors));
  }
  const revisions = (text.match(/%%EOF/g) ?? []).length;
  return { signatures, revisions, valid: signatures.length > 0 && signatures.every((s) => s.intact) };
}
