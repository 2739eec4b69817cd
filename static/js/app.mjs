// Progressive enhancement only: every page works without JavaScript.
import { CharacterCount, initAll } from '../build/govuk-frontend.min.js'
import { countAsTheServerDoes } from './character-count.mjs'
import { initTimeoutWarning } from './timeout-warning.mjs'

countAsTheServerDoes(CharacterCount)
initAll()
initTimeoutWarning(document.getElementById('timeout-dialog'))
