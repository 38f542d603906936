import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  effect,
  inject,
  input,
  viewChild,
} from '@angular/core';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';

// Only what the dashboards draw, so the chart chunk stays small (chart.js tree-shakes by registration).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);
Chart.defaults.font.family = 'Sarabun, Tahoma, sans-serif';
Chart.defaults.font.size = 13;
Chart.defaults.color = '#374151';

/**
 * A chart.js canvas that follows its `config` input. The canvas is an image for assistive technology (`label`);
 * every chart on the dashboards has a table beside it with the same numbers.
 */
@Component({
  selector: 'app-chart',
  template: `<div class="box" [style.height]="height()">
    <canvas #canvas role="img" [attr.aria-label]="label()"></canvas>
  </div>`,
  styles: `
    .box {
      position: relative;
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChartView {
  readonly config = input.required<ChartConfiguration>();
  readonly label = input.required<string>();
  readonly height = input('18rem');
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    let ready = false;
    afterNextRender(() => {
      ready = true;
      this.draw(this.config());
    });
    effect(() => {
      const config = this.config();
      if (ready) this.draw(config);
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  private draw(config: ChartConfiguration): void {
    this.chart?.destroy();
    this.chart = new Chart(this.canvas().nativeElement, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options },
    });
  }
}
