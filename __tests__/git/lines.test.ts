import { describe, expect, it } from '@jest/globals'
import { SegmentDecoder, splitLines, type LineSegment } from '../../src/git/lines.js'
import { MIN_LINE_BYTES, OVERLAP_BYTES, windowString } from '../../src/scan/windows.js'
import { WINDOW_OVERLAP } from '../../src/scan/scanner.js'

async function* chunksOf(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let start = 0; start < data.length; start += size) yield data.subarray(start, start + size)
}

async function segments(data: Buffer, chunkSize: number, maxLineBytes: number): Promise<LineSegment[]> {
  const all: LineSegment[] = []
  for await (const segment of splitLines(chunksOf(data, chunkSize), maxLineBytes)) {
    all.push({ ...segment, bytes: Buffer.from(segment.bytes) })
  }
  return all
}

describe('splitLines', () => {
  it('splits on newlines across chunk boundaries, keeping a last line without newline', async () => {
    const lines = await segments(Buffer.from('one\ntwo\r\n\nthree'), 3, 1024)
    expect(lines.map(segment => segment.bytes.toString())).toEqual(['one', 'two\r', '', 'three'])
    expect(lines.every(segment => segment.final && segment.offset === 0)).toBe(true)
  })

  it('cuts a long line into overlapping windows so a token across a cut is whole in one window', async () => {
    const max = MIN_LINE_BYTES
    const token = 'sk-TOKEN-THAT-STRADDLES-A-CUT'
    const line = 'x'.repeat(max - 10) + token + 'y'.repeat(20 * max)
    const windows = await segments(Buffer.from(`${line}\nnext\n`), 1000, max)
    const longLine = windows.slice(0, -1)
    expect(longLine.length).toBeGreaterThan(20)
    expect(longLine.every(segment => segment.bytes.length <= max)).toBe(true)
    expect(longLine.filter(segment => segment.bytes.toString().includes(token))).toHaveLength(1)
    for (let index = 1; index < longLine.length; index++) {
      const previous = longLine[index - 1]
      expect(longLine[index].offset).toBe(previous.offset + previous.advance)
      expect(previous.bytes.length - previous.advance).toBeGreaterThanOrEqual(OVERLAP_BYTES)
    }
    expect(longLine.at(-1)?.final).toBe(true)
    expect(windows.at(-1)?.bytes.toString()).toBe('next')
  })

  it('never cuts inside a UTF-8 character; columns count characters; windows overlap by WINDOW_OVERLAP', async () => {
    const line = '€'.repeat(3 * MIN_LINE_BYTES) + 'KEY'
    const decoder = new SegmentDecoder(0)
    const texts: Array<{ text: string; columnOffset?: number }> = []
    for (const segment of await segments(Buffer.from(line), 4096, MIN_LINE_BYTES))
      texts.push(decoder.decode(segment))
    expect(texts.length).toBeGreaterThan(3)
    for (const [index, piece] of texts.entries()) {
      const next = texts[index + 1]
      if (next)
        expect(
          (piece.columnOffset ?? 0) + piece.text.length - (next.columnOffset ?? 0)
        ).toBeGreaterThanOrEqual(WINDOW_OVERLAP)
      expect(piece.text).not.toContain('\ufffd')
      expect(line.slice(piece.columnOffset ?? 0, (piece.columnOffset ?? 0) + piece.text.length)).toBe(
        piece.text
      )
    }
    expect(texts.at(-1)?.text.endsWith('KEY')).toBe(true)
  })
})

describe('SegmentDecoder', () => {
  it('drops the diff prefix and a trailing carriage return, keeping columns of the real line', () => {
    const decoder = new SegmentDecoder(1)
    expect(
      decoder.decode({ bytes: Buffer.from('+value = 1\r'), offset: 0, advance: 11, final: true })
    ).toEqual({
      text: 'value = 1'
    })
  })

  it('decodes bytes that are not UTF-8 as latin1 instead of failing', () => {
    const decoder = new SegmentDecoder(0)
    const bytes = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6b])
    expect(decoder.decode({ bytes, offset: 0, advance: bytes.length, final: true }).text).toBe('café k')
  })
})

describe('windowString', () => {
  it('windows long strings with offsets and leaves short ones alone', () => {
    expect(windowString('short', 1024)).toEqual([{ text: 'short' }])
    const text = 'a'.repeat(MIN_LINE_BYTES) + 'MARK' + 'b'.repeat(2 * MIN_LINE_BYTES)
    const windows = windowString(text, 0)
    expect(windows.filter(window => window.text.includes('MARK'))).not.toHaveLength(0)
    for (const window of windows) {
      expect(text.slice(window.columnOffset, (window.columnOffset ?? 0) + window.text.length)).toBe(
        window.text
      )
    }
    expect(windows.at(-1)?.text.endsWith('b')).toBe(true)
  })
})
