import { DOCUMENT } from '@angular/common';
import { effect, inject, Injectable, signal } from '@angular/core';

import { EN, type MessageKey, TH } from './messages';

/** The display language: Thai first, English on request. */
export type Lang = 'th' | 'en';

const STORAGE_KEY = 'saraban.lang';

/** The language signal (kept in localStorage) and the lookup of the client's own messages. */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  readonly lang = signal<Lang>(readStoredLang());

  constructor() {
    effect(() => {
      const lang = this.lang();
      this.document.documentElement.lang = lang;
      try {
        localStorage.setItem(STORAGE_KEY, lang);
      } catch {
        // Private browsing may refuse storage; the toggle still works for this visit.
      }
    });
  }

  /** Switches between Thai and English. */
  toggle(): void {
    this.lang.update((lang) => (lang === 'th' ? 'en' : 'th'));
  }

  /** The message for `key` in the current language. Reading it in a template tracks the language signal. */
  t(key: MessageKey): string {
    return (this.lang() === 'en' ? EN : TH)[key];
  }

  /** A message for a key built at run time (`task.${type}`), or `fallback` (the raw id) when there is none. */
  tOr(key: string, fallback: string): string {
    const table: Record<string, string> = this.lang() === 'en' ? EN : TH;
    return table[key] ?? fallback;
  }
}

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'th';
  } catch {
    return 'th';
  }
}

/** A feature's own message table: Thai first, English for every key. Kept in the feature's lazy chunk. */
export interface FeatureMessages<K extends string> {
  th: Record<K, string>;
  en: Record<K, string>;
}

/** Declares a feature's messages; `en` must translate every Thai key. */
export function defineMessages<const T extends Record<string, string>>(
  th: T,
  en: Record<keyof T & string, string>,
): FeatureMessages<keyof T & string> {
  return { th, en };
}

/** A feature's message lookup: `t('key')`, and `t.or(dynamicKey, fallback)` for keys built at run time. */
export type MessageLookup<K extends string> = ((key: K) => string) & { or(key: string, fallback?: string): string };

/**
 * A lookup of a feature's messages that follows the language signal: `protected readonly t = injectMessages(M)`
 * then `{{ t('compose.heading') }}` or `{{ t.or('stage.' + d.stage, d.stage) }}`. Call in an injection context.
 */
export function injectMessages<K extends string>(messages: FeatureMessages<K>): MessageLookup<K> {
  const i18n = inject(I18n);
  const table = (): Record<string, string> => (i18n.lang() === 'en' ? messages.en : messages.th);
  const lookup = ((key: K) => table()[key] ?? key) as MessageLookup<K>;
  lookup.or = (key: string, fallback?: string) => table()[key] ?? fallback ?? key;
  return lookup;
}

/** Merges feature message tables (e.g. the shared work vocabulary and a screen's own words). */
export function mergeMessages<A extends string, B extends string>(
  a: FeatureMessages<A>,
  b: FeatureMessages<B>,
): FeatureMessages<A | B> {
  return { th: { ...a.th, ...b.th }, en: { ...a.en, ...b.en } };
}
