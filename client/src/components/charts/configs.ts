import { wrapWords } from '@parsurvey/shared'
import type { ChartConfiguration } from 'chart.js'
import { numberFormat } from '../../number-format.ts'
import { REST, SERIES } from './palette.ts'

/**
 * Chart configurations as plain data (no chart.js code here, types only), so they are built and
 * tested without a canvas. Numbers in tooltips and ticks are written in the UI language's way.
 */
const tick = (value: string | number) => (typeof value === 'number' ? numberFormat(2, 0).format(value) : value)

export type Series = { label: string; values: (number | null)[] }

/**
 * A long axis label as lines of at most `width` characters, broken between words (chart.js draws
 * an array label as several lines), so that a domain's full name stays readable beside its bars.
 */
export function wrapLabel(label: string, width = 42): string | string[] {
  const lines = wrapWords(label, width)
  return lines.length > 1 ? lines : label
}

/** Horizontal bars, one row per label (rankings, points against the maximum). */
export function horizontalBars(
  labels: (string | string[])[],
  series: Series[],
  options: { max?: number; stacked?: boolean; xTitle?: string } = {},
): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s, i) => ({
        label: s.label,
        data: s.values,
        backgroundColor: options.stacked && i === series.length - 1 ? REST : SERIES[i % SERIES.length],
        borderWidth: 0,
      })),
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: {
          stacked: options.stacked ?? false,
          beginAtZero: true,
          ...(options.max ? { max: options.max } : {}),
          ticks: { callback: tick },
          title: { display: !!options.xTitle, text: options.xTitle ?? '' },
        },
        y: { stacked: options.stacked ?? false, ticks: { autoSkip: false } },
      },
      plugins: {
        legend: { display: series.length > 1 },
        tooltip: {
          callbacks: {
            label: (item) =>
              `${item.dataset.label ?? ''}: ${item.parsed.x === null ? '—' : numberFormat(2, 0).format(item.parsed.x)}`,
          },
        },
      },
    },
  }
}

/** Responses per day as bars with the running total as a line on a second axis. */
export function dailyProgress(
  days: { day: string; responses: number; cumulative: number }[],
  labels: { day: string; total: string },
): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: days.map((d) => d.day.split('-').reverse().join('/')),
      datasets: [
        {
          type: 'bar',
          label: labels.day,
          data: days.map((d) => d.responses),
          backgroundColor: SERIES[0],
          yAxisID: 'y',
          order: 2,
        },
        {
          type: 'line',
          label: labels.total,
          data: days.map((d) => d.cumulative),
          borderColor: SERIES[1],
          backgroundColor: SERIES[1],
          yAxisID: 'total',
          pointRadius: 2,
          order: 1,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        y: { beginAtZero: true, ticks: { callback: tick }, title: { display: true, text: labels.day } },
        total: {
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          ticks: { callback: tick },
          title: { display: true, text: labels.total },
        },
      },
    },
  }
}
