import type { ApiError } from '../core/api-error';
import type { MessageLookup } from '../core/i18n';

/** A one-line account of an API failure for a screen: a lead in the user's language, the API's message, the code. */
export function describeError(error: ApiError, t: Pick<MessageLookup<string>, 'or'>): string {
  let lead: string;
  if (error.code === 'TASK_NOT_OPEN') lead = t.or('error.TASK_NOT_OPEN');
  else if (error.status === 0) lead = t.or('error.network');
  else if ([403, 404, 409, 422].includes(error.status)) lead = t.or(`error.${error.status}`);
  else lead = t.or('error.generic');
  const detail = error.message && error.message !== lead ? ` — ${error.message}` : '';
  return `${lead}${detail} (${error.code})`;
}
