// Starts GOV.UK Frontend's components and our small enhancements. Every page works without this.
import { initAll } from './govuk/govuk-frontend.min.js'

initAll()

// Live feeds: an element with data-live-feed="URL" is refreshed from that URL every few seconds, so a
// facilitator sees participants' comments arrive without reloading the page.
for (const feed of document.querySelectorAll('[data-live-feed]')) {
  const refresh = async () => {
    try {
      const response = await fetch(feed.dataset.liveFeed, { credentials: 'same-origin' })
      if (response.ok) {
        feed.innerHTML = await response.text()
        feed.dispatchEvent(new CustomEvent('live-feed:refreshed', { bubbles: true }))
      }
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

// Stage forms: a participant's form (data-stage-form) follows the stage the room is at, read from the
// refreshed status (#method-status [data-step]). While the box is empty, the question and the hidden step
// change with the room (or, at a stage that takes no answers or once the method has finished, the page
// reloads and the server shows what comes next). Once text is typed, the question it answers stays, and the
// page says the room has moved on: sent, it is filed under that question and marked late. Without JavaScript the hidden step is the stage the page was loaded at, and the server files
// the answer there.
document.addEventListener('live-feed:refreshed', (event) => {
  if (event.target.id !== 'method-status') return
  const room = event.target.querySelector('[data-step]')
  const form = document.querySelector('[data-stage-form]')
  if (!room || !form) return
  const step = form.querySelector('input[name="step"]')
  const text = form.querySelector('textarea')
  if (!step || step.value === room.dataset.step) return
  let note = form.querySelector('[data-stage-note]')
  if (!note) {
    note = document.createElement('p')
    note.className = 'govuk-inset-text'
    note.dataset.stageNote = ''
    note.setAttribute('role', 'status')
    form.prepend(note)
  }
  const typed = text && text.value.trim()
  if (!typed && room.dataset.takesAnswers === '1' && room.dataset.prompt) {
    step.value = room.dataset.step
    const prompt = form.querySelector('[data-stage-prompt]')
    if (prompt) prompt.textContent = room.dataset.prompt
    note.textContent = `The room has moved on to ${room.dataset.label}. The question has changed.`
  } else if (!typed) {
    window.location.reload()
  } else {
    note.textContent = 'The room has moved on. You can still send what you have written: it will be kept with the question you answered.'
  }
})
