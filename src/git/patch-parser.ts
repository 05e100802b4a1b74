/**
 * Parses the patch text of `git log -p` / `git diff` (normal and `--cc` combined hunks) into added lines.
 *
 * File names are hostile: they are taken only from `diff --git a/P b/P` (symmetric, so unambiguous),
 * `diff --cc P`, `rename to` / `copy to` and `+++ b/P`, un-C-quoting them byte-exactly.
 * Lines inside hunks always start with ` `, `+` or `-`, so content can never be mistaken for a header.
 * A name a file takes (new, renamed or copied) comes out as a line of its own (`inFileName`), a name it gives up
 * (deleted, renamed away) as a removed one: a key in a file name is a committed key.
 */
import type { AddedLine } from '../scan/types.js'
import { decodeText } from '../scan/decode.js'
import { fileNameLine } from '../scan/scanner.js'
import { SegmentDecoder, type LineSegment } from './lines.js'

/** `--format` of the commit marker line: a NUL cannot start any patch line. */
export const COMMIT_MARKER_FORMAT = '%x00okd-commit %H'
export const COMMIT_MARKER = '\0okd-commit '
export const GITLINK_MODE = '160000'

export type PatchEvent =
  | { type: 'commit'; sha: string }
  /** A file whose hunks are being read (once per file per commit). */
  | { type: 'file'; path: string }
  | { type: 'line'; line: AddedLine; bytes: number }
  | { type: 'submodule'; path: string }

interface Section {
  /** Prefix columns of a content line: 1, or the number of parents for combined hunks. */
  columns: number
  path?: string
  deleted: boolean
  gitlink: boolean
  inHunks: boolean
  decoder: SegmentDecoder
}

/** Without commit markers (`git diff`), lines carry no commit. */
export async function* parsePatch(segments: AsyncIterable<LineSegment>): AsyncGenerator<PatchEvent> {
  let commit: string | undefined
  let section: Section | undefined
  let nextLine = 0
  /** What the current (possibly windowed) line is: an added or removed line at `currentLine`, or neither. */
  let current: 'added' | 'removed' | undefined
  let currentLine = 0

  for await (const segment of segments) {
    if (segment.offset > 0) {
      if (current && section) yield added(section, segment, currentLine, commit, current)
      continue
    }
    current = undefined
    const first = segment.bytes[0]
    if (first === 0) {
      const marker = segment.bytes.toString('latin1')
      if (marker.startsWith(COMMIT_MARKER)) {
        const sha = marker.slice(COMMIT_MARKER.length).trim()
        commit = sha
        section = undefined
        yield { type: 'commit', sha }
      }
      continue
    }
    if (section?.inHunks && (first === 0x2b || first === 0x2d || first === 0x20)) {
      const prefix = segment.bytes.subarray(0, section.columns).toString('latin1')
      if (prefix.includes('-')) {
        // Removed lines of a plain diff only: a combined diff's are removed from one parent, not from the result.
        if (section.columns === 1 && !section.gitlink) {
          current = 'removed'
          yield added(section, segment, 0, commit, current)
        }
        continue
      }
      currentLine = nextLine++
      if (!section.gitlink && /^\++$/.test(prefix) && prefix.length === section.columns) {
        current = 'added'
        yield added(section, segment, currentLine, commit, current)
      }
      continue
    }

    const header = segment.bytes.toString('latin1')
    if (header.startsWith('diff --git ')) {
      section = newSection(symmetricPath(header.slice('diff --git '.length)))
    } else if (header.startsWith('diff --cc ') || header.startsWith('diff --combined ')) {
      const rest = header.slice(header.indexOf(' ', 'diff --'.length) + 1)
      section = newSection(pathToken(rest))
    } else if (!section) {
      continue
    } else if (header.startsWith('@@')) {
      const hunk = parseHunkHeader(header)
      if (!hunk) continue
      if (!section.inHunks && section.path !== undefined && !section.gitlink && !section.deleted) {
        yield { type: 'file', path: section.path }
      }
      if (!section.inHunks && section.gitlink && section.path !== undefined && !section.deleted) {
        yield { type: 'submodule', path: section.path }
      }
      section.inHunks = true
      section.columns = hunk.columns
      section.decoder = new SegmentDecoder(hunk.columns)
      nextLine = hunk.newStart
    } else if (section.inHunks) {
      continue
    } else if (header.startsWith('rename to ') || header.startsWith('copy to ')) {
      section.path = pathToken(header.slice(header.indexOf(' to ') + 4))
      yield nameLine(section.path, commit)
    } else if (header.startsWith('rename from ')) {
      yield nameLine(pathToken(header.slice('rename from '.length)), commit, 'removed')
    } else if (header.startsWith('+++ ')) {
      const target = header.slice(4)
      if (target.replace(/\t$/, '') === '/dev/null') section.deleted = true
      else section.path = withoutPrefix(pathToken(target), 'b/')
    } else if (header.startsWith('deleted file mode ')) {
      section.deleted = true
      if (section.path !== undefined) yield nameLine(section.path, commit, 'removed')
    } else if (header.startsWith('index ')) {
      if (/^index [0-9a-f,]+\.\.[0-9a-f]+ (\d+)/.exec(header)?.[1] === GITLINK_MODE) section.gitlink = true
    } else if (/^(new file mode|new mode|mode) /.test(header)) {
      if (header.trimEnd().endsWith(GITLINK_MODE)) section.gitlink = true
      if (header.startsWith('new file mode ') && section.path !== undefined)
        yield nameLine(section.path, commit)
    }
  }
}

/** A name the section's file took (a new, renamed or copied file) or gave up (`removed`). */
function nameLine(path: string, commit: string | undefined, role?: 'removed'): PatchEvent {
  return { type: 'line', line: fileNameLine(path, commit, role), bytes: 0 }
}

/** An added line, or a removed one (`role: 'removed'`, line 0: only its text and commit matter). */
function added(
  section: Section,
  segment: LineSegment,
  line: number,
  commit: string | undefined,
  kind: 'added' | 'removed'
): PatchEvent {
  const { text, columnOffset } = section.decoder.decode(segment)
  const addedLine: AddedLine = { path: section.path ?? '', line, text }
  if (commit !== undefined) addedLine.commit = commit
  if (kind === 'removed') addedLine.role = 'removed'
  if (columnOffset !== undefined) addedLine.columnOffset = columnOffset
  const bytes = segment.final ? segment.bytes.length : segment.advance
  return { type: 'line', line: addedLine, bytes: segment.offset === 0 ? bytes - section.columns : bytes }
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
export function parseHunkHeader(header: string): { newStart: number; columns: number } | undefined {
  const match = /^(@{2,}) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? \1/.exec(header)
  if (!match) return undefined
  return { newStart: Number(match[2]), columns: match[1].length - 1 }
}

/**
 * `diff --git a/P b/P` names the file unambiguously only when both sides are equal (no rename); renames and
 * copies are named by their `rename to` / `copy to` line, and `+++ b/P` confirms whenever there are hunks.
 */
export function symmetricPath(rest: string): string | undefined {
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
export function pathToken(token: string): string {
  if (token.startsWith('"')) {
    const quoted = unquote(token)
    if (quoted) return toPath(quoted.value)
  }
  // git appends a tab to unquoted ---/+++ names that contain a space; a real trailing tab would be quoted.
  return toPath(token.replace(/\t$/, ''))
}

export function withoutPrefix(path: string, prefix: string): string {
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
