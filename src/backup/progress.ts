/**
 * A progress bar on stderr for the backup and restore commands: redrawn in place when stderr is a
 * terminal, one line every tenth of the way otherwise (logs, CI), so a long run shows it is moving
 * either way.
 */
export type Progress = {
  /** Sets how much is done (same unit as the total). */
  update: (done: number) => void
  /** Adds to what is done. */
  add: (amount: number) => void
  /** Marks the step finished (the total may have been an estimate). */
  finish: () => void
}

const WIDTH = 30

export const formatBytes = (bytes: number) => {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`
}

export const progressBar = (
  label: string,
  total: number,
  {
    unit = '',
    stream = process.stderr,
  }: {
    /** 'bytes' shows sizes; any other word is shown after the counts ("12/40 tables"). */
    unit?: string
    stream?: NodeJS.WriteStream
  } = {},
): Progress => {
  const isTty = Boolean(stream.isTTY)
  let done = 0
  let lastDraw = 0
  let lastTenth = -1
  let finished = false
  const amount = () =>
    unit === 'bytes'
      ? `${formatBytes(done)} / ${formatBytes(total)}`
      : `${done}/${total}${unit ? ` ${unit}` : ''}`
  const fraction = () => (total > 0 ? Math.min(1, done / total) : 1)
  const draw = (force: boolean) => {
    const now = Date.now()
    if (isTty) {
      if (!force && now - lastDraw < 100) return
      lastDraw = now
      const filled = Math.round(fraction() * WIDTH)
      stream.write(
        `\r${label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ` +
          `${String(Math.floor(fraction() * 100)).padStart(3)}% ${amount()}\x1b[K`,
      )
      return
    }
    const tenth = Math.floor(fraction() * 10)
    if (tenth === lastTenth) return
    lastTenth = tenth
    stream.write(`${label.padEnd(10)} ${String(tenth * 10).padStart(3)}% ${amount()}\n`)
  }
  draw(true)
  return {
    update: (value) => {
      done = value
      if (!finished) draw(false)
    },
    add: (value) => {
      done += value
      if (!finished) draw(false)
    },
    finish: () => {
      if (finished) return
      if (done < total) done = total
      total = Math.max(total, done)
      draw(true)
      finished = true
      if (isTty) stream.write('\n')
    },
  }
}
