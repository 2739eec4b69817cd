// The character count as the server counts it: after the answer is cleaned (wizard/journey/forms.py, clean_text),
// in Unicode characters (code points), not in UTF-16 units as GOV.UK Frontend counts. So an emoji counts 1, not 2;
// "ŵ" and "ŷ" count 1 however the keyboard typed them (NFC); a line break counts 1 (a browser sends it as 2);
// and the invisible characters the server removes (controls, bidirectional marks, zero-width spaces, soft
// hyphens) count 0. Spaces at the ends of lines and of the answer count 0, as the server strips them.

// Removed by the server wherever they are (variation selectors and joiners are kept, as the server keeps them
// after a visible character, so an emoji like ❤️ counts 2 on both sides).
// eslint-disable-next-line no-control-regex
const REMOVED = /[\u0000-\u0008\u000e-\u001b\u001f\u007f-\u0084\u0086-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff0-\ufff8]/g
const LINE_BREAKS = /\r\n|[\r\u000b\u000c\u001c-\u001e\u0085\u2028\u2029]/g

export function countCharacters (value) {
  const text = value.normalize('NFC').replace(LINE_BREAKS, '\n').replace(REMOVED, '').replace(/\t/g, ' ')
  const trimmed = text.split('\n').map((line) => line.trimEnd()).join('\n').trim()
  return Array.from(trimmed).length
}

// GOV.UK Frontend's CharacterCount counts text.length: count as the server does instead (words stay as they are).
export function countAsTheServerDoes (CharacterCount) {
  const updateCount = CharacterCount.prototype.updateCount
  CharacterCount.prototype.updateCount = function () {
    if (this.config.maxwords) return updateCount.call(this)
    this.count = countCharacters(this.$textarea.value)
  }
}
