/**
 * `scan: all` / CLI `--all`: every tracked file of the working tree, read from disk line by line.
 * Never follows a symbolic link (a tracked link can point anywhere, e.g. /etc or another job's files), never
 * reads outside the repository, skips submodules, binaries (NUL in the first 8000 bytes, git's test) and files
 * over the size limit, each with a reason in the coverage.
 */
import { constants } from 'node:fs'
import { open, realpath } from 'node:fs/promises'
import path from 'node:path'
import type { AddedLine } from '../scan/types.js'
import { CoverageRecorder, type LineSource } from './coverage.js'
import { DEFAULT_GIT_TIMEOUT_MS, GitError, runGit, streamGit } from './git.js'
import { decodeText, SegmentDecoder, splitLines } from './lines.js'

const BINARY_SNIFF_BYTES = 8000
const SYMLINK_MODE = '120000'
const GITLINK_MODE = '160000'

export interface TreeOptions {
  maxFileBytes: number
  maxLineBytes: number
  timeoutMs?: number
  /** Also scan untracked files that are not ignored (a developer's new `.env` before `git add`). */
  includeUntracked?: boolean
}

export function collectTreeLines(cwd: string, options: TreeOptions): LineSource {
  const coverage = new CoverageRecorder('all', 'working tree')
  return { lines: treeLines(cwd, options, coverage), coverage: () => coverage.snapshot() }
}

interface TreeEntry {
  /** For display and reports (UTF-8, or latin1 when the name is not UTF-8). */
  path: string
  /** The name's bytes as git stores them, for the file system. */
  name: Buffer
  /** Mode from the index; undefined for untracked files. */
  mode?: string
}

async function* treeLines(
  cwd: string,
  options: TreeOptions,
  coverage: CoverageRecorder
): AsyncGenerator<AddedLine> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS
  let root: Buffer
  try {
    const { stdout } = await runGit(['rev-parse', '--show-toplevel'], { cwd, timeoutMs })
    root = await realpath(stdout.replace(/\n$/, ''), { encoding: 'buffer' })
  } catch (error) {
    coverage.skip(
      {
        what: 'working tree',
        reason: error instanceof GitError ? error.message : String(error),
        fix: 'run the scan inside a git checkout (actions/checkout)'
      },
      true
    )
    return
  }
  const scanned = new Set<string>()
  const listings: Array<{ args: string[]; staged: boolean }> = [
    { args: ['ls-files', '-z', '--stage'], staged: true }
  ]
  if (options.includeUntracked) {
    listings.push({ args: ['ls-files', '-z', '--others', '--exclude-standard'], staged: false })
  }
  const insideRoot = new Map<string, boolean>()
  for (const listing of listings) {
    const stream = streamGit(listing.args, { cwd: root.toString(), timeoutMs })
    try {
      for await (const entry of nulRecords(stream.stdout)) {
        const parsed = listing.staged ? parseStageEntry(entry) : { path: decodeText(entry), name: entry }
        if (!parsed || scanned.has(parsed.path)) continue
        scanned.add(parsed.path)
        yield* fileLines(root, parsed, options, coverage, insideRoot)
      }
      await stream.finished
    } catch (error) {
      if (!(error instanceof GitError)) throw error
      coverage.skip({ what: 'working tree', reason: `listing files failed: ${error.message}` }, true)
    } finally {
      stream.kill()
    }
  }
}

/** `<mode> <object> <stage>\t<path>` from `git ls-files --stage`. */
function parseStageEntry(record: Buffer): TreeEntry | undefined {
  const tab = record.indexOf(0x09)
  if (tab === -1) return undefined
  const name = record.subarray(tab + 1)
  return { path: decodeText(name), name, mode: record.subarray(0, record.indexOf(0x20)).toString('latin1') }
}

async function* nulRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry = Buffer.alloc(0)
  for await (const chunk of chunks) {
    let data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk
    for (let end = data.indexOf(0); end !== -1; end = data.indexOf(0)) {
      yield Buffer.from(data.subarray(0, end))
      data = data.subarray(end + 1)
    }
    carry = Buffer.from(data)
  }
}

async function* fileLines(
  root: Buffer,
  entry: TreeEntry,
  options: TreeOptions,
  coverage: CoverageRecorder,
  insideRoot: Map<string, boolean>
): AsyncGenerator<AddedLine> {
  if (entry.mode === GITLINK_MODE) {
    coverage.skip({ what: entry.path, reason: 'submodule: scan it in its own repository' })
    return
  }
  if (entry.mode === SYMLINK_MODE) {
    coverage.skip({ what: entry.path, reason: 'symbolic link: not followed' })
    return
  }
  const absolute = Buffer.concat([root, Buffer.from('/'), entry.name])
  const components = entry.name.toString('latin1').split('/')
  if (
    components.some(part => part === '..' || part === '') ||
    !(await directoryInside(root, entry.name, insideRoot))
  ) {
    coverage.skip({ what: entry.path, reason: 'outside the repository (through a symbolic link): not read' })
    return
  }
  let handle
  try {
    handle = await open(absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return
    const reason = code === 'ELOOP' ? 'symbolic link: not followed' : `could not be read (${code ?? 'error'})`
    coverage.skip({ what: entry.path, reason })
    return
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) {
      coverage.skip({ what: entry.path, reason: 'not a regular file: not read' })
      return
    }
    if (stat.size > options.maxFileBytes) {
      coverage.skip({
        what: entry.path,
        reason: `larger than ${formatBytes(options.maxFileBytes)}: not scanned`
      })
      return
    }
    const chunks = handle.createReadStream({ autoClose: false, end: Math.max(0, options.maxFileBytes - 1) })
    const iterator = chunks[Symbol.asyncIterator]() as AsyncIterator<Buffer>
    const first = await iterator.next()
    if (first.done) return
    if (first.value.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      coverage.skip({ what: entry.path, reason: 'binary file: not scanned' })
      chunks.destroy()
      return
    }
    coverage.addFile(entry.path)
    const decoder = new SegmentDecoder(0)
    let line = 0
    for await (const segment of splitLines(prepend(first.value, iterator), options.maxLineBytes)) {
      if (segment.offset === 0) line++
      coverage.bytes += segment.final ? segment.bytes.length : segment.advance
      const { text, columnOffset } = decoder.decode(segment)
      const added: AddedLine = { path: entry.path, line, text }
      if (columnOffset !== undefined) added.columnOffset = columnOffset
      yield added
    }
  } finally {
    await handle.close()
  }
}

/** The real directory of `name` is the repository or inside it (no symlinked directory on the way). */
async function directoryInside(root: Buffer, name: Buffer, cache: Map<string, boolean>): Promise<boolean> {
  const slash = name.lastIndexOf(0x2f)
  if (slash === -1) return true
  const directory = Buffer.concat([root, Buffer.from('/'), name.subarray(0, slash)])
  const key = directory.toString('latin1')
  let inside = cache.get(key)
  if (inside === undefined) {
    try {
      const real = await realpath(directory, { encoding: 'buffer' })
      inside =
        real.equals(root) ||
        real.subarray(0, root.length + 1).equals(Buffer.concat([root, Buffer.from(path.sep)]))
    } catch {
      inside = false
    }
    cache.set(key, inside)
  }
  return inside
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`
  return `${bytes} bytes`
}
