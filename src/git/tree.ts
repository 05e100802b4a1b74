/**
 * `scan: all` / CLI `--all`: every tracked file of the working tree, read from disk.
 * Never follows a symbolic link (a tracked link can point anywhere, e.g. /etc or another job's files), never
 * reads outside the repository, skips submodules, binaries (NUL in the first 8000 bytes, git's test) and files
 * over the size limit, each with a reason in the coverage.
 *
 * Files are read whole (each at most `maxFileBytes`, so memory stays bounded) and offered two ways: as bytes
 * (`files`, for the scanner's fast path: most lines hold no keyword, so they are never decoded) and as lines
 * (`lines`, long ones in overlapping windows, like every other source). Every listed file is offered, those not
 * read with no bytes, so that every name is scanned too (a key in a file name is a committed key). The bytes of each file are read into
 * one reused buffer: a file's bytes are valid only until the next file is requested.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync
} from 'node:fs'
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { formatBytes } from '../report/format.js'
import { decodeText, wideTextAsUtf8 } from '../scan/decode.js'
import type { CoverageRecorder, LineSource } from '../scan/coverage.js'
import { fileNameLine, type FileBytes } from '../scan/scanner.js'
import type { AddedLine } from '../scan/types.js'
import { DEFAULT_GIT_TIMEOUT_MS, GitError, runGit, streamGit } from './git.js'
import { SegmentDecoder, splitLines } from './lines.js'

const SYMLINK_MODE = Buffer.from('120000 ')
const NO_BYTES = Buffer.alloc(0)
const GITLINK_MODE = Buffer.from('160000 ')
/** O_NONBLOCK: opening a FIFO (or a device) put in place of a file must not wait for a writer. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)
/** `a//b`, `/a`, `a/`, `../a`, `a/..`: a name git would never list, so one that must not be followed. */
const EMPTY_OR_PARENT_COMPONENT = /(?:^|\/)(?:\.\.)?(?:\/|$)/

export interface TreeOptions {
  maxFileBytes: number
  maxLineBytes: number
  timeoutMs?: number
  /** Also scan untracked files that are not ignored (a developer's new `.env` before `git add`). */
  includeUntracked?: boolean
}

/** The tree as a source: iterate `files` or `lines`, not both (each reads the tree and records coverage). */
export function collectTreeLines(cwd: string, options: TreeOptions, coverage: CoverageRecorder): LineSource {
  return {
    files: treeFileBatches(cwd, options, coverage),
    lines: linesOf(treeFileBatches(cwd, options, coverage), options.maxLineBytes),
    coverage: () => coverage.snapshot()
  }
}

interface TreeEntry {
  /** For display and reports (UTF-8, or latin1 when the name is not UTF-8). */
  path: string
  /** The name's bytes as git stores them, for the file system. */
  name: Buffer
  /** From the index's mode; undefined for untracked files. */
  kind?: 'file' | 'symlink' | 'submodule'
}

async function* treeFileBatches(
  cwd: string,
  options: TreeOptions,
  coverage: CoverageRecorder
): AsyncGenerator<Iterable<FileBytes>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS
  let root: Buffer
  try {
    root = await repositoryRoot(cwd, timeoutMs)
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
  // The index is sorted by path, so a conflicted file's stages (1, 2, 3) come one after another; untracked files
  // are in no stage. Skipping a repeat of the previous path reads each file once.
  let previousPath: string | undefined
  const listings: Array<{ args: string[]; staged: boolean }> = [
    { args: ['ls-files', '-z', '--stage'], staged: true }
  ]
  if (options.includeUntracked) {
    listings.push({ args: ['ls-files', '-z', '--others', '--exclude-standard'], staged: false })
  }
  const reader = new FileReader(root, options.maxFileBytes, coverage)
  function* readEach(batch: Buffer, staged: boolean): Generator<FileBytes> {
    for (let start = 0, end = batch.indexOf(0); end !== -1; start = end + 1, end = batch.indexOf(0, start)) {
      const entry = staged ? parseStageEntry(batch, start, end) : untrackedEntry(batch.subarray(start, end))
      if (!entry || entry.path === previousPath) continue
      previousPath = entry.path
      // A file that is not read (empty, too large, a link) is still offered by name: its name is scanned.
      yield reader.read(entry) ?? { path: entry.path, bytes: NO_BYTES }
    }
  }
  for (const listing of listings) {
    const stream = streamGit(listing.args, { cwd: root.toString(), timeoutMs })
    try {
      for await (const batch of nulRecordBatches(stream.stdout)) yield readEach(batch, listing.staged)
      await stream.finished
    } catch (error) {
      if (!(error instanceof GitError)) throw error
      coverage.skip({ what: 'working tree', reason: `listing files failed: ${error.message}` }, true)
    } finally {
      stream.kill()
    }
  }
}

/**
 * The checkout's top directory, real path. `cwd` itself when it holds `.git` (a checkout's root, as
 * GITHUB_WORKSPACE is) and no GIT_DIR/GIT_WORK_TREE points elsewhere: starting git only to hear that costs
 * more than a tenth of a small tree's scan.
 */
async function repositoryRoot(cwd: string, timeoutMs: number): Promise<Buffer> {
  const gitDirectoryChosen = process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined
  if (!gitDirectoryChosen && existsSync(path.join(cwd, '.git'))) return realpath(cwd, { encoding: 'buffer' })
  const { stdout } = await runGit(['rev-parse', '--show-toplevel'], { cwd, timeoutMs })
  return realpath(stdout.replace(/\n$/, ''), { encoding: 'buffer' })
}

/** Each line of each file (without `\r\n` / `\n`); lines longer than `maxLineBytes` as overlapping windows. */
async function* linesOf(
  batches: AsyncIterable<Iterable<FileBytes>>,
  maxLineBytes: number
): AsyncGenerator<AddedLine> {
  for await (const batch of batches) {
    for (const file of batch) {
      yield fileNameLine(file.path)
      if (file.bytes.length === 0) continue
      const decoder = new SegmentDecoder(0)
      let line = 0
      for await (const segment of splitLines([file.bytes], maxLineBytes)) {
        if (segment.offset === 0) line++
        const { text, columnOffset } = decoder.decode(segment)
        const added: AddedLine = { path: file.path, line, text }
        if (columnOffset !== undefined) added.columnOffset = columnOffset
        yield added
      }
    }
  }
}

/**
 * Reads tracked files with synchronous calls: a tree is thousands of small files, and a thread-pool round trip
 * per open, stat, read and close costs more than reading a typical source file. Every file is read into the
 * same buffer of `maxFileBytes + 1` bytes (its pages are only touched as large files need them): allocating
 * one per file costs twice the time of reading, in allocation and garbage collection.
 *
 * A regular file is read whole by one `read` of up to `maxFileBytes + 1` bytes, with no `fstat`: syscalls are
 * most of the cost of a tree of small files. Only what a regular file cannot give (nothing, more than the
 * limit, an error such as EAGAIN or EISDIR) is checked with `fstat`, so a FIFO, a device or a directory put in
 * place of a file is reported as such and never waited on.
 */
class FileReader {
  private readonly insideRoot = new Map<string, boolean>()
  private buffer: Buffer | undefined
  private readonly rootSlash: Buffer
  /** What names are opened under: nothing when the root is the working directory (shorter lookups). */
  private readonly openPrefix: Buffer
  private readonly tooLarge: string

  constructor(
    private readonly root: Buffer,
    private readonly maxFileBytes: number,
    private readonly coverage: CoverageRecorder
  ) {
    this.rootSlash = Buffer.concat([root, Buffer.from('/')])
    this.openPrefix = isWorkingDirectory(root) ? Buffer.alloc(0) : this.rootSlash
    this.tooLarge = `larger than ${formatBytes(maxFileBytes)}: not scanned`
  }

  /** The file's bytes, or undefined (with the reason in the coverage) when it is not scanned. */
  read(entry: TreeEntry): FileBytes | undefined {
    if (entry.kind === 'submodule') return this.skip(entry, 'submodule: scan it in its own repository')
    if (entry.kind === 'symlink') return this.skip(entry, 'symbolic link: not followed')
    if (EMPTY_OR_PARENT_COMPONENT.test(entry.path) || !this.directoryInside(entry.path, entry.name)) {
      return this.skip(entry, 'outside the repository (through a symbolic link): not read')
    }
    let descriptor: number
    try {
      descriptor = openSync(this.pathOf(entry.name), OPEN_FLAGS)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return undefined
      if (code === 'ELOOP') return this.skip(entry, 'symbolic link: not followed')
      return this.skip(entry, `could not be read (${code ?? 'error'})`, true)
    }
    let bytes: Buffer
    try {
      this.buffer ??= Buffer.allocUnsafe(this.maxFileBytes + 1)
      let length: number
      try {
        // One byte more than the limit allows: a larger file is caught, not cut.
        length = readSync(descriptor, this.buffer, 0, this.buffer.length, null)
      } catch (error) {
        if (!isRegularFile(descriptor)) return this.skip(entry, 'not a regular file: not read')
        return this.skip(
          entry,
          `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
          true
        )
      }
      if ((length === 0 || length > this.maxFileBytes) && !isRegularFile(descriptor)) {
        return this.skip(entry, 'not a regular file: not read')
      }
      if (length > this.maxFileBytes) return this.skip(entry, this.tooLarge, true)
      bytes = this.buffer.subarray(0, length)
    } finally {
      closeSync(descriptor)
    }
    if (bytes.length === 0) return undefined
    this.coverage.countFile()
    this.coverage.bytes += bytes.length
    return { path: entry.path, bytes: wideTextAsUtf8(bytes) ?? bytes }
  }

  private pathOf(name: Buffer): Buffer {
    return this.openPrefix.length === 0 ? name : Buffer.concat([this.openPrefix, name])
  }

  /** The real directory of `name` is the repository or inside it (no symlinked directory leads out). */
  private directoryInside(path: string, name: Buffer): boolean {
    // Keyed by the decoded path, whose slashes are the name's (decodeText never makes or takes one).
    const slash = path.lastIndexOf('/')
    if (slash === -1) return true
    const directoryPath = path.slice(0, slash)
    let inside = this.insideRoot.get(directoryPath)
    if (inside === undefined) {
      const directory = name.subarray(0, name.lastIndexOf(0x2f))
      inside = this.directoryInside(directoryPath, directory) && this.resolvesInside(directory)
      this.insideRoot.set(directoryPath, inside)
    }
    return inside
  }

  /** `unscanned`: content that could not be read (it fails `fail-on: leak`), not something without content. */
  private skip(entry: TreeEntry, reason: string, unscanned = false): undefined {
    this.coverage.skip(unscanned ? { what: entry.path, reason, unscanned } : { what: entry.path, reason })
    return undefined
  }

  /**
   * `directory`, whose parents are known to be inside, is a real directory or a link to one inside the
   * repository. One lstat per directory; realpath only for links.
   */
  private resolvesInside(directory: Buffer): boolean {
    const location = this.pathOf(directory)
    try {
      if (!lstatSync(location).isSymbolicLink()) return true
      const real = realpathSync.native(location, { encoding: 'buffer' })
      return real.equals(this.root) || real.subarray(0, this.rootSlash.length).equals(this.rootSlash)
    } catch (error) {
      // A directory deleted from the working tree: its files are simply gone, as a deleted file is.
      return (error as NodeJS.ErrnoException).code === 'ENOENT'
    }
  }
}

function isWorkingDirectory(directory: Buffer): boolean {
  try {
    return directory.equals(Buffer.from(process.cwd()))
  } catch {
    return false
  }
}

function isRegularFile(descriptor: number): boolean {
  try {
    return fstatSync(descriptor).isFile()
  } catch {
    return false
  }
}

/** The record at [start, end) of a batch of `git ls-files --stage`: `<mode> <object> <stage>\t<path>`. */
function parseStageEntry(batch: Buffer, start: number, end: number): TreeEntry | undefined {
  const tab = batch.indexOf(0x09, start)
  if (tab === -1 || tab >= end) return undefined
  const name = batch.subarray(tab + 1, end)
  return { path: decodeText(name), name, kind: kindOfMode(batch, start) }
}

function kindOfMode(batch: Buffer, start: number): TreeEntry['kind'] {
  if (bytesAt(batch, start, SYMLINK_MODE)) return 'symlink'
  return bytesAt(batch, start, GITLINK_MODE) ? 'submodule' : 'file'
}

function bytesAt(haystack: Buffer, start: number, bytes: Buffer): boolean {
  return haystack.compare(bytes, 0, bytes.length, start, start + bytes.length) === 0
}

/** A record of `git ls-files --others`: just the name. */
function untrackedEntry(name: Buffer): TreeEntry {
  return { path: decodeText(name), name }
}

/**
 * The NUL-terminated records of a stream, a batch per chunk: the chunk's whole records (a record split across
 * chunks comes whole in the next batch), as a view of it (a child's stdout chunks are never reused).
 */
async function* nulRecordBatches(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry = Buffer.alloc(0)
  for await (const chunk of chunks) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk
    const end = data.lastIndexOf(0) + 1
    carry = Buffer.from(data.subarray(end))
    if (end > 0) yield data.subarray(0, end)
  }
}
