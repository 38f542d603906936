/**
 * CMS SignedData (RFC 5652) for PAdES baseline signatures (ETSI EN 319 142-1): detached, SHA-256, signed attributes
 * content-type, message-digest and ESS signing-certificate-v2, no signing-time (PAdES puts the claimed time in the
 * signature dictionary's /M); an optional signature time-stamp token as unsigned attribute makes it B-T. ASN.1 by
 * node-forge; the signature itself by node:crypto (RSA PKCS#1 v1.5 or ECDSA).
 */
import { createHash, sign as cryptoSign, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

/** OIDs used here. */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
} as const;

const bin = (buffer: Buffer) => buffer.toString('binary');
const buf = (binary: string) => Buffer.from(binary, 'binary');
const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;
export const der = (node: Asn1): Buffer => buf(asn1.toDer(node).getBytes());
export const parseDer = (bytes: Buffer): Asn1 =>
  asn1.fromDer(bin(bytes), { parseAllBytes: false, strict: false } as never);
const seq = (...value: Asn1[]) => asn1.create(U, T.SEQUENCE, true, value);
const set = (...value: Asn1[]) => asn1.create(U, T.SET, true, value);
const oid = (id: string) => asn1.create(U, T.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: Buffer) => asn1.create(U, T.OCTETSTRING, false, bin(bytes));
const integer = (n: number) => asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const nul = () => asn1.create(U, T.NULL, false, '');
const algorithm = (id: string, withNull = true) => (withNull ? seq(oid(id), nul()) : seq(oid(id)));
const attribute = (type: string, ...values: Asn1[]) => seq(oid(type), set(...values));

/** The parts of a certificate a signer info names: issuer Name and serial number (as ASN.1 nodes). */
export function certificateIds(certificate: Buffer): { issuer: Asn1; serial: Asn1 } {
  const tbs = (parseDer(certificate).value as Asn1[])[0].value as Asn1[];
  const offset = tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { serial: tbs[offset], issuer: tbs[offset + 2] };
}

/** The DER of the signed attributes as they are signed: a SET OF (tag 0x31), not the [0] IMPLICIT of the SignerInfo. */
function signedAttributes(digest: Buffer, certificate: Buffer): Asn1[] {
  const { issuer, serial } = certificateIds(certificate);
  // ESSCertIDv2 with the default hash algorithm (SHA-256) omitted, and the issuer serial for an exact match.
  const issuerSerial = seq(seq(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 4, true, [issuer])), serial);
  const certId = seq(octets(createHash('sha256').update(certificate).digest()), issuerSerial);
  return [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(digest)),
    attribute(OID.signingCertificateV2, seq(seq(certId))),
  ];
}

/** What signing needs: the key, the signer's certificate and the chain above it (DER). */
export interface SigningKey {
  privateKey: KeyObject;
  certificate: Buffer;
  chain: Buffer[];
}

/**
 * A detached CMS SignedData over `digest` (SHA-256 of the PDF's byte ranges). `timestamp`, when given, fetches a
 * time-stamp token over the signature value (B-T).
 */
export async function buildCms(
  digest: Buffer,
  key: SigningKey,
  timestamp?: (signatureValue: Buffer) => Promise<Buffer>,
): Promise<Buffer> {
  const attrs = signedAttributes(digest, key.certificate);
  const toSign = der(set(...attrs));
  const ec = key.privateKey.asymmetricKeyType === 'ec';
  const signature = cryptoSign('sha256', toSign, key.privateKey);
  const { issuer, serial } = certificateIds(key.certificate);
  const signerInfo: Asn1[] = [
    integer(1),
    seq(issuer, serial),
    algorithm(OID.sha256),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attrs),
    ec ? algorithm(OID.ecdsaWithSha256, false) : algorithm(OID.sha256WithRSA),
    octets(signature),
  ];
  if (timestamp) {
    const token = parseDer(await timestamp(signature));
    signerInfo.push(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 1, true, [attribute(OID.signatureTimeStampToken, token)]));
  }
  const certificates = [key.certificate, ...key.chain].map((c) => parseDer(c));
  const signedData = seq(
    integer(1),
    set(algorithm(OID.sha256)),
    seq(oid(OID.data)),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certificates),
    set(seq(...signerInfo)),
  );
  return der(seq(oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])));
}

/** A parsed signer of a CMS SignedData, enough to verify it. */
export interface ParsedCms {
  certificates: X509Certificate[];
  signer?: X509Certificate;
  /** DER of the signed attributes as signed (SET OF). */
  signedAttributes: Buffer;
  attributes: Map<string, Asn1[]>;
  unsignedAttributes: Map<string, Asn1[]>;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  signature: Buffer;
}

const oidOf = (node: Asn1) => asn1.derToOid(node.value as string);

function attributeMap(nodes: Asn1[]): Map<string, Asn1[]> {
  const map = new Map<string, Asn1[]>();
  for (const a of nodes) {
    const [type, values] = a.value as Asn1[];
    map.set(oidOf(type), values.value as Asn1[]);
  }
  return map;
}

/** Reads a CMS SignedData (ContentInfo) with one signer. */
export function parseCms(bytes: Buffer): ParsedCms {
  const contentInfo = parseDer(bytes).value as Asn1[];
  if (oidOf(contentInfo[0]) !== OID.signedData) throw new Error('not a CMS SignedData');
  const signedData = (contentInfo[1].value as Asn1[])[0].value as Asn1[];
  let certificates: X509Certificate[] = [];
  let signerInfos: Asn1 | undefined;
  for (const node of signedData.slice(3)) {
    if (node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === 0) {
      certificates = (node.value as Asn1[]).map((c) => new X509Certificate(der(c)));
    } else if (node.tagClass === U && node.type === T.SET) signerInfos = node;
  }
  const info = ((signerInfos?.value as Asn1[]) ?? [])[0]?.value as Asn1[] | undefined;
  if (!info) throw new Error('CMS without a signer');
  const [, sid, digestAlgorithm, ...rest] = info;
  const signedAttrs = rest.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
  const unsignedAttrs = rest.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 1);
  const plain = rest.filter((n) => n.tagClass === U);
  const [signatureAlgorithm, signature] = plain;
  const [sidIssuer, sidSerial] = sid.value as Asn1[];
  const serialHex = buf(sidSerial.value as string)
    .toString('hex')
    .replace(/^0+/, '')
    .toUpperCase();
  const issuerDer = der(sidIssuer);
  const signer = certificates.find(
    (c) =>
      c.serialNumber.replace(/^0+/, '').toUpperCase() === serialHex &&
      certificateIds(c.raw).issuer &&
      der(certificateIds(c.raw).issuer).equals(issuerDer),
  );
  const attrNodes = (signedAttrs?.value as Asn1[]) ?? [];
  return {
    certificates,
    signer,
    signedAttributes: der(set(...attrNodes)),
    attributes: attributeMap(attrNodes),
    unsignedAttributes: attributeMap((unsignedAttrs?.value as Asn1[]) ?? []),
    digestAlgorithm: oidOf((digestAlgorithm.value as Asn1[])[0]),
    signatureAlgorithm: oidOf((signatureAlgorithm.value as Asn1[])[0]),
    signature: buf(signature.value as string),
  };
}

/** The bytes of an OCTET STRING node. */
export const octetsOf = (node: Asn1): Buffer => buf(node.value as string);

/** The generalised time and message imprint of a time-stamp token (RFC 3161 TSTInfo), and the token's own CMS. */
export function readTimestampToken(token: Asn1): { genTime: Date; imprint: Buffer; cms: ParsedCms } {
  const tokenDer = der(token);
  const cms = parseCms(tokenDer);
  const signedData = ((parseDer(tokenDer).value as Asn1[])[1].value as Asn1[])[0].value as Asn1[];
  const encap = signedData[2].value as Asn1[];
  const content = (encap[1].value as Asn1[])[0];
  const tstInfo = parseDer(octetsOf(content)).value as Asn1[];
  const imprint = octetsOf((tstInfo[2].value as Asn1[])[1]);
  const genTime = asn1.generalizedTimeToDate(tstInfo[4].value as string);
  return { genTime, imprint, cms };
}

/** An RFC 3161 TimeStampReq for a SHA-256 hash, with a nonce, asking for the TSA's certificate. */
export function timestampRequest(hash: Buffer, nonce: Buffer): Buffer {
  return der(
    seq(
      integer(1),
      seq(algorithm(OID.sha256), octets(hash)),
      asn1.create(U, T.INTEGER, false, bin(Buffer.concat([Buffer.from([0]), nonce]))),
      asn1.create(U, T.BOOLEAN, false, String.fromCharCode(0xff)),
    ),
  );
}

/** The token of a TimeStampResp, or an error naming the TSA's status. */
export function timestampToken(response: Buffer): Buffer {
  const [status, token] = parseDer(response).value as Asn1[];
  const code = buf(((status.value as Asn1[])[0].value as string) || '\0').readUInt8(0);
  if (code > 1 || !token) throw new Error(`the time-stamp authority refused the request (status ${code})`);
  return der(token);
}
