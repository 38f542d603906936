/** The password the demo data ships with (seed/, README): refused in production, as sign-in refuses it there. */
export const SHIPPED_DEMO_PASSWORD = 'saraban-demo';

/**
 * Why a password an administrator sets is not acceptable, or undefined: it contains the username, has fewer than
 * five different characters, or — in production — is the demo password (api/auth/routes.ts refuses it at sign-in).
 * The length (12 to 200) is the zod schema's.
 */
export function passwordProblem(
  password: string,
  username: string,
  o: { production: boolean; demoPassword: string },
): string | undefined {
  if (password.toLowerCase().includes(username.toLowerCase())) return 'The password must not contain the username';
  if (new Set(password).size < 5) return 'The password needs more different characters';
  if (o.production && (password === SHIPPED_DEMO_PASSWORD || password === o.demoPassword))
    return 'The demo password cannot be used in production';
  return undefined;
}
