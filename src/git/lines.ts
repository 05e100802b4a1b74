/**
 * Byte streams to lines with bounded memory: a line longer than the limit is cut into overlapping windows
 * (cut on UTF-8 character boundaries) so a key that straddles a cut is still whole in one window.
 */
import { decodeText } from '../scan/decode.js'
import { MIN_LINE_BYTES, OVERLAP_BYTES, type SegmentText } from '../scan/windows.js'

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d
const EMPTY = Buffer.alloc(0)

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

/**
 * Receives the pieces of lines from a LineSplitter: `data[start, end)` (valid only during the call), at byte
 * `offset` within its line; `advance` bytes of it are not repeated by the next window; `final` ends the line.
 * After a final piece that `data` continues (its `end` is a newline), the handler may return where the next line
 * to split starts: a line start after `end` (the lines in between are skipped, the handler has read them itself).
 */
export type SegmentHandler = (
  data: Buffer,
  start: number,
  end: number,
  offset: number,
  advance: number,
  final: boolean
) => number | void

/** The longest line that comes whole out of a LineSplitter with this `maxLineBytes`. */
export function lineLimit(maxLineBytes: number): number {
  return Math.max(MIN_LINE_BYTES, maxLineBytes)
}

/**
 * Splits a byte stream on `\n` synchronously, chunk by chunk, on byte offsets (no object per line); lines over
 * `maxLineBytes` come out as overlapping windows. `onChunk` sees each buffer before its lines, so a consumer
 * can search the whole buffer once (the scanner's prefilter) instead of line by line.
 */
export class LineSplitter {
  private readonly max: number
  private carry: Buffer = EMPTY
  private offset = 0

  constructor(
    maxLineBytes: number,
    private readonly onSegment: SegmentHandler,
    private readonly onChunk: (data: Buffer) => void = () => undefined
  ) {
    this.max = lineLimit(maxLineBytes)
  }

  push(chunk: Buffer): void {
    let from = 0
    if (this.carry.length > 0) {
      // The line cut by the last chunk's end is completed on its own: the chunk itself is never copied.
      const newline = chunk.indexOf(NEWLINE)
      if (newline === -1) {
        this.carry = this.split(Buffer.concat([this.carry, chunk]), 0)
        return
      }
      from = newline + 1
      this.split(Buffer.concat([this.carry, chunk.subarray(0, from)]), 0)
    }
    this.carry = this.split(chunk, from)
  }

  /** Hands on the lines of `data` from `start`; returns the bytes of a last line without a newline (a copy). */
  private split(data: Buffer, from: number): Buffer {
    this.onChunk(data)
    let start = from
    for (;;) {
      const newline = data.indexOf(NEWLINE, start)
      const end = newline === -1 ? data.length : newline
      while (end - start > this.max) {
        const cut = characterBoundary(data, start + this.max, start + 1)
        const next = characterBoundary(data, cut - OVERLAP_BYTES, start + 1)
        this.onSegment(data, start, cut, this.offset, next - start, false)
        this.offset += next - start
        start = next
      }
      if (newline === -1) break
      const resume = this.onSegment(data, start, newline, this.offset, newline - start, true)
      this.offset = 0
      start = typeof resume === 'number' ? resume : newline + 1
    }
    return start < data.length ? Buffer.from(data.subarray(start)) : EMPTY
  }

  /** The stream ended: a last line without a newline comes out too. */
  end(): void {
    if (this.carry.length === 0 && this.offset === 0) return
    const data = this.carry
    this.carry = EMPTY
    this.onChunk(data)
    this.onSegment(data, 0, data.length, this.offset, data.length, true)
    this.offset = 0
  }
}

/** Split a byte stream on `\n`; lines over `maxLineBytes` come out as overlapping windows. */
export async function* splitLines(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  maxLineBytes: number
): AsyncGenerator<LineSegment> {
  let pending: LineSegment[] = []
  const splitter = new LineSplitter(maxLineBytes, (data, start, end, offset, advance, final) => {
    pending.push({ bytes: data.subarray(start, end), offset, advance, final })
  })
  for await (const chunk of chunks) {
    splitter.push(chunk)
    yield* pending
    pending = []
  }
  splitter.end()
  yield* pending
}

/** Move `position` back (at most 3 bytes, never below `floor`) so it does not split a UTF-8 sequence. */
function characterBoundary(data: Buffer, position: number, floor: number): number {
  let at = position
  for (let step = 0; step < 3 && at > floor && ((data[at] ?? 0) & 0xc0) === 0x80; step++) at--
  return at
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
