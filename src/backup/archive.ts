import { createReadStream, createWriteStream } from 'node:fs'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'

import tar from 'tar-stream'

import { measuring } from './database'
import { BackupError, type MemberEntry } from './format'

export type ArchiveWriter = {
  /** Adds a member of known size from a stream; returns its size and SHA-256 as written. */
  add: (name: string, size: number, source: Readable, mtime?: Date) => Promise<MemberEntry>
  addBuffer: (name: string, data: Buffer) => Promise<MemberEntry>
  /** Writes the end of the archive and closes the file; returns its size and SHA-256. */
  finish: () => Promise<{ bytes: number; sha256: string }>
  /** Stops writing (the caller removes the file). */
  abort: () => Promise<void>
}

/**
 * A .tar.gz written as a stream to `file` (created, never overwritten, mode 0600: a backup holds
 * password hashes and the secret). Members are hashed as they are written.
 */
export const createArchiveWriter = (file: string): ArchiveWriter => {
  const pack = tar.pack()
  const archive = measuring()
  const written = pipeline(
    pack,
    zlib.createGzip({ level: 6 }),
    archive.stream,
    createWriteStream(file, { flags: 'wx', mode: 0o600 }),
  )
  // A failure (disk full, no permission) ends the member being written, then is reported.
  let failure: unknown = null
  written.catch((err) => {
    failure = err
  })
  const failed = written.then(
    () => new Promise<never>(() => {}),
    (err) => Promise.reject(err),
  )

  const add = async (name: string, size: number, source: Readable, mtime = new Date()) => {
    if (failure) throw failure
    const member = measuring()
    const entry = pack.entry({ name, size, mode: 0o600, mtime, type: 'file' })
    await Promise.race([pipeline(source, member.stream, entry), failed])
    const { bytes, sha256 } = member.result()
    return { name, size: bytes, sha256 }
  }
  return {
    add,
    addBuffer: (name, data) => add(name, data.length, Readable.from([data])),
    finish: async () => {
      pack.finalize()
      await written
      return archive.result()
    },
    abort: async () => {
      pack.destroy()
      await written.catch(() => {})
    },
  }
}

export type ArchiveEntry = { name: string; type: string; size: number; stream: Readable }

/**
 * Reads a .tar.gz member by member; `onEntry` must consume each member's stream. `onBytes` counts
 * the compressed bytes read (the progress of the whole read). Rejects on anything malformed:
 * not gzip, a truncated file, a bad tar header.
 */
export const readArchive = async (
  file: string,
  onEntry: (entry: ArchiveEntry) => Promise<void>,
  onBytes?: (bytes: number) => void,
) => {
  const extract = tar.extract()
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes?.(chunk.length)
      callback(null, chunk)
    },
  })
  const feeding = pipeline(createReadStream(file), counter, zlib.createGunzip(), extract)
  let feedError: unknown = null
  feeding.catch((err) => {
    feedError = err
  })
  try {
    for await (const entry of extract) {
      await onEntry({
        name: entry.header.name,
        type: entry.header.type ?? 'file',
        size: entry.header.size ?? 0,
        stream: entry as unknown as Readable,
      })
      // Whatever the caller left unread.
      entry.resume()
    }
  } catch (err) {
    // A refusal of the caller's stands; otherwise the stream's own error (bad gzip, a truncated
    // file) says more than what it did to the member being read.
    if (err instanceof BackupError) {
      extract.destroy()
      await feeding.catch(() => {})
      throw err
    }
    await feeding.catch(() => {})
    throw feedError ?? err
  }
  await feeding
}
