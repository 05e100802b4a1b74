/**
 * The patch parser of every git source (history, range, staged): the text of `git log -p` / `git diff` (normal
 * and `--cc` combined hunks), one chunk of git's output at a time, synchronously, on byte offsets. A line costs
 * one `indexOf` and a look at its first bytes; only lines the prefilter cannot rule out (or all added lines,
 * without one) become text, and a line with a NUL byte always does (it may be UTF-16 text, which decodeText
 * decodes as such). Range scans also ask for removed lines (to name the commit that removed a key). Lines
 * longer than `maxLineBytes` come out as overlapping windows (AddedLine.columnOffset).
 *
 * File names are hostile: they are taken only from `diff --git a/P b/P` (symmetric, so unambiguous),
 * `diff --cc P`, `rename to` / `copy to` and `+++ b/P`, un-C-quoting them byte-exactly. Lines inside hunks
 * always start with ` `, `+` or `-`, so content can never be mistaken for a header. The name a file takes (new,
 * renamed or copied) comes out as a line of its own (`inFileName`), never prefiltered: a key in a file name is a
 * committed key; with removed lines, the name it gives up (deleted, renamed away) comes out as a removed one.
 */
import type { BytePrefilter } from '../scan/coverage.js'
import { decodeText } from '../scan/decode.js'
import { fileNameLine } from '../scan/scanner.js'
import type { AddedLine } from '../scan/types.js'
import { LineSplitter, SegmentDecoder, lineLimit, type LineSegment } from './lines.js'

/** `--format` of the commit marker line: a NUL cannot start any patch line. */
export const COMMIT_MARKER_FORMAT = '%x00okd-commit %H'
const COMMIT_MARKER = '\0okd-commit '
const GITLINK_MODE = '160000'

const PLUS = 0x2b
const NEWLINE = 0x0a
const MINUS = 0x2d
const SPACE = 0x20
/**
 * The first bytes of the header lines the parser reads: `diff`/`deleted file mode`, `@@`, `rename`, `copy`,
 * `+++`, `new file mode`/`new mode`, `mode`, `index` (a submodule's mode). The others (`---`, `similarity
 * index`, `old mode`, `\\ No newline at end of file`, blank lines) name nothing the scan needs: never decoded.
 */
const HEADER_FIRST_BYTES = new Set([...'d@rc+nmi'].map(char => char.charCodeAt(0)))
const INDEX = 0x69
const GITLINK_INDEX_SUFFIX = ` ${GITLINK_MODE}`

/** What the parser found, as calls: no object per line. */
export interface PatchSink {
  commit(sha: string): void
  /** A file whose hunks are being read (once per file per commit). */
  file(path: string): void
  /** Bytes of added content (prefix columns left out), for every added line or window. */
  addedBytes(count: number): void
  /**
   * An added line (or window of a long one) that may hold a key: every added line when there is no prefilter;
   * with `removedLines`, also every removed line of a plain diff (`role: 'removed'`, line 0: only its text and
   * commit matter). `final` is false for a window that the line's next window follows.
   */
  line(line: AddedLine, final: boolean): void
  submodule(path: string): void
  /** A file the commit renamed (git's `-M`): its lines keep their commit, only the name changes. */
  renamed?(from: string, to: string, commit: string | undefined): void
}

interface Section {
  /** Prefix columns of a content line: 1, or the number of parents for combined hunks. */
  columns: number
  path?: string
  /** The name a renamed file had before (`rename from`). */
  renamedFrom?: string
  deleted: boolean
  gitlink: boolean
  inHunks: boolean
  decoder: SegmentDecoder
}

export class PatchParser {
  private readonly splitter: LineSplitter
  /** The longest line the splitter hands on whole. */
  private readonly maxLine: number
  private readonly prefilter: BytePrefilter | undefined
  private readonly removedLines: boolean
  /** Byte offset within the current line of the segment being parsed (0 at a line start). */
  private lineOffset = 0
  /** The segment being parsed: `data[start, end)`, `advance` and `final` as LineSplitter gives them. */
  private readonly piece: { data: Buffer; start: number; end: number; advance: number; final: boolean } = {
    data: Buffer.alloc(0),
    start: 0,
    end: 0,
    advance: 0,
    final: true
  }
  private commitSha: string | undefined
  private section: Section | undefined
  private nextLine = 0
  /** What the current (possibly windowed) line is: an added line at `currentLine`, a removed one, or neither. */
  private current: 'added' | 'removed' | undefined
  private currentLine = 0
  /** The prefilter's next hit in the current buffer, and its next NUL byte. */
  private nextHit = -1
  private nextNul = -1
  private readonly segment: LineSegment = { bytes: Buffer.alloc(0), offset: 0, advance: 0, final: true }

  constructor(
    private readonly sink: PatchSink,
    options: { maxLineBytes: number; prefilter?: BytePrefilter; removedLines?: boolean }
  ) {
    const prefilter = options.prefilter
    this.prefilter = prefilter
    this.removedLines = options.removedLines ?? false
    this.maxLine = lineLimit(options.maxLineBytes)
    this.splitter = new LineSplitter(
      options.maxLineBytes,
      (data, start, end, offset, advance, final) => {
        const piece = this.piece
        piece.data = data
        piece.start = start
        piece.end = end
        piece.advance = advance
        piece.final = final
        this.lineOffset = offset
        this.onSegment(data, start, end)
        return final && end < data.length ? this.skipQuietLines(data, end + 1) : undefined
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

  private onSegment(data: Buffer, start: number, end: number): void {
    const section = this.section
    if (this.lineOffset > 0) {
      // A continuation window of a long line: every window of an added line is scanned (long lines are rare,
      // and a key cut by one window's edge must reach the scanner whole in the next).
      if (this.current === 'added' && section) this.addedSegment(section, true)
      else if (this.current === 'removed' && section) this.emit(section, 0, true)
      return
    }
    this.current = undefined
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
        if (byte === MINUS) {
          // Removed lines of a plain diff only: a combined diff's are removed from one parent, not from the result.
          if (this.removedLines && columns === 1 && !section.gitlink) {
            this.current = 'removed'
            this.emit(section, 0, true)
          }
          return
        }
        if (byte !== PLUS) allPlus = false
      }
      this.currentLine = this.nextLine++
      if (allPlus && !section.gitlink) {
        this.current = 'added'
        this.addedSegment(section, !this.piece.final)
      }
      return
    }
    if (!HEADER_FIRST_BYTES.has(first)) return
    if (first === INDEX) {
      // `index <old>..<new> <mode>`: only a submodule's mode matters, read from the line's end.
      if (section && !section.inHunks && end - start > GITLINK_INDEX_SUFFIX.length) {
        const suffix = data.toString('latin1', end - GITLINK_INDEX_SUFFIX.length, end)
        if (suffix === GITLINK_INDEX_SUFFIX && data.toString('latin1', start, start + 6) === 'index ')
          section.gitlink = true
      }
      return
    }
    this.header(data.toString('latin1', start, end))
  }

  /**
   * With a prefilter, inside the hunks of a plain diff: the lines from `from` that need no more than counting
   * (added lines the prefilter rules out, removed lines when those are not read) are read here in one loop
   * (no call per line); returns where the next line to parse starts (`from` when there is none).
   */
  private skipQuietLines(data: Buffer, from: number): number {
    const section = this.section
    if (!this.prefilter || !section?.inHunks || section.columns !== 1 || section.gitlink) return from
    let at = from
    let lines = 0
    let bytes = 0
    let barrier = this.nextMayHoldKey(data, from)
    while (at < data.length) {
      const first = data[at]
      if (first !== PLUS && (first !== MINUS || this.removedLines)) break
      const newline = data.indexOf(NEWLINE, at)
      if (newline === -1) break
      if (first === PLUS) {
        // A line that may hold a key, or comes in windows, is parsed as a line of its own.
        if (barrier < newline || newline - at > this.maxLine) break
        lines++
        bytes += newline - at - 1
      } else if (barrier < newline) {
        barrier = this.nextMayHoldKey(data, newline)
      }
      at = newline + 1
    }
    if (lines > 0) {
      this.nextLine += lines
      this.sink.addedBytes(bytes)
    }
    return at
  }

  /** The next byte at or after `from` where a line may hold a key (a prefilter hit or a NUL); Infinity for none. */
  private nextMayHoldKey(data: Buffer, from: number): number {
    const prefilter = this.prefilter as BytePrefilter
    if (this.nextHit !== -1 && this.nextHit < from) this.nextHit = prefilter(data, from)
    if (this.nextNul !== -1 && this.nextNul < from) this.nextNul = data.indexOf(0, from)
    return Math.min(
      this.nextHit === -1 ? Infinity : this.nextHit,
      this.nextNul === -1 ? Infinity : this.nextNul
    )
  }

  private addedSegment(section: Section, windowed: boolean): void {
    const { data, start, end, advance, final } = this.piece
    const prefix = this.lineOffset === 0 ? section.columns : 0
    this.sink.addedBytes((final ? end - start : advance) - prefix)
    // Only a line that may hold a key becomes text: a prefilter hit, or a NUL byte (the line may be UTF-16 or
    // UTF-32 text, whose keywords the byte search cannot see).
    if (!windowed && this.prefilter && this.nextMayHoldKey(data, start + prefix) >= end) return
    this.emit(section, this.currentLine, false)
  }

  private emit(section: Section, lineNumber: number, removed: boolean): void {
    const { data, start, end, advance, final } = this.piece
    const segment = this.segment
    segment.bytes = data.subarray(start, end)
    segment.offset = this.lineOffset
    segment.advance = advance
    segment.final = final
    const { text, columnOffset } = section.decoder.decode(segment)
    const line: AddedLine = { path: section.path ?? '', line: lineNumber, text }
    if (this.commitSha !== undefined) line.commit = this.commitSha
    if (removed) line.role = 'removed'
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
      if (section.renamedFrom !== undefined && header.startsWith('rename to '))
        this.sink.renamed?.(section.renamedFrom, section.path, this.commitSha)
    } else if (header.startsWith('rename from ')) {
      section.renamedFrom = pathToken(header.slice('rename from '.length))
      if (this.removedLines)
        this.sink.line(fileNameLine(section.renamedFrom, this.commitSha, 'removed'), true)
    } else if (header.startsWith('+++ ')) {
      const target = header.slice(4)
      if (target.replace(/\t$/, '') === '/dev/null') section.deleted = true
      else section.path = withoutPrefix(pathToken(target), 'b/')
    } else if (header.startsWith('deleted file mode ')) {
      section.deleted = true
      if (this.removedLines && section.path !== undefined)
        this.sink.line(fileNameLine(section.path, this.commitSha, 'removed'), true)
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

/** `@@ -a,b +c,d @@` or combined `@@@ -a,b -c,d +e,f @@@`: the new-side start and the prefix width. */
function parseHunkHeader(header: string): { newStart: number; columns: number } | undefined {
  const match = /^(@{2,}) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? \1/.exec(header)
  if (!match) return undefined
  return { newStart: Number(match[2]), columns: match[1].length - 1 }
}

/**
 * `diff --git a/P b/P` names the file unambiguously only when both sides are equal (no rename); renames and
 * copies are named by their `rename to` / `copy to` line, and `+++ b/P` confirms whenever there are hunks.
 */
function symmetricPath(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const first = unquote(rest)
    if (!first || !rest.startsWith(' ', first.end)) return undefined
    return withoutPrefix(pathToken(rest.slice(first.end + 1)), 'b/')
  }
  const half = (rest.length - 1) / 2
  if (!Number.isInteger(half)) return undefined
  const left = rest.slice(0, half)
  const right = rest.slice(half + 1)
  if (
    rest[half] !== ' ' ||
    !left.startsWith('a/') ||
    !right.startsWith('b/') ||
    left.slice(2) !== right.slice(2)
  ) {
    return undefined
  }
  return toPath(right.slice(2))
}

/** A path as git prints it: C-quoted (`"…"`) when it holds control characters, `"` or `\`; else raw. */
function pathToken(token: string): string {
  if (token.startsWith('"')) {
    const quoted = unquote(token)
    if (quoted) return toPath(quoted.value)
  }
  // git appends a tab to unquoted ---/+++ names that contain a space; a real trailing tab would be quoted.
  return toPath(token.replace(/\t$/, ''))
}

function withoutPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path
}

/** Header text is read as latin1 (one char per byte); paths are UTF-8 when valid, else latin1. */
function toPath(latin1: string): string {
  return decodeText(Buffer.from(latin1, 'latin1'))
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r' }

/** Un-C-quote a `"…"` token starting at index 0; returns the byte string (latin1) and the index after it. */
function unquote(text: string): { value: string; end: number } | undefined {
  let value = ''
  for (let index = 1; index < text.length; index++) {
    const char = text[index]
    if (char === '"') return { value, end: index + 1 }
    if (char !== '\\') {
      value += char
      continue
    }
    const next = text[++index] ?? ''
    if (/[0-7]/.test(next)) {
      value += String.fromCharCode(parseInt(text.slice(index, index + 3), 8))
      index += 2
    } else {
      value += ESCAPES[next] ?? next
    }
  }
  return undefined
}
