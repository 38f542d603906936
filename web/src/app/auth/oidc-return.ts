/** Where the sign-in through the identity provider returns to, kept in sessionStorage across the trip. */
export const OIDC_RETURN_KEY = 'saraban.oidcReturnUrl';

/** A return URL inside the client (a path, not the sign-in page itself), else undefined. */
export function safeReturnUrl(target: string | null | undefined): string | undefined {
  return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login')
    ? target
    : undefined;
}
