/**
 * `npm run verify-pdf -- letter.pdf [--trust ca.pem] [--json]`: checks every signature of a PDF and prints signer,
 * time, whether the bytes are intact and whether the certificate is trusted. Exit code 0 when every signature is
 * intact (and trusted when --trust is given or SIGNING_TRUST_ANCHORS exists), 1 otherwise, 2 on bad usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { formatThaiDateTime } from '../domain';
import { trustAnchorsFromPem, verifyPdf } from '../templates/pdf/verify';

function main(argv: string[]): number {
  const file = argv.find((a) => !a.startsWith('--') && argv[argv.indexOf(a) - 1] !== '--trust');
  if (!file) {
    console.error('usage: npm run verify-pdf -- file.pdf [--trust ca.pem] [--json]');
    return 2;
  }
  const trustFlag = argv.indexOf('--trust');
  const trustPath = trustFlag >= 0 ? argv[trustFlag + 1] : (process.env.SIGNING_TRUST_ANCHORS ?? 'data/pki/ca.crt');
  const anchors = existsSync(trustPath) ? trustAnchorsFromPem(readFileSync(trustPath, 'utf8')) : [];
  const report = verifyPdf(readFileSync(file), anchors);
  if (argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`${file}: ${report.signatures.length} signature(s), ${report.revisions} revision(s)`);
    for (const s of report.signatures) {
      console.log(`#${s.index} ${s.signer?.commonName ?? '(unknown signer)'} — ${s.level}`);
      if (s.signedAt) console.log(`   signed      ${s.signedAt} (${formatThaiDateTime(new Date(s.signedAt))})`);
      if (s.timestampedAt) console.log(`   time-stamp  ${s.timestampedAt}`);
      console.log(`   intact      ${s.intact ? 'yes' : 'NO'}`);
      console.log(`   whole file  ${s.coversWholeDocument ? 'yes' : 'no (revisions were added after this signature)'}`);
      console.log(
        `   trusted     ${s.trusted ? 'yes' : 'no'}${anchors.length === 0 ? ' (no trust anchors given)' : ''}`,
      );
      for (const p of s.problems) console.log(`   problem     ${p}`);
    }
  }
  const trustedEnough = anchors.length === 0 || report.signatures.every((s) => s.trusted);
  return report.valid && trustedEnough ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
