import { existsSync } from 'node:fs'

import { chromium } from 'playwright-core'

/** Debian's Chromium (Playwright's own download cannot work here). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** Whether browser tests can run; prints why they are skipped when they cannot. */
export const hasChromium = (() => {
  const found = existsSync(CHROMIUM)
  if (!found) {
    console.log(
      `[e2e] skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
    )
  }
  return found
})()

/** The flags these machines need (also used by scripts/bench-portal.ts). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Headless Chromium with the flags these machines need. */
export const launchChromium = () =>
  chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
