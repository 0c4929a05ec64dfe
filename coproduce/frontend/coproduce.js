// Starts GOV.UK Frontend's components and our small enhancements. Every page works without this.
import { initAll } from './govuk/govuk-frontend.min.js'

initAll()

// Live feeds: an element with data-live-feed="URL" is refreshed from that URL every few seconds, so a
// facilitator sees participants' comments arrive without reloading the page.
for (const feed of document.querySelectorAll('[data-live-feed]')) {
  const refresh = async () => {
    try {
      const response = await fetch(feed.dataset.liveFeed, { credentials: 'same-origin' })
      if (response.ok) feed.innerHTML = await response.text()
    } catch {
      // Offline for a moment: try again at the next tick.
    }
  }
  setInterval(refresh, 5000)
}

// Stage clocks: an element with data-countdown="SECONDS" counts down every second. Live feeds replace
// such elements every few seconds with the server's figure, which stays the truth; without JavaScript
// the page shows that figure as it was when loaded. Clocks have role="timer", so screen readers do not
// announce every second inside the live regions that hold them.
const showCountdowns = () => {
  const now = Date.now()
  for (const clock of document.querySelectorAll('[data-countdown]')) {
    if (!clock.dataset.deadline) clock.dataset.deadline = String(now + Number(clock.dataset.countdown) * 1000)
    const left = Math.max(0, Math.round((Number(clock.dataset.deadline) - now) / 1000))
    const minutes = Math.floor(left / 60)
    const seconds = String(left % 60).padStart(2, '0')
    clock.textContent = left > 0 ? `${minutes}:${seconds} left` : 'time is up'
  }
}
setInterval(showCountdowns, 1000)
showCountdowns()
