import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';

import { Auth } from './auth';

/** Sends the bearer token to the API and, on any 401 except a failed sign-in, returns to the sign-in page. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(Auth);
  const router = inject(Router);
  const token = auth.token();
  const isLogin = request.url.endsWith('/api/auth/login');
  const authorised =
    token && request.url.startsWith('/api/') && !isLogin
      ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
      : request;
  return next(authorised).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && !isLogin) {
        auth.clear();
        // During a navigation (the guard loading /api/me) come back to where the user was going, not from.
        const navigation = router.currentNavigation();
        const current = navigation ? router.serializeUrl(navigation.extractedUrl) : router.url;
        const returnUrl = current.startsWith('/login') ? undefined : current;
        void router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
      }
      return throwError(() => error);
    }),
  );
};
