/**
 * Signature blocks (ส่วนลงนาม): (full name), position, and when the signer stands in for another, the signer's
 * position with รักษาราชการแทน / ปฏิบัติราชการแทน and then the represented position, e.g.
 * "รองปลัดกรุงเทพมหานคร ปฏิบัติราชการแทน" / "ปลัดกรุงเทพมหานคร".
 */
import {
  coversMatter,
  holderOf,
  inForce,
  positionById,
  userByUsername,
  type ActingKind,
  type OrgSnapshot,
} from './org';
import type { OrgUser } from './org';

/**
 * The footer of every electronically signed letter, in the seed memo's words: the authorised person signed with an
 * electronic signature; the original is the electronic document; a paper printout is a copy.
 */
export const ELECTRONIC_SIGNATURE_NOTICE =
  'หนังสือราชการฉบับนี้ ผู้มีอำนาจลงนามด้วยลายมือชื่ออิเล็กทรอนิกส์ ต้นฉบับเป็นเอกสารอิเล็กทรอนิกส์ สิ่งพิมพ์ออกเป็นกระดาษถือเป็นสำเนาเอกสาร';

/** A signature block: the lines under the signature, in print order, and how the signer signs. */
export type SignatureBlock = {
  lines: string[];
  signer: { name: string; title: string; username?: string };
  actingFor?: { kind: ActingKind; title: string; positionId?: string };
};

/** What to print: the signer's name and title (plus any extra lines such as the parent unit) and whom they act for. */
export type SignatureBlockInput = {
  name: string;
  title: string;
  titleLines?: string[];
  actingFor?: { kind: ActingKind; title: string; titleLines?: string[] };
};

/** Lays out a signature block: "(name)", then the title, or the acting lines when the signer stands in for another. */
export function formatSignatureBlock(input: SignatureBlockInput): string[] {
  // A name typed with its own brackets must not print as "((…))".
  const name = `(${input.name
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .trim()})`;
  if (!input.actingFor) return [name, input.title, ...(input.titleLines ?? [])];
  return [name, `${input.title} ${input.actingFor.kind}`, input.actingFor.title, ...(input.actingFor.titleLines ?? [])];
}

/**
 * The signature block of `signerUsername` signing for the position `forPositionId` on a date: their own title when it
 * is their post; the acting lines when an acting appointment in force lets them stand in (a delegation only for the
 * matters it names); null when they have no authority to sign for that position on that day.
 */
export function signatureBlockFor(input: {
  forPositionId: string;
  signerUsername: string;
  date: string;
  matter?: string;
  org: OrgSnapshot;
}): SignatureBlock | null {
  const { org } = input;
  const target = positionById(input.forPositionId, org);
  const signer = userByUsername(input.signerUsername, org);
  if (!signer) return null;
  const own = positionById(signer.positionId, org);
  const signerInfo = { name: signer.displayName, title: own.title, username: signer.username };
  if (signer.positionId === target.id) {
    return { lines: formatSignatureBlock(signerInfo), signer: signerInfo };
  }
  const appointment = org.acting.find(
    (a) =>
      a.positionId === target.id &&
      a.actingUsername === signer.username &&
      inForce(a, input.date) &&
      coversMatter(a, input.matter),
  );
  if (!appointment) return null;
  const actingFor = { kind: appointment.kind, title: target.title, positionId: target.id };
  return { lines: formatSignatureBlock({ ...signerInfo, actingFor }), signer: signerInfo, actingFor };
}

/** Who signs for a position on a date, and their block: the acting official when one is in force, else the holder. */
export function defaultSignatureFor(input: {
  forPositionId: string;
  date: string;
  matter?: string;
  org: OrgSnapshot;
}): { user: OrgUser; block: SignatureBlock } | null {
  const user = holderOf(input.forPositionId, input.date, input.org, input.matter);
  if (!user) return null;
  const block = signatureBlockFor({ ...input, signerUsername: user.username });
  return block ? { user, block } : null;
}
