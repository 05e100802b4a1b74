/**
 * The synchronous patch parser of history scans: the text of `git log -p` (normal and `--cc` combined hunks),
 * one chunk of git's output at a time, on byte offsets. A line costs one `indexOf` and a look at its first
 * bytes; only lines the prefilter cannot rule out (or all added lines, without one) become text, and a line
 * with a NUL byte always does (it may be UTF-16 text, which decodeText decodes as such). File names and
 * headers are read with the helpers of patch-parser.ts, as the range scans read them. Lines longer than
 * `maxLineBytes` come out as overlapping windows (AddedLine.columnOffset). The name a file takes (new, renamed
 * or copied) comes out as a line of its own, never prefiltered: a key in a file name is a committed key.
 */
import type { BytePrefilter } from '../scan/coverage.js'
import { fileNameLine } from '../scan/scanner.js'
import type { AddedLine } from '../scan/types.js'
import { LineSplitter, SegmentDecoder, type LineSegment } from './lines.js'
import {
  COMMIT_MARKER,
  GITLINK_MODE,
  parseHunkHeader,
  pathToken,
  symmetricPath,
  withoutPrefix
} from './patch-parser.js'

const PLUS = 0x2b
const MINUS = 0x2d
const SPACE = 0x20

/** What the parser found, as calls: no object per line. */
export interface PatchSink {
  commit(sha: string): void
  /** A file whose hunks are being read (once per file per commit). */
  file(path: string): void
  /** Bytes of added content (prefix columns left out), for every added line or window. */
  addedBytes(count: number): void
  /**
   * An added line (or window of a long one) that may hold a key: every added line when there is no prefilter.
   * `final` is false for a window that the line's next window follows.
   */
  line(line: AddedLine, final: boolean): void
  submodule(path: string): void
}

interface Section {
  /** Prefix columns of a content line: 1, or the number of parents for combined hunks. */
  columns: number
  path?: string
  deleted: boolean
  gitlink: boolean
  inHunks: boolean
  decoder: SegmentDecoder
}

export class PatchParser {
  private readonly splitter: LineSplitter
  private readonly prefilter: BytePrefilter | undefined
  /** Byte offset within the current line of the segment being parsed (0 at a line start). */
  private lineOffset = 0
  private commitSha: string | undefined
  private section: Section | undefined
  private nextLine = 0
  /** The current (possibly windowed) line is an added line at `currentLine`. */
  private currentAdded = false
  private currentLine = 0
  /** The prefilter's next hit in the current buffer, and its next NUL byte. */
  private nextHit = -1
  private nextNul = -1
  private readonly segment: LineSegment = { bytes: Buffer.alloc(0), offset: 0, advance: 0, final: true }

  constructor(
    private readonly sink: PatchSink,
    options: { maxLineBytes: number; prefilter?: BytePrefilter }
  ) {
    const prefilter = options.prefilter
    this.prefilter = prefilter
    this.splitter = new LineSplitter(
      options.maxLineBytes,
      (data, start, end, offset, advance, final) => {
        this.lineOffset = offset
        this.onSegment(data, start, end, advance, final)
      },
      prefilter
        ? data => {
            this.nextHit = prefilter(data, 0)
            this.nextNul = data.indexOf(0)
          }
        : undefined
    )
  }

  /** Parse one chunk of git's output; a line cut by the chunk's end is completed by the next chunk. */
  push(chunk: Buffer): void {
    this.splitter.push(chunk)
  }

  /** The output ended: a last line without a newline is parsed too. */
  end(): void {
    this.splitter.end()
  }

  private onSegment(data: Buffer, start: number, end: number, advance: number, final: boolean): void {
    const section = this.section
    if (this.lineOffset > 0) {
      // A continuation window of a long line: every window of an added line is scanned (long lines are rare,
      // and a key cut by one window's edge must reach the scanner whole in the next).
      if (this.currentAdded && section) this.addedSegment(section, data, start, end, advance, final, true)
      return
    }
    this.currentAdded = false
    const first = start < end ? data[start] : -1
    if (first === 0) {
      const marker = data.toString('latin1', start, end)
      if (marker.startsWith(COMMIT_MARKER)) {
        this.commitSha = marker.slice(COMMIT_MARKER.length).trim()
        this.section = undefined
        this.sink.commit(this.commitSha)
      }
      return
    }
    if (section?.inHunks && (first === PLUS || first === MINUS || first === SPACE)) {
      const columns = section.columns
      let allPlus = end - start >= columns
      for (let at = start; at < start + columns && at < end; at++) {
        const byte = data[at]
        if (byte === MINUS) return
        if (byte !== PLUS) allPlus = false
      }
      this.currentLine = this.nextLine++
      this.currentAdded = allPlus && !section.gitlink
      if (this.currentAdded) this.addedSegment(section, data, start, end, advance, final, !final)
      return
    }
    this.header(data.toString('latin1', start, end))
  }

  private addedSegment(
    section: Section,
    data: Buffer,
    start: number,
    end: number,
    advance: number,
    final: boolean,
    windowed: boolean
  ): void {
    const prefix = this.lineOffset === 0 ? section.columns : 0
    this.sink.addedBytes((final ? end - start : advance) - prefix)
    if (!windowed && this.prefilter) {
      const contentStart = start + prefix
      if (this.nextHit !== -1 && this.nextHit < contentStart)
        this.nextHit = this.prefilter(data, contentStart)
      if (this.nextNul !== -1 && this.nextNul < contentStart) this.nextNul = data.indexOf(0, contentStart)
      // A line with a NUL byte may be UTF-16 or UTF-32 text, whose keywords the byte search cannot see.
      const mayHoldKey =
        (this.nextHit !== -1 && this.nextHit < end) || (this.nextNul !== -1 && this.nextNul < end)
      if (!mayHoldKey) return
    }
    const segment = this.segment
    segment.bytes = data.subarray(start, end)
    segment.offset = this.lineOffset
    segment.advance = advance
    segment.final = final
    const { text, columnOffset } = section.decoder.decode(segment)
    const line: AddedLine = { path: section.path ?? '', line: this.currentLine, text }
    if (this.commitSha !== undefined) line.commit = this.commitSha
    if (columnOffset !== undefined) line.columnOffset = columnOffset
    this.sink.line(line, final)
  }

  private header(header: string): void {
    let section = this.section
    if (header.startsWith('diff --git ')) {
      this.section = newSection(symmetricPath(header.slice('diff --git '.length)))
      return
    }
    if (header.startsWith('diff --cc ') || header.startsWith('diff --combined ')) {
      const rest = header.slice(header.indexOf(' ', 'diff --'.length) + 1)
      this.section = newSection(pathToken(rest))
      return
    }
    if (!section) return
    if (header.startsWith('@@')) {
      const hunk = parseHunkHeader(header)
      if (!hunk) return
      if (!section.inHunks && section.path !== undefined && !section.deleted) {
        if (section.gitlink) this.sink.submodule(section.path)
        else this.sink.file(section.path)
      }
      section.inHunks = true
      if (section.columns !== hunk.columns) section.decoder = new SegmentDecoder(hunk.columns)
      section.columns = hunk.columns
      this.nextLine = hunk.newStart
      return
    }
    section = section as Section
    if (section.inHunks) return
    if (header.startsWith('rename to ') || header.startsWith('copy to ')) {
      section.path = pathToken(header.slice(header.indexOf(' to ') + 4))
      this.sink.line(fileNameLine(section.path, this.commitSha), true)
    } else if (header.startsWith('+++ ')) {
      const target = header.slice(4)
      if (target.replace(/\t$/, '') === '/dev/null') section.deleted = true
      else section.path = withoutPrefix(pathToken(target), 'b/')
    } else if (header.startsWith('deleted file mode ')) {
      section.deleted = true
    } else if (header.startsWith('index ')) {
      if (/^index [0-9a-f,]+\.\.[0-9a-f]+ (\d+)/.exec(header)?.[1] === GITLINK_MODE) section.gitlink = true
    } else if (/^(new file mode|new mode|mode) /.test(header)) {
      if (header.trimEnd().endsWith(GITLINK_MODE)) section.gitlink = true
      if (header.startsWith('new file mode ') && section.path !== undefined) {
        this.sink.line(fileNameLine(section.path, this.commitSha), true)
      }
    }
  }
}

function newSection(path: string | undefined): Section {
  return {
    columns: 1,
    path,
    deleted: false,
    gitlink: false,
    inHunks: false,
    decoder: new SegmentDecoder(1)
  }
}
