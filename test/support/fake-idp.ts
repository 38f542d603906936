import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/**
 * A tiny OpenID Connect provider on 127.0.0.1 for tests: a real HTTP server (not a mock of our code) with discovery,
 * JWKS, a token endpoint that issues an RS256 ID token (and checks the PKCE verifier when the code was issued for a
 * challenge), and a sign-in page at `/authorize` for a browser: a username box, "Sign in" and "Refuse" (the
 * provider's `access_denied`). `authorize()` is the same trip without a browser.
 */
export interface FakeIdp {
  issuer: string;
  /** What the provider would do when the user signs in there: a code for the callback. */
  authorize(o: { nonce: string; claims: Record<string, unknown> }): string;
  close(): Promise<void>;
}

export async function startFakeIdp(clientId: string): Promise<FakeIdp> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce: string; claims: Record<string, unknown>; challenge?: string }>();
  let issuer = '';
  const sign = (payload: Record<string, unknown>) => {
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${part({ alg: 'RS256', typ: 'JWT', kid: 'test-key' })}.${part(payload)}`;
    const signature = createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');
    return `${input}.${signature}`;
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration')
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize' && req.method === 'GET') {
      const q = url.searchParams;
      if (q.get('client_id') !== clientId || q.get('response_type') !== 'code' || !q.get('redirect_uri'))
        return json(400, { error: 'invalid_request' });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(signInPage(q));
      return;
    }
    if (url.pathname === '/authorize' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const back = new URL(form.get('redirect_uri') ?? '');
        back.searchParams.set('state', form.get('state') ?? '');
        back.searchParams.set('iss', issuer);
        if (form.get('decision') === 'refuse') {
          back.searchParams.set('error', 'access_denied');
          back.searchParams.set('error_description', 'The user refused at the identity provider');
        } else {
          const username = form.get('username') ?? '';
          const code = randomBytes(12).toString('hex');
          codes.set(code, {
            nonce: form.get('nonce') ?? '',
            claims: { preferred_username: username, sub: `idp-${username}` },
            challenge: form.get('code_challenge') ?? undefined,
          });
          back.searchParams.set('code', code);
        }
        res.writeHead(302, { location: back.href });
        res.end();
      });
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const code = form.get('code') ?? '';
        const grant = codes.get(code);
        codes.delete(code); // a code is good once
        if (!grant) return json(400, { error: 'invalid_grant' });
        const verifier = form.get('code_verifier') ?? '';
        if (grant.challenge && createHash('sha256').update(verifier).digest('base64url') !== grant.challenge)
          return json(400, { error: 'invalid_grant', error_description: 'PKCE verifier does not match' });
        const now = Math.floor(Date.now() / 1000);
        const idToken = sign({
          iss: issuer,
          aud: clientId,
          sub: String(grant.claims.sub ?? 'subject-1'),
          iat: now,
          exp: now + 300,
          nonce: grant.nonce,
          ...grant.claims,
        });
        json(200, {
          access_token: randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: 300,
          id_token: idToken,
        });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    issuer,
    authorize({ nonce, claims }) {
      const code = randomBytes(12).toString('hex');
      codes.set(code, { nonce, claims });
      return code;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The provider's sign-in page: the request's parameters carried in hidden fields, a username, two buttons. */
function signInPage(q: URLSearchParams): string {
  const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const hidden = ['redirect_uri', 'state', 'nonce', 'code_challenge']
    .map((name) => `<input type="hidden" name="${name}" value="${esc(q.get(name) ?? '')}">`)
    .join('');
  return `<!doctype html><html><head><title>Fake BMA identity provider</title></head><body>
<form method="post" action="/authorize">${hidden}
<label>Username <input name="username" data-testid="idp-username"></label>
<button type="submit" name="decision" value="allow" data-testid="idp-allow">Sign in</button>
<button type="submit" name="decision" value="refuse" data-testid="idp-refuse">Refuse</button>
</form></body></html>`;
}
