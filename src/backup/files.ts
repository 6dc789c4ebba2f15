import { existsSync } from 'node:fs'
import { lstat, readdir } from 'node:fs/promises'
import path from 'node:path'

import { projectRoot } from '../server/environment'

/** Where uploads live: MEDIA_DIR, else `./media` (as the server decides). */
export const mediaDirectory = () =>
  path.resolve(process.env.MEDIA_DIR || path.join(projectRoot, 'media'))

export type MediaFile = { relative: string; absolute: string; size: number; mtime: Date }

/**
 * Every regular file under `dir`, sorted, with paths relative to it ('/'-separated). Hidden
 * files (`.gitkeep`) and symbolic links are not uploads and are left out.
 */
export const listFiles = async (dir: string): Promise<MediaFile[]> => {
  if (!existsSync(dir)) return []
  const files: MediaFile[] = []
  const walk = async (folder: string, prefix: string) => {
    const entries = await readdir(folder, { withFileTypes: true })
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const absolute = path.join(folder, entry.name)
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) await walk(absolute, relative)
      else if (entry.isFile()) {
        const info = await lstat(absolute)
        files.push({ relative, absolute, size: info.size, mtime: info.mtime })
      }
    }
  }
  await walk(dir, '')
  return files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0))
}
