import { inject, Pipe, type PipeTransform } from '@angular/core';
// domain/'s modules rather than its index, which drags zod and the org code into the bundle (see labels.ts).
import { formatThaiCalendarDate, formatThaiDate, formatThaiDateTime, formatThaiTime } from '@domain/thai/dates';
import { toThaiDigits } from '@domain/thai/digits';

import { I18n, type Lang } from './i18n';
import { type Enumeration, enumLabel } from './labels';

/**
 * What the `thai` pipe renders: an instant as 'date' (long), 'short', 'time' or 'datetime'; a calendar day
 * 'YYYY-MM-DD' as 'day'; 'digits'; a count with thousands separators as 'number'; seconds as a 'duration'
 * ("๒ วัน ๓ ชม."); or the label of an enumeration.
 */
export type ThaiFormat =
  'date' | 'short' | 'time' | 'datetime' | 'day' | 'digits' | 'duration' | 'number' | Enumeration;

const BANGKOK = 'Asia/Bangkok';
const english = {
  date: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: BANGKOK }),
  short: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: BANGKOK }),
  time: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: BANGKOK }),
  datetime: new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: BANGKOK,
  }),
  day: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

/**
 * The one formatting pipe of the client, backed by domain/: `{{ at | thai:'datetime' }}`, `{{ n | thai:'digits' }}`,
 * `{{ doc.urgency | thai:'urgency' }}`. Thai (the default) gives Thai digits and Buddhist-era dates; English gives
 * Arabic digits and CE dates. Impure so that it follows the language signal; it caches its last answer.
 */
@Pipe({ name: 'thai', pure: false })
export class ThaiPipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  private last: { value: unknown; format: ThaiFormat; lang: Lang; result: string } | null = null;

  transform(value: unknown, format: ThaiFormat = 'datetime'): string {
    const lang = this.i18n.lang();
    const last = this.last;
    if (last && last.value === value && last.format === format && last.lang === lang) return last.result;
    const result = formatValue(value, format, lang);
    this.last = { value, format, lang, result };
    return result;
  }
}

/** Formats one value as the pipe does; a value that is not what the format expects is shown as it is. */
export function formatValue(value: unknown, format: ThaiFormat, lang: Lang): string {
  if (value == null || value === '') return '';
  switch (format) {
    case 'digits':
      return lang === 'en' ? String(value) : toThaiDigits(typeof value === 'number' ? value : String(value));
    case 'number': {
      const text = Number(value).toLocaleString('en-US', { maximumFractionDigits: 1 });
      return lang === 'en' ? text : toThaiDigits(text);
    }
    case 'duration':
      return formatDuration(Number(value), lang);
    case 'urgency':
    case 'secrecy':
    case 'kind':
    case 'category':
    case 'medium':
      return enumLabel(format, String(value), lang);
    case 'day':
      return formatDay(String(value), lang);
    default: {
      const date = value instanceof Date ? value : new Date(value as string | number);
      if (Number.isNaN(date.getTime())) return String(value);
      if (lang === 'en') return english[format].format(date);
      if (format === 'date') return formatThaiDate(date, 'long');
      if (format === 'short') return formatThaiDate(date, 'short');
      if (format === 'time') return formatThaiTime(date);
      return formatThaiDateTime(date);
    }
  }
}

function formatDay(ymd: string, lang: Lang): string {
  const day = ymd.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return ymd;
  try {
    return lang === 'en' ? english.day.format(new Date(`${day}T00:00:00Z`)) : formatThaiCalendarDate(day, 'long');
  } catch {
    return ymd;
  }
}

const UNITS: Record<Lang, [string, string, string]> = { th: ['วัน', 'ชม.', 'นาที'], en: ['d', 'h', 'min'] };

/** Seconds as the two largest units: "๒ วัน ๓ ชม.", "๔๐ นาที" (English "2 d 3 h"). */
function formatDuration(seconds: number, lang: Lang): string {
  if (!Number.isFinite(seconds)) return '';
  const total = Math.max(0, Math.round(seconds / 60));
  const parts: [number, string][] = [
    [Math.floor(total / 1440), UNITS[lang][0]],
    [Math.floor((total % 1440) / 60), UNITS[lang][1]],
    [total % 60, UNITS[lang][2]],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  const shown = first < 0 ? [parts[2]] : parts.slice(first, first + 2).filter(([n], i) => i === 0 || n > 0);
  const text = shown.map(([n, unit]) => `${n} ${unit}`).join(' ');
  return lang === 'en' ? text : toThaiDigits(text);
}
