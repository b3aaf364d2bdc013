import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js'

/**
 * Only the chart.js parts the analyst charts use are registered, so the bundle stays small;
 * this module is reached through a lazy import only (the charts chunk).
 */
const whiteBackground: Plugin = {
  id: 'parsurveyWhiteBackground',
  // A downloaded PNG is pasted into reports: paint it on white instead of transparent.
  beforeDraw(chart) {
    const { ctx, width, height } = chart
    ctx.save()
    ctx.globalCompositeOperation = 'destination-over'
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, width, height)
    ctx.restore()
  },
}

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  whiteBackground,
)
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"
Chart.defaults.color = '#1c2320'

export { Chart }
