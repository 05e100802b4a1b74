/** What every source of lines to scan returns (see ./sources/registry.ts), and how it records its coverage. */
import type { ScannedFile } from './scanner.js'
import type { AddedLine, Finding, ScanCoverage, Skipped } from './types.js'

/**
 * The next offset at or after `from` where a keyword could start, or -1 (the scanner's byte prefilter). Each
 * buffer is searched from 0 first, and `from` never goes back within it.
 */
export type BytePrefilter = (bytes: Buffer, from: number) => number

/** Collects what a line source covered while it streams; `snapshot()` is final once the lines are consumed. */
export class CoverageRecorder {
  source: string
  range?: string
  commits = 0
  bytes = 0
  incomplete = false
  private readonly paths = new Set<string>()
  private distinctFiles = 0
  private readonly skipped: Skipped[] = []
  private readonly skippedKeys = new Set<string>()

  constructor(
    private readonly mode: ScanCoverage['mode'],
    source: string,
    range?: string
  ) {
    this.source = source
    this.range = range
  }

  /** A file seen, counted once however many commits touch it. */
  addFile(path: string): void {
    this.paths.add(path)
  }

  /** A file a source sees only once (the tree scan): counted without keeping its path. */
  countFile(): void {
    this.distinctFiles++
  }

  /** Record something not scanned; `incomplete` marks a gap in the requested range itself (not just one file). */
  skip(entry: Skipped, incomplete = false): void {
    if (incomplete) this.incomplete = true
    const key = `${entry.what}\0${entry.reason}`
    if (this.skippedKeys.has(key)) return
    this.skippedKeys.add(key)
    this.skipped.push(entry)
  }

  snapshot(): ScanCoverage {
    const coverage: ScanCoverage = {
      mode: this.mode,
      source: this.source,
      commits: this.commits,
      files: this.paths.size + this.distinctFiles,
      bytes: this.bytes,
      skipped: [...this.skipped],
      incomplete: this.incomplete
    }
    if (this.range !== undefined) coverage.range = this.range
    return coverage
  }
}

/**
 * Shown each file a source lists from the checkout, in listing order, as the source reads it: the repository
 * checks read along with the tree scan instead of listing and reading the checkout a second time.
 */
export interface CheckoutObserver {
  /** The checkout's real top directory, which the paths are relative to; false: the files are of no use. */
  begin(root: Buffer): boolean
  /** A listed file; `bytes` when the source read it whole (valid only during the call). */
  file(path: string, bytes: Buffer | undefined): void
  /** The listing is over; `complete` is false when part of it failed (the observer saw only some files). */
  end(complete: boolean): void
}

/** What every source returns: lines to scan, streamed, and what they covered. */
export interface LineSource {
  lines: AsyncIterable<AddedLine>
  /**
   * The same content as whole files, offered by sources that read files (the tree scan): scanning a file's bytes
   * is much faster than decoding and scanning every line. A consumer iterates `files` or `lines`, never both.
   * Files come in batches that read each file as it is asked for (no promise per file); finish a batch before
   * asking for the next.
   */
  files?: AsyncIterable<Iterable<ScannedFile>>
  /**
   * Sources that list and read the checkout (the tree scan) show each file to `observer` as they read it (the
   * repository checks), so the checkout is listed and read once. Call before iterating.
   */
  observeFiles?(observer: CheckoutObserver): void
  /**
   * The same added lines, less those the scanner's byte prefilter rules out before they become text (sources
   * that parse patches: most added lines hold no keyword). A consumer iterates one of `lines`, `files` and this.
   */
  candidateLines?(prefilter: BytePrefilter): AsyncIterable<AddedLine>
  /** Called once with the findings when the scan ends: the source may order them and add what it knows. */
  settle?(findings: Finding[]): Promise<void>
  /** Final once `lines` has been fully iterated; before that, what has been covered so far. */
  coverage(): ScanCoverage
  /**
   * Range sources read with git, once `lines` has been fully iterated: the head of the range, where findings
   * are located. Undefined when there is none (a tree, the index, one commit, the REST API, a failed read).
   */
  head?(): HeadFiles | undefined
  /**
   * Pull requests read with git, once `lines` has been fully iterated: the base commit, whose allow-list applies
   * (the pull request's own edits to it must not decide what it hides).
   */
  base?(): HeadFiles | undefined
}

/** The files of one commit (a range's head or base). */
export interface HeadFiles {
  commit: string
  /** The contents of `paths` at the head; a path missing there (or not readable) is left out. */
  read(paths: readonly string[]): Promise<Map<string, Buffer>>
}
