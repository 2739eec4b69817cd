// The warning before a draft's answers are deleted: an accessible <dialog> opened a few minutes before the
// time runs out, with a button that keeps the answers (it asks the server to extend the draft). Without
// JavaScript, the note on each page says when the answers will be deleted.

export function initTimeoutWarning (dialog) {
  if (!dialog || typeof dialog.showModal !== 'function') return

  const warnBefore = Number(dialog.dataset.warnBefore) * 1000
  const keepAliveUrl = dialog.dataset.keepAliveUrl
  const expiredUrl = dialog.dataset.expiredUrl
  const text = dialog.querySelector('[data-timeout-text]')
  const keepButton = dialog.querySelector('[data-timeout-keep]')
  const note = document.getElementById('timeout-note')
  let expiresAt = 0
  let warnTimer = null
  let expireTimer = null
  let returnFocus = null

  function schedule (expiresInSeconds) {
    clearTimeout(warnTimer)
    clearTimeout(expireTimer)
    const expiresIn = expiresInSeconds * 1000
    expiresAt = Date.now() + expiresIn
    warnTimer = setTimeout(warn, Math.max(0, expiresIn - warnBefore))
    expireTimer = setTimeout(expire, expiresIn + 1000)
  }

  // Time ran out. If the person had written something on this page, the page is sent (as Continue would):
  // the server, finding the answers deleted, shows back what this page carried so it can be copied.
  // Otherwise, the page that says the answers were deleted.
  function expire () {
    const form = document.querySelector('main form[method="post"]')
    const written = form && Array.from(form.querySelectorAll('textarea')).some((box) => box.value.trim() !== '')
    if (written) {
      form.submit()
    } else {
      window.location.assign(expiredUrl)
    }
  }

  function warn () {
    if (dialog.open) return
    const minutes = Math.max(1, Math.ceil((expiresAt - Date.now()) / 60000))
    text.textContent = dialog.dataset.textTemplate.replace('{minutes}', String(minutes))
    returnFocus = document.activeElement
    document.body.classList.add('app-timeout-open')
    dialog.showModal()
    keepButton.focus()
  }

  function close () {
    dialog.close()
    document.body.classList.remove('app-timeout-open')
    if (returnFocus && typeof returnFocus.focus === 'function') returnFocus.focus()
  }

  async function keep () {
    keepButton.disabled = true
    try {
      const response = await fetch(keepAliveUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      if (response.status === 410) {
        expire()
        return
      }
      const data = await response.json()
      if (note && data.at) note.textContent = note.dataset.template.replace('{time}', data.at)
      close()
      schedule(data.expires_in)
    } catch (error) {
      close()
    } finally {
      keepButton.disabled = false
    }
  }

  keepButton.addEventListener('click', keep)
  // Escape keeps the answers too: closing the warning should never lose them.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    keep()
  })
  schedule(Number(dialog.dataset.expiresIn))
}
