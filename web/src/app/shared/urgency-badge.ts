import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { urgencyBadgeColour } from '../core/labels';
import { ThaiPipe } from '../core/thai-pipe';

/** The urgency (ชั้นความเร็ว) as a badge: white on the regulation's red for urgent levels, plain for normal ones. */
@Component({
  selector: 'app-urgency-badge',
  imports: [ThaiPipe],
  template: `<span
    class="badge"
    [class.urgent]="colour() !== null"
    [style.background-color]="colour()"
    [style.border-color]="colour()"
    >{{ urgency() | thai: 'urgency' }}</span
  >`,
  styles: `
    .badge {
      display: inline-block;
      padding: 0 0.5rem;
      border: 1px solid #8a94a3;
      border-radius: 999px;
      font-size: 0.85rem;
      line-height: 1.5rem;
      white-space: nowrap;
      color: #374151;
      background: #fff;
    }
    .urgent {
      color: #fff;
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UrgencyBadge {
  readonly urgency = input.required<string>();
  protected readonly colour = computed(() => legibleOnWhiteText(urgencyBadgeColour(this.urgency())));
}

/**
 * The colour itself when white text on it reaches WCAG AA (4.5:1); otherwise the same hue darkened until it does,
 * so a bright regulation red stays readable.
 */
export function legibleOnWhiteText(colour: string | null): string | null {
  const match = colour ? /^#?([0-9a-f]{6})$/i.exec(colour.trim()) : null;
  if (!colour || !match) return colour;
  let [r, g, b] = [0, 2, 4].map((i) => parseInt(match[1].slice(i, i + 2), 16));
  for (let step = 0; step < 20 && contrastWithWhite(r, g, b) < 4.5; step++) {
    [r, g, b] = [r, g, b].map((c) => Math.round(c * 0.9));
  }
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function contrastWithWhite(r: number, g: number, b: number): number {
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  return 1.05 / (luminance + 0.05);
}
