#!/usr/bin/env node
// The demo certificate authority and one PKCS#12 signing key per demo signer, made with openssl. DEMO ONLY: the CA's
// key lies beside it and every .p12 has the same password; production puts real PKCS#12 files in SIGNING_P12_DIR.
//   node scripts/demo-pki.mjs [--dir data/pki] [--users a,b] [--password …]   (default: every signer of the demo org)
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_PKI_PASSWORD = 'saraban-demo-pki';

const opensslEnv = { ...process.env, OPENSSL_CONF: '' };
const openssl = (args) => execFileSync('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'], env: opensslEnv });
const opensslAsync = (args) =>
  new Promise((resolve, reject) =>
    execFile('openssl', args, { env: opensslEnv }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );

/** The demo users who sign: role signer or executive. */
export function demoSigners() {
  const org = JSON.parse(readFileSync(join(root, 'seed', 'demo-org.json'), 'utf8'));
  return org.users
    .filter((u) => u.roles.includes('signer') || u.roles.includes('executive'))
    .map((u) => ({ username: u.username, displayName: u.displayName, email: u.email }));
}

/**
 * Makes the CA once, then a key and certificate for each signer that has none, four signers at a time. Resolves to
 * how many were made.
 */
export async function createDemoPki({ dir, signers, password = DEMO_PKI_PASSWORD, log = () => {}, parallel = 4 }) {
  mkdirSync(join(dir, 'signers'), { recursive: true });
  const caKey = join(dir, 'ca.key');
  const caCrt = join(dir, 'ca.crt');
  if (!existsSync(caCrt) || !existsSync(caKey)) {
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-keyout',
      caKey,
      '-out',
      caCrt,
      '-days',
      '3650',
      '-utf8',
      '-subj',
      '/C=TH/O=e-Saraban BPM demo/CN=e-Saraban Demo CA (not for real use)',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    log(`demo CA: ${caCrt}`);
  }
  writeDemoCrl(dir, caCrt, caKey, log);
  const ext = join(dir, 'signer.ext');
  writeFileSync(
    ext,
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' +
      'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  let made = 0;
  const todo = signers.filter((s) => !existsSync(join(dir, 'signers', `${s.username}.p12`)));
  const one = async (s) => {
    const p12 = join(dir, 'signers', `${s.username}.p12`);
    const tmp = join(dir, 'signers', `.${s.username}`);
    await opensslAsync([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-keyout',
      `${tmp}.key`,
      '-out',
      `${tmp}.csr`,
      '-utf8',
      '-subj',
      `/C=TH/O=e-Saraban BPM demo/CN=${s.displayName.replace(/[/=+]/g, ' ')}/UID=${s.username}`,
    ]);
    await opensslAsync([
      'x509',
      '-req',
      '-in',
      `${tmp}.csr`,
      '-CA',
      caCrt,
      '-CAkey',
      caKey,
      '-sha256',
      '-days',
      '1825',
      '-set_serial',
      `0x${randomBytes(12).toString('hex')}`,
      '-extfile',
      ext,
      '-out',
      `${tmp}.crt`,
    ]);
    // PBE-SHA1-3DES and a SHA-1 MAC: readable by node-forge and by openssl 3 without the legacy provider.
    await opensslAsync([
      'pkcs12',
      '-export',
      '-inkey',
      `${tmp}.key`,
      '-in',
      `${tmp}.crt`,
      '-certfile',
      caCrt,
      '-name',
      s.username,
      '-keypbe',
      'PBE-SHA1-3DES',
      '-certpbe',
      'PBE-SHA1-3DES',
      '-macalg',
      'sha1',
      '-out',
      `${p12}.tmp`,
      '-passout',
      `pass:${password}`,
    ]);
    renameSync(`${p12}.tmp`, p12);
    for (const ext of ['key', 'csr', 'crt']) rmSync(`${tmp}.${ext}`, { force: true });
    made += 1;
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, todo.length) }, async () => {
      while (next < todo.length) await one(todo[next++]);
    }),
  );
  return made;
}

/** Days a demo CRL is valid (its nextUpdate); it is made again when a week or less is left. */
const CRL_DAYS = 30;

/**
 * The demo CA's certificate revocation list (none revoked), DER at ca.crl: signLetter embeds it with the chain in the
 * letter's DSS (PAdES B-LT), so the letter can be checked later without asking anyone. Made again when it is missing
 * or close to its nextUpdate.
 */
export function writeDemoCrl(dir, caCrt, caKey, log = () => {}) {
  const crl = join(dir, 'ca.crl');
  if (existsSync(crl)) {
    const next = /nextUpdate=(.+)/.exec(
      openssl(['crl', '-inform', 'DER', '-in', crl, '-noout', '-nextupdate']).toString(),
    )?.[1];
    if (next && Date.parse(next) - Date.now() > 7 * 86_400_000) return;
  }
  const work = join(dir, 'crl');
  mkdirSync(work, { recursive: true });
  if (!existsSync(join(work, 'index.txt'))) writeFileSync(join(work, 'index.txt'), '');
  if (!existsSync(join(work, 'crlnumber'))) writeFileSync(join(work, 'crlnumber'), '01\n');
  const config = join(work, 'ca.cnf');
  writeFileSync(
    config,
    `[ ca ]\ndefault_ca = demo\n[ demo ]\ndatabase = ${join(work, 'index.txt')}\ncrlnumber = ${join(work, 'crlnumber')}\n` +
      `default_md = sha256\ndefault_crl_days = ${CRL_DAYS}\n`,
  );
  const pem = join(work, 'ca.crl.pem');
  openssl(['ca', '-gencrl', '-config', config, '-cert', caCrt, '-keyfile', caKey, '-out', pem]);
  openssl(['crl', '-in', pem, '-outform', 'DER', '-out', `${crl}.tmp`]);
  renameSync(`${crl}.tmp`, crl);
  log(`demo CRL: ${crl}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const dir = resolve(arg('dir') ?? join(root, 'data', 'pki'));
  const wanted = arg('users')?.split(',');
  const all = demoSigners();
  const signers = wanted ? all.filter((s) => wanted.includes(s.username)) : all;
  const made = await createDemoPki({ dir, signers, password: arg('password'), log: (m) => console.log(m) });
  console.log(`demo PKI in ${dir}: ${made} new signing keys, ${signers.length} signers`);
}
