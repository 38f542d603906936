import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import type { SigningKey } from './cms';

/** Thrown when a signer has no usable key: the activity answers NO_SIGNING_KEY. */
export class SigningKeyError extends Error {}

/**
 * Reads a PKCS#12 file (.p12/.pfx): the private key, the certificate that matches it, and the other certificates as
 * its chain. RSA keys (what Thai CAs issue); PBE-SHA1-3DES or PBES2/AES protection with a SHA-1 or SHA-256 MAC.
 */
export function readPkcs12(bytes: Buffer, password: string): SigningKey {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), false, password);
  const keyBag =
    p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0] ??
    p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag]?.[0];
  if (!keyBag?.key) throw new SigningKeyError('no private key in the PKCS#12 file');
  const privateKey = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .filter((b) => b.cert)
    .map((b) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert!)).getBytes(), 'binary'));
  const own = certs.find((c) =>
    new X509Certificate(c).publicKey.export({ type: 'spki', format: 'der' }).equals(spki as Buffer),
  );
  if (!own) throw new SigningKeyError('no certificate for the private key in the PKCS#12 file');
  return { privateKey, certificate: own, chain: certs.filter((c) => c !== own) };
}

/** Loads signers' keys from a folder of <username>.p12 files, each read once. */
export function createKeyStore(o: { dir: string; password: string }) {
  const cache = new Map<string, SigningKey>();
  return {
    /** The key of a signer, or SigningKeyError when there is none. */
    keyOf(username: string): SigningKey {
      if (!/^[A-Za-z0-9._-]+$/.test(username)) throw new SigningKeyError(`bad signer name ${username}`);
      const cached = cache.get(username);
      if (cached) return cached;
      const file = join(o.dir, `${username}.p12`);
      if (!existsSync(file)) throw new SigningKeyError(`no signing key for ${username} (${file})`);
      const passFile = `${file}.pass`;
      const password = existsSync(passFile) ? readFileSync(passFile, 'utf8').trim() : o.password;
      const key = readPkcs12(readFileSync(file), password);
      cache.set(username, key);
      return key;
    },
  };
}

/** A store of signing keys. */
export type KeyStore = ReturnType<typeof createKeyStore>;
