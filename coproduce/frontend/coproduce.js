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
