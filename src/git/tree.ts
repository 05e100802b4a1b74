/**
 * `scan: all` / CLI `--all`: every tracked file of the working tree, read from disk through the checkout
 * reader (never following a link, never outside the repository, never waiting on a FIFO). Skips submodules,
 * each with a reason in the coverage.
 *
 * Files up to `maxFileBytes` are read whole and offered two ways: as bytes (`files`, for the scanner's fast
 * path: most lines hold no keyword, so they are never decoded) and as lines (`lines`, long ones in overlapping
 * windows, like every other source). Every listed file is offered, those not read with no bytes, so that every
 * name is scanned too (a key in a file name is a committed key). The bytes of each file are read into one reused
 * buffer: a file's bytes are valid only until the next file is requested. A larger file is read as it is
 * scanned, in chunks, as lines (long ones in overlapping windows): memory stays bounded whatever its size, and a
 * key across a chunk's or a window's edge is still found.
 */
import { closeSync } from 'node:fs'
import { formatBytes } from '../report/format.js'
import { decodeText, wideTextAsUtf8 } from '../scan/decode.js'
import type { CheckoutObserver, CoverageRecorder, LineSource } from '../scan/coverage.js'
import { fileNameLine, type ScannedFile } from '../scan/scanner.js'
import type { AddedLine } from '../scan/types.js'
import {
  CheckoutReader,
  checkoutRoot,
  isOpen,
  NOT_FOLLOWED,
  readFully,
  type OpenFile
} from './checkout-reader.js'
import { DEFAULT_GIT_TIMEOUT_MS, GitError, streamGit } from './git.js'
import { LineSplitter, SegmentDecoder, splitLines, type LineSegment } from './lines.js'

const SYMLINK_MODE = Buffer.from('120000 ')
const NO_BYTES = Buffer.alloc(0)
const GITLINK_MODE = Buffer.from('160000 ')
/** What a file larger than `maxFileBytes` is read in, a chunk at a time. */
const LARGE_FILE_CHUNK_BYTES = 1024 * 1024
/**
 * Larger files are not scanned (and fail `fail-on: leak` as unscanned): GitHub refuses files over 100 MiB, so a
 * bigger one is a sparse file or a dump made on the runner, whose reading would only bound the run's time.
 */
const MAX_WINDOWED_FILE_BYTES = 256 * 1024 * 1024

export interface TreeOptions {
  maxFileBytes: number
  maxLineBytes: number
  timeoutMs?: number
  /** `cwd` is the checkout's top directory already (the CLI found it): not asked of git a second time. */
  cwdIsCheckoutRoot?: boolean
  /** Also scan untracked files that are not ignored (a developer's new `.env` before `git add`). */
  includeUntracked?: boolean
  /** Files over `maxFileBytes` are scanned in chunks up to this size (MAX_WINDOWED_FILE_BYTES). */
  maxWindowedFileBytes?: number
}

/** The tree as a source: iterate `files` or `lines`, not both (each reads the tree and records coverage). */
export function collectTreeLines(cwd: string, options: TreeOptions, coverage: CoverageRecorder): LineSource {
  let observer: CheckoutObserver | undefined
  const observed = () => observer
  return {
    files: treeFileBatches(cwd, options, coverage, observed),
    lines: linesOf(treeFileBatches(cwd, options, coverage, observed), options.maxLineBytes),
    observeFiles(watcher) {
      observer = watcher
    },
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

interface Listing {
  args: string[]
  staged: boolean
  /** False for untracked files listed only for the observer (the repository checks read them; the scan does not). */
  scanned: boolean
}

async function* treeFileBatches(
  cwd: string,
  options: TreeOptions,
  coverage: CoverageRecorder,
  observed: () => CheckoutObserver | undefined
): AsyncGenerator<Iterable<ScannedFile>> {
  const observer = observed()
  const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS
  let checkout: CheckoutReader
  try {
    checkout = await CheckoutReader.at(options.cwdIsCheckoutRoot ? cwd : await checkoutRoot(cwd, timeoutMs))
  } catch (error) {
    coverage.skip(
      {
        what: 'working tree',
        reason: error instanceof GitError ? error.message : String(error),
        fix: 'run the scan inside a git checkout (actions/checkout)'
      },
      true
    )
    observer?.end(false)
    return
  }
  const watcher = observer?.begin(checkout.root) ? observer : undefined
  // The index is sorted by path, so a conflicted file's stages (1, 2, 3) come one after another; untracked files
  // are in no stage. Skipping a repeat of the previous path reads each file once.
  let previousPath: string | undefined
  const listings: Listing[] = [{ args: ['ls-files', '-z', '--stage'], staged: true, scanned: true }]
  if (options.includeUntracked || watcher) {
    listings.push({
      args: ['ls-files', '-z', '--others', '--exclude-standard'],
      staged: false,
      scanned: options.includeUntracked === true
    })
  }
  const reader = new TreeReader(checkout, options, coverage)
  function* readEach(batch: Buffer, listing: Listing): Generator<ScannedFile> {
    for (let start = 0, end = batch.indexOf(0); end !== -1; start = end + 1, end = batch.indexOf(0, start)) {
      const entry = listing.staged
        ? parseStageEntry(batch, start, end)
        : untrackedEntry(batch.subarray(start, end))
      if (!entry || entry.path === previousPath) continue
      previousPath = entry.path
      if (!listing.scanned) {
        watcher?.file(entry.path, undefined)
        continue
      }
      const file = reader.readListed(entry)
      watcher?.file(entry.path, file && 'bytes' in file ? file.bytes : undefined)
      // A file that is not read (empty, too large, a link) is still offered by name: its name is scanned.
      yield file ?? { path: entry.path, bytes: NO_BYTES }
    }
  }
  let complete = true
  // Every listing's git starts at once (the untracked files are listed while the tracked ones are read); each is
  // read in turn.
  const streams = listings.map(listing =>
    streamGit(listing.args, { cwd: checkout.root.toString(), timeoutMs })
  )
  const outputs = streams.map(stream => claimedOutput(stream.stdout))
  try {
    for (const [index, listing] of listings.entries()) {
      try {
        for await (const batch of nulRecordBatches(outputs[index])) yield readEach(batch, listing)
        await streams[index].finished
      } catch (error) {
        if (!(error instanceof GitError)) throw error
        complete = false
        coverage.skip({ what: 'working tree', reason: `listing files failed: ${error.message}` }, true)
      }
    }
  } finally {
    for (const stream of streams) stream.kill()
  }
  watcher?.end(complete)
}

/** Each line of each file (without `\r\n` / `\n`); lines longer than `maxLineBytes` as overlapping windows. */
async function* linesOf(
  batches: AsyncIterable<Iterable<ScannedFile>>,
  maxLineBytes: number
): AsyncGenerator<AddedLine> {
  for await (const batch of batches) {
    for (const file of batch) {
      yield fileNameLine(file.path)
      if ('lines' in file) {
        yield* file.lines
        continue
      }
      if (file.bytes.length === 0) continue
      const lineOf = fileLineMaker(file.path)
      for await (const segment of splitLines([file.bytes], maxLineBytes)) yield lineOf(segment)
    }
  }
}

/** One file's segments (from a LineSplitter, in order) as its lines: numbered from 1, long ones as windows. */
function fileLineMaker(path: string): (segment: LineSegment) => AddedLine {
  const decoder = new SegmentDecoder(0)
  let line = 0
  return segment => {
    if (segment.offset === 0) line++
    const { text, columnOffset } = decoder.decode(segment)
    const added: AddedLine = { path, line, text }
    if (columnOffset !== undefined) added.columnOffset = columnOffset
    return added
  }
}

/**
 * Reads the listed files through the checkout reader. A file of at most `maxFileBytes` is read whole into the
 * reader's one buffer (allocating one per file costs twice the time of reading, in allocation and garbage
 * collection); a larger one comes as lines read from its open descriptor as they are scanned.
 */
class TreeReader {
  private chunk: Buffer | undefined
  private readonly maxWindowedFileBytes: number
  private readonly tooLarge: string

  constructor(
    private readonly checkout: CheckoutReader,
    private readonly options: TreeOptions,
    private readonly coverage: CoverageRecorder
  ) {
    this.maxWindowedFileBytes = options.maxWindowedFileBytes ?? MAX_WINDOWED_FILE_BYTES
    this.tooLarge = `larger than ${formatBytes(this.maxWindowedFileBytes)}: not scanned`
  }

  /** The file's content, or undefined (with the reason in the coverage) when it is not scanned. */
  readListed(entry: TreeEntry): ScannedFile | undefined {
    if (entry.kind === 'submodule') return this.skip(entry, 'submodule: scan it in its own repository')
    if (entry.kind === 'symlink') return this.skip(entry, NOT_FOLLOWED)
    const opened = this.open(entry)
    if (opened === undefined) return undefined
    if (opened.size > this.options.maxFileBytes) return this.largeFile(entry, opened)
    let whole
    try {
      whole = this.checkout.readOpen(opened, this.options.maxFileBytes)
    } finally {
      closeSync(opened.descriptor)
    }
    if ('refused' in whole) return this.skip(entry, whole.refused.reason, whole.refused.unreadable)
    // It grew past the limit since fstat: read it again, as a large file.
    if (!('bytes' in whole)) {
      const reopened = this.open(entry)
      return reopened === undefined ? undefined : this.largeFile(entry, reopened)
    }
    const { bytes } = whole
    if (bytes.length === 0) return undefined
    this.coverage.countFile()
    this.coverage.bytes += bytes.length
    return { path: entry.path, bytes: wideTextAsUtf8(bytes) ?? bytes }
  }

  /** The listed file, open; undefined when it is gone or refused (with the reason in the coverage). */
  private open(entry: TreeEntry): OpenFile | undefined {
    const opened = this.checkout.open(entry.path, entry.name)
    if (opened === undefined || isOpen(opened)) return opened
    return this.skip(entry, opened.reason, opened.unreadable)
  }

  private largeFile(entry: TreeEntry, file: OpenFile): ScannedFile | undefined {
    if (file.size > this.maxWindowedFileBytes) {
      closeSync(file.descriptor)
      return this.skip(entry, this.tooLarge, true)
    }
    const { path } = entry
    this.coverage.countFile()
    this.chunk ??= Buffer.allocUnsafe(LARGE_FILE_CHUNK_BYTES)
    return { path, lines: this.linesOfOpenFile(path, file, this.chunk) }
  }

  /** The file's lines, read a chunk at a time as they are asked for; closes the file when done or abandoned. */
  private *linesOfOpenFile(path: string, file: OpenFile, chunk: Buffer): Generator<AddedLine> {
    const lineOf = fileLineMaker(path)
    let pending: AddedLine[] = []
    const splitter = new LineSplitter(
      this.options.maxLineBytes,
      (data, start, end, offset, advance, final) => {
        pending.push(lineOf({ bytes: data.subarray(start, end), offset, advance, final }))
      }
    )
    try {
      for (;;) {
        let length: number
        try {
          length = readFully(file.descriptor, chunk, chunk.length)
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'error'
          this.coverage.skip({
            what: path,
            reason: `could not be read to its end (${code})`,
            unscanned: true
          })
          return
        }
        if (length === 0) break
        this.coverage.bytes += length
        splitter.push(chunk.subarray(0, length))
        yield* pending
        pending = []
      }
      splitter.end()
      yield* pending
    } finally {
      closeSync(file.descriptor)
    }
  }

  /** `unscanned`: content that could not be read (it fails `fail-on: leak`), not something without content. */
  private skip(entry: TreeEntry, reason: string, unscanned = false): undefined {
    this.coverage.skip(unscanned ? { what: entry.path, reason, unscanned } : { what: entry.path, reason })
    return undefined
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
 * A child's output to be read later, claimed now: its first chunk is asked for at once. Node throws away the
 * output of a child that exits before anything listens to it; asked for, the output waits (and git with it, once
 * the pipe is full) until it is read.
 */
function claimedOutput(output: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const chunks = output[Symbol.asyncIterator]()
  const first = chunks.next()
  // Its failure is the stream's, met when it is read.
  first.catch(() => undefined)
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let next = await first; !next.done; next = await chunks.next()) yield next.value
      } finally {
        await chunks.return?.()
      }
    }
  }
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
