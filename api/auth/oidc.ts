import { createRequire } from 'node:module';
import Router from '@koa/router';
import type { Context } from 'koa';
import type * as OpenId from 'openid-client';
import { createSession } from '../../db/sessions';
import type { Env } from '../../config/env';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';
import { queryOf } from '../middleware/validate';
import { auditAuth } from './audit';
import { freshAuthUser } from './current-user';
import { oidcCallbackQuery } from './schema';

/** The cookie that carries state, nonce and PKCE verifier from the start of a sign-in to its callback. */
const FLOW_COOKIE = 'saraban_oidc';
const FLOW_TTL_SECONDS = 600;

/** True when the environment configures OpenID Connect (issuer, client id and redirect URI). */
export function oidcEnabled(env: Env): boolean {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_REDIRECT_URI);
}

// openid-client is an ES module: Node ≥ 20.19 requires it natively (require(esm)); Jest transforms it (jest.config.js).
// Loaded on first use, so a system without OIDC never loads it.
const loadOpenId = (): typeof OpenId => createRequire(__filename)('openid-client') as typeof OpenId;

/**
 * Sign-in through the BMA's identity provider (OpenID Connect, authorization code + PKCE): `GET /api/auth/oidc/start`
 * sends the browser there, `GET /api/auth/oidc/callback` maps the ID token's username claim (OIDC_USERNAME_CLAIM) to
 * an active user of ours, opens a session and sends the browser to `/login/oidc#token=…` (a fragment never reaches a
 * server or a Referer). Off, and answering 404, when OIDC_ISSUER is unset.
 */
export function createOidcRouter({ ds, org, env }: ApiDeps): Router {
  const router = new Router({ prefix: '/api/auth' });
  let config: Promise<OpenId.Configuration> | undefined;
  const configuration = () => {
    if (!config) {
      const client = loadOpenId();
      const issuer = new URL(env.OIDC_ISSUER!);
      const local = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname) && env.NODE_ENV !== 'production';
      config = client.discovery(
        issuer,
        env.OIDC_CLIENT_ID!,
        env.OIDC_CLIENT_SECRET,
        undefined,
        local ? { execute: [client.allowInsecureRequests] } : undefined,
      );
      config.catch(() => (config = undefined)); // try discovery again on the next sign-in
    }
    return config;
  };

  router.get('/options', function signInOptions(ctx) {
    ctx.body = { password: true, oidc: oidcEnabled(env) };
  });

  router.get('/oidc/start', async function startOidcSignIn(ctx) {
    if (!oidcEnabled(env)) throw new HttpError(404, 'OIDC_DISABLED', 'OpenID Connect sign-in is not configured');
    const client = loadOpenId();
    const flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(await configuration(), {
      redirect_uri: env.OIDC_REDIRECT_URI!,
      scope: env.OIDC_SCOPES,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    ctx.cookies.set(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), cookieOptions(ctx));
    ctx.redirect(url.href);
  });

  router.get('/oidc/callback', async function finishOidcSignIn(ctx) {
    if (!oidcEnabled(env)) throw new HttpError(404, 'OIDC_DISABLED', 'OpenID Connect sign-in is not configured');
    const query = queryOf(ctx, oidcCallbackQuery);
    const flow = readFlow(ctx.cookies.get(FLOW_COOKIE));
    ctx.cookies.set(FLOW_COOKIE, null, cookieOptions(ctx));
    // The sign-in page names the kind of failure (`reason`); the audit row keeps the detail.
    const fail = async (reason: string, username?: string) => {
      await auditAuth(ds, 'auth.login_failed', null, { method: 'oidc', reason, username, ip: ctx.ip });
      ctx.redirect(`/login?error=oidc&reason=${failureKind(reason)}`);
    };
    if (!flow) return fail('no_flow_cookie');
    if (query.error) return fail(`refused: ${query.error.slice(0, 100)}`);
    const client = loadOpenId();
    let claims: Record<string, unknown> | undefined;
    try {
      const callbackUrl = new URL(env.OIDC_REDIRECT_URI!);
      callbackUrl.search = ctx.querystring;
      const tokens = await client.authorizationCodeGrant(await configuration(), callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims() as Record<string, unknown> | undefined;
    } catch (error) {
      return fail(`rejected: ${(error as Error).message.slice(0, 200)}`);
    }
    const username = claims?.[env.OIDC_USERNAME_CLAIM];
    if (typeof username !== 'string' || username.length === 0) return fail('no_username_claim');
    const [row] = (await ds.query('SELECT id, active, demo FROM users WHERE username = ?', [username])) as Array<{
      id: string;
      active: unknown;
      demo: unknown;
    }>;
    if (!row || !Number(row.active)) return fail('no_such_active_user', username);
    if (env.NODE_ENV === 'production' && Number(row.demo)) return fail('demo_user', username);
    if (!(await freshAuthUser(row.id, org)).user) return fail('no_position', username);
    const token = await createSession(ds, row.id, {
      idleSeconds: env.SESSION_IDLE_SECONDS,
      absoluteSeconds: env.SESSION_TTL_SECONDS,
    });
    await auditAuth(ds, 'auth.login', row.id, { method: 'oidc', issuer: env.OIDC_ISSUER, ip: ctx.ip });
    ctx.redirect(`/login/oidc#token=${encodeURIComponent(token)}`);
  });

  return router;
}

/**
 * What the sign-in page tells the user: `refused` (the identity provider said no, or the user cancelled there),
 * `unknown_user` (no active user of ours by that name), `failed` (an expired or forged flow, a bad token).
 */
function failureKind(reason: string): 'refused' | 'unknown_user' | 'failed' {
  if (reason.startsWith('refused')) return 'refused';
  if (['no_such_active_user', 'demo_user', 'no_position'].includes(reason)) return 'unknown_user';
  return 'failed';
}

function cookieOptions(ctx: Context) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.secure,
    path: '/api/auth/oidc',
    maxAge: FLOW_TTL_SECONDS * 1000,
    overwrite: true,
  };
}

function readFlow(cookie: string | undefined): { state: string; nonce: string; verifier: string } | undefined {
  if (!cookie) return undefined;
  try {
    const flow = JSON.parse(Buffer.from(cookie, 'base64url').toString()) as Record<string, unknown>;
    if ([flow.state, flow.nonce, flow.verifier].every((v) => typeof v === 'string'))
      return flow as { state: string; nonce: string; verifier: string };
  } catch {
    // a cookie we did not write
  }
  return undefined;
}
