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
        const current = router.url.startsWith('/login') ? undefined : router.url;
        void router.navigate(['/login'], { queryParams: current ? { returnUrl: current } : {} });
      }
      return throwError(() => error);
    }),
  );
};
