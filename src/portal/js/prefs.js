// Reading comfort that persists on this device: the text size.

import { byId } from './dom.js'

const SIZES = ['1', '2', '3', '4'] // 100 %, 112.5 %, 125 %, 140 %
const KEY = 'sotay-text-size'

/** @param {string} size */
const apply = (size) => {
  // The default size sets nothing: a change on <html> would restyle the whole page at start.
  if (size === SIZES[0]) delete document.documentElement.dataset.textSize
  else document.documentElement.dataset.textSize = size
}

export const startPrefs = () => {
  let size = '1'
  try {
    size = localStorage.getItem(KEY) || '1'
  } catch {
    // Private mode: the default size.
  }
  if (!SIZES.includes(size)) size = '1'
  apply(size)
  const smaller = /** @type {HTMLButtonElement} */ (byId('text-smaller'))
  const larger = /** @type {HTMLButtonElement} */ (byId('text-larger'))
  const update = () => {
    smaller.disabled = size === SIZES[0]
    larger.disabled = size === SIZES[SIZES.length - 1]
  }
  /** @param {number} step */
  const change = (step) => {
    const next = SIZES[SIZES.indexOf(size) + step]
    if (!next) return
    size = next
    apply(size)
    try {
      localStorage.setItem(KEY, size)
    } catch {
      // Not kept, still applied.
    }
    update()
  }
  smaller.addEventListener('click', () => change(-1))
  larger.addEventListener('click', () => change(1))
  byId('text-size').hidden = false
  update()
}
