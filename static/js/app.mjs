// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '../build/govuk-frontend.min.js'
import { initTimeoutWarning } from './timeout-warning.mjs'

initAll()
initTimeoutWarning(document.getElementById('timeout-dialog'))
