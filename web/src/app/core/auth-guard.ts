import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { catchError, map, of } from 'rxjs';

import { Auth } from './auth';

/** Lets signed-in users through, loading the user for a kept token first; everyone else goes to sign-in. */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(Auth);
  const router = inject(Router);
  const toLogin = router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
  if (!auth.signedIn()) return toLogin;
  if (auth.user()) return true;
  // While /api/me answers, fetch the frame and the inbox (where most visits land) so they do not wait for it.
  void import('../shell/shell');
  if (state.url.startsWith('/inbox') || state.url === '/') void import('../inbox/inbox');
  return auth.loadMe().pipe(
    map(() => true),
    // A 401 already cleared the session in the interceptor; any other failure still needs a fresh sign-in.
    catchError(() => of(toLogin)),
  );
};
