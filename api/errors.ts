/** An error the API answers with its own status and code: `{ error: { code, message, details? } }` (api.md). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what = 'Not found (ไม่พบข้อมูล)') => new HttpError(404, 'NOT_FOUND', what);
export const forbidden = (message = 'Not allowed (ไม่มีสิทธิ์)') => new HttpError(403, 'FORBIDDEN', message);
export const unauthorized = (message = 'Sign in first (กรุณาเข้าสู่ระบบ)') =>
  new HttpError(401, 'UNAUTHENTICATED', message);
export const badRequest = (code: string, message: string, details?: unknown) =>
  new HttpError(400, code, message, details);
export const unavailable = (code: string, message: string) => new HttpError(503, code, message);
