/**
 * Byte streams to lines with bounded memory: a line longer than the limit is cut into overlapping windows
 * (cut on UTF-8 character boundaries) so a key that straddles a cut is still whole in one window.
 */
import { decodeText } from '../scan/decode.js'
import { WINDOW_OVERLAP } from '../scan/scanner.js'

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d
/** A UTF-16 code unit takes at most 3 UTF-8 bytes, so this many bytes hold at least WINDOW_OVERLAP characters. */
export const OVERLAP_BYTES = 3 * WINDOW_OVERLAP
/** Lines up to this size always come whole; windows advance by at least three quarters of it. */
export const MIN_LINE_BYTES = 4 * OVERLAP_BYTES

/** A piece of one line: the whole line, or one window of a long line. */
export interface LineSegment {
  bytes: Buffer
  /** Byte offset of `bytes` within the line. */
  offset: number
  /** Bytes from this segment's start to the next segment's start (the part not repeated as overlap). */
  advance: number
  /** This segment ends the line. */
  final: boolean
}

/** Split a byte stream on `\n`; lines over `maxLineBytes` come out as overlapping windows. */
export async function* splitLines(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  maxLineBytes: number
): AsyncGenerator<LineSegment> {
  const max = Math.max(MIN_LINE_BYTES, maxLineBytes)
  let carry: Buffer = Buffer.alloc(0)
  let offset = 0
  for await (const chunk of chunks) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk
    let start = 0
    for (;;) {
      const newline = data.indexOf(NEWLINE, start)
      const end = newline === -1 ? data.length : newline
      while (end - start > max) {
        const cut = characterBoundary(data, start + max, start + 1)
        const next = characterBoundary(data, cut - OVERLAP_BYTES, start + 1)
        yield { bytes: data.subarray(start, cut), offset, advance: next - start, final: false }
        offset += next - start
        start = next
      }
      if (newline === -1) break
      yield { bytes: data.subarray(start, newline), offset, advance: newline - start, final: true }
      offset = 0
      start = newline + 1
    }
    carry = Buffer.from(data.subarray(start))
  }
  if (carry.length > 0 || offset > 0) yield { bytes: carry, offset, advance: carry.length, final: true }
}

/** Move `position` back (at most 3 bytes, never below `floor`) so it does not split a UTF-8 sequence. */
function characterBoundary(data: Buffer, position: number, floor: number): number {
  let at = position
  for (let step = 0; step < 3 && at > floor && ((data[at] ?? 0) & 0xc0) === 0x80; step++) at--
  return at
}

export interface SegmentText {
  text: string
  /** Set for windows of a long line: the 0-based string offset of `text` within the whole line. */
  columnOffset?: number
}

/**
 * Turns the segments of successive lines into text with column offsets. `prefixBytes` are dropped from the
 * start of every line (the `+` of a diff line); a trailing `\r` (CRLF files) is dropped from its end.
 */
export class SegmentDecoder {
  private column = 0

  constructor(private readonly prefixBytes: number) {}

  decode(segment: LineSegment): SegmentText {
    if (segment.offset === 0) this.column = 0
    const from = segment.offset === 0 ? Math.min(this.prefixBytes, segment.bytes.length) : 0
    let bytes = segment.bytes.subarray(from)
    if (segment.final && bytes[bytes.length - 1] === CARRIAGE_RETURN) bytes = bytes.subarray(0, -1)
    const text = decodeText(bytes)
    if (segment.final && segment.offset === 0) return { text }
    const columnOffset = this.column
    if (!segment.final) this.column += decodeText(segment.bytes.subarray(from, segment.advance)).length
    return { text, columnOffset }
  }
}

/** The same windows for text that is already a string (REST API patches), counted in characters. */
export function windowString(text: string, maxLineBytes: number): SegmentText[] {
  const max = Math.max(MIN_LINE_BYTES, maxLineBytes)
  if (text.length <= max) return [{ text }]
  const windows: SegmentText[] = []
  for (let start = 0; ; start += max - WINDOW_OVERLAP) {
    windows.push({ text: text.slice(start, start + max), columnOffset: start })
    if (start + max >= text.length) return windows
  }
}
