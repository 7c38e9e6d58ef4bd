/*
 * The dashboard's only script, served as /assets/dashboard.js (compiled from this file by
 * swc; no inline script, as the Content-Security-Policy wants). It draws the charts the
 * server described in `data-chart` attributes with Chart.js, and turns the as-of date
 * into a slider across the fiscal year. The pages work without it: the tables carry the
 * same numbers and the time control is a plain form.
 *
 * No import/export, so swc emits a plain browser script; everything sits in one function
 * so nothing leaks into the global scope. The DOM types it needs are declared here
 * because the project compiles for Node without the DOM library.
 */
(() => {
  interface ChartSpec {
    kind: 'bar' | 'line';
    labels: string[];
    series: { label: string; data: number[]; color: string }[];
    stacked?: boolean;
    horizontal?: boolean;
    stepped?: boolean;
    lang: 'vi' | 'en';
  }
  interface El {
    getAttribute(name: string): string | null;
    setAttribute(name: string, value: string): void;
    removeAttribute(name: string): void;
    addEventListener(type: string, listener: () => void): void;
    textContent: string | null;
  }
  interface Input extends El {
    value: string;
    valueAsNumber: number;
    form: { requestSubmit(): void } | null;
  }
  interface Doc {
    querySelectorAll(selector: string): ArrayLike<El>;
    getElementById(id: string): El | null;
  }
  interface TooltipItem {
    dataset: { label?: string };
    parsed: { x: number | null; y: number | null };
  }
  type ChartConstructor = new (canvas: El, config: unknown) => unknown;

  const g = globalThis as unknown as { document: Doc; Chart?: ChartConstructor };
  const doc = g.document;

  const numberFormat = (lang: string): ((value: number) => string) => {
    const format = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', {
      maximumFractionDigits: 0,
    });
    return (value) => format.format(value);
  };

  const formatDate = (iso: string, lang: string): string => {
    const [y, m, d] = iso.split('-').map(Number);
    if (lang !== 'en') return `${d}/${m}/${y}`;
    const months = [
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ];
    return `${d} ${months[(m ?? 1) - 1]} ${y}`;
  };

  function drawCharts(): void {
    const Chart = g.Chart;
    if (!Chart) return;
    const canvases = doc.querySelectorAll('canvas[data-chart]');
    for (let i = 0; i < canvases.length; i++) {
      const canvas = canvases[i];
      const raw = canvas?.getAttribute('data-chart');
      if (!canvas || !raw) continue;
      const spec = JSON.parse(raw) as ChartSpec;
      const money = numberFormat(spec.lang);
      const valueAxis = spec.horizontal ? 'x' : 'y';
      const categoryAxis = spec.horizontal ? 'y' : 'x';
      new Chart(canvas, {
        type: spec.kind,
        data: {
          labels: spec.labels,
          datasets: spec.series.map((s) => ({
            label: s.label,
            data: s.data,
            backgroundColor: s.color,
            borderColor: s.color,
            borderWidth: spec.kind === 'line' ? 2 : 0,
            stepped: spec.stepped ? 'after' : false,
            pointRadius: spec.kind === 'line' ? 3 : 0,
            fill: false,
          })),
        },
        options: {
          indexAxis: spec.horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            [valueAxis]: {
              stacked: spec.stacked === true,
              beginAtZero: true,
              ticks: { callback: (value: number | string) => money(Number(value)), color: '#333' },
            },
            [categoryAxis]: { stacked: spec.stacked === true, ticks: { color: '#333' } },
          },
          plugins: {
            legend: { position: 'bottom', labels: { color: '#222' } },
            tooltip: {
              callbacks: {
                label: (item: TooltipItem) =>
                  `${item.dataset.label ?? ''}: ${money(Number((spec.horizontal ? item.parsed.x : item.parsed.y) ?? 0))} đ`,
              },
            },
          },
        },
      });
      canvas.setAttribute('data-rendered', 'true');
    }
  }

  /** The slider moves the as-of date across the year; letting go shows the books then. */
  function wireSliders(): void {
    const sliders = doc.querySelectorAll('input[data-asof-slider]');
    for (let i = 0; i < sliders.length; i++) {
      const slider = sliders[i] as Input | undefined;
      if (!slider) continue;
      const start = slider.getAttribute('data-start') ?? '';
      const lang = slider.getAttribute('data-lang') ?? 'vi';
      const target = doc.getElementById(slider.getAttribute('data-target') ?? '') as Input | null;
      const output = doc.getElementById(`${slider.getAttribute('id') ?? ''}-value`);
      const wrapper = doc.querySelectorAll('[data-slider-wrapper]')[0];
      wrapper?.removeAttribute('hidden');
      const dateAt = (): string => {
        const day = new Date(`${start}T00:00:00Z`);
        day.setUTCDate(day.getUTCDate() + slider.valueAsNumber);
        return day.toISOString().slice(0, 10);
      };
      // The date field is typed day first whatever the page's language: 31/5/2024.
      slider.addEventListener('input', () => {
        const iso = dateAt();
        if (target) target.value = formatDate(iso, 'vi');
        if (output) output.textContent = formatDate(iso, lang);
      });
      slider.addEventListener('change', () => {
        if (target) target.value = formatDate(dateAt(), 'vi');
        slider.form?.requestSubmit();
      });
    }
  }

  drawCharts();
  wireSliders();
})();
