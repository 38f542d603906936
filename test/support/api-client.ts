/** A small HTTP client for the API in tests: real requests over the loopback. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export function apiClient(baseUrl: string) {
  async function request<T = any>(
    method: string,
    path: string,
    o: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let payload: string | undefined = o.raw;
    if (o.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = JSON.stringify(o.body);
    }
    const res = await fetch(baseUrl + path, { method, headers, body: payload });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }

  return {
    request,
    get: <T = any>(path: string, token?: string) => request<T>('GET', path, { token }),
    post: <T = any>(path: string, body: unknown, token?: string, headers?: Record<string, string>) =>
      request<T>('POST', path, { token, body, headers }),
    /** Signs in as a demo user and returns the bearer token. */
    async login(username: string, password = 'saraban-demo'): Promise<string> {
      const res = await request<{ token: string }>('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    },
  };
}

/** A valid incoming-document body; override what a test cares about. */
export function buildIncoming(overrides: Record<string, unknown> = {}) {
  return {
    subject: 'ขอเชิญประชุมคณะกรรมการพัฒนาระบบสารบรรณอิเล็กทรอนิกส์',
    kind: 'memo',
    urgency: 'very_urgent',
    secrecy: 'none',
    category: 'general',
    sender: { name: 'สำนักงานเลขานุการปลัดกรุงเทพมหานคร', number: 'กท 0403/ว 276', date: '2026-11-20' },
    ...overrides,
  };
}
