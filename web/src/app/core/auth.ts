import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { type Observable, tap } from 'rxjs';

import type { LoginResponse, SignInOptions, User } from './api-types';

const TOKEN_KEY = 'saraban.token';

/** The session: the bearer token (kept in localStorage) and the signed-in user. */
@Injectable({ providedIn: 'root' })
export class Auth {
  private readonly http = inject(HttpClient);
  private readonly tokenSignal = signal<string | null>(readToken());
  readonly user = signal<User | null>(null);
  readonly token = this.tokenSignal.asReadonly();
  readonly signedIn = computed(() => this.tokenSignal() !== null);

  /** Signs in and keeps the token; errors (401 on bad credentials) pass through to the caller. */
  login(username: string, password: string): Observable<LoginResponse> {
    return this.http
      .post<LoginResponse>('/api/auth/login', { username, password })
      .pipe(tap((answer) => this.start(answer.token, answer.user)));
  }

  /**
   * Adopts a session the API opened elsewhere (the OpenID Connect callback hands its token over in the URL
   * fragment) and loads its user; on failure the token is forgotten and the error passes through.
   */
  adopt(token: string): Observable<User> {
    this.start(token, null);
    return this.loadMe().pipe(tap({ error: () => this.clear() }));
  }

  /** Which ways of signing in the API offers (`GET /api/auth/options`). */
  options(): Observable<SignInOptions> {
    return this.http.get<SignInOptions>('/api/auth/options');
  }

  /** Loads the signed-in user for a kept token (after a page reload). */
  loadMe(): Observable<User> {
    return this.http.get<User>('/api/me').pipe(tap((user) => this.user.set(user)));
  }

  /** Forgets the session (sign-out, or the server said 401). */
  clear(): void {
    this.tokenSignal.set(null);
    this.user.set(null);
    try {
      localStorage.removeItem(TOKEN_KEY);
    } catch {
      // Storage may be unavailable; the in-memory session is gone either way.
    }
  }

  private start(token: string, user: User | null): void {
    this.tokenSignal.set(token);
    this.user.set(user);
    try {
      localStorage.setItem(TOKEN_KEY, token);
    } catch {
      // Without storage the session lasts until the page is reloaded.
    }
  }
}

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}
