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
