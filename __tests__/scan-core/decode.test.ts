import { describe, expect, it } from '@jest/globals'
import { decodeText, wideTextAsUtf8 } from '../../src/scan/decode.js'

const TEXT = 'KEY=value-ü\r\n'

describe('wideTextAsUtf8', () => {
  it('re-encodes UTF-16 and UTF-32 named by a byte-order mark', () => {
    const le = Buffer.from(`\ufeff${TEXT}`, 'utf16le')
    const be = Buffer.from(le).swap16()
    const utf32le = Buffer.alloc(4 * (TEXT.length + 1))
    ;[0xfeff, ...[...TEXT].map(char => char.codePointAt(0) ?? 0)].forEach((point, index) =>
      utf32le.writeUInt32LE(point, index * 4)
    )
    const utf32be = Buffer.from(utf32le).swap32()
    for (const bytes of [le, be, utf32le, utf32be]) expect(wideTextAsUtf8(bytes)?.toString('utf8')).toBe(TEXT)
  })

  it('recognises UTF-16 without a mark by its NUL bytes, in either order', () => {
    const le = Buffer.from(TEXT.repeat(3), 'utf16le')
    expect(wideTextAsUtf8(le)?.toString('utf8')).toBe(TEXT.repeat(3))
    expect(wideTextAsUtf8(Buffer.from(le).swap16())?.toString('utf8')).toBe(TEXT.repeat(3))
  })

  it('leaves UTF-8, latin1 and binary files alone', () => {
    expect(wideTextAsUtf8(Buffer.from(TEXT))).toBeUndefined()
    expect(wideTextAsUtf8(Buffer.from('caf\xe9\n', 'latin1'))).toBeUndefined()
    expect(
      wideTextAsUtf8(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))
    ).toBeUndefined()
  })
})

describe('decodeText', () => {
  it('decodes a UTF-16 line whatever byte it starts on, and keeps a binary line one character per byte', () => {
    const line = Buffer.from('token=abc', 'utf16le')
    expect(decodeText(line)).toBe('token=abc')
    // A line of a UTF-16 LE file after the first starts with the other byte of the `\n` before it.
    expect(decodeText(Buffer.concat([Buffer.from([0]), line.subarray(0, -1)]))).toBe('token=abc')
    const binary = Buffer.from('\x00\x01\xfftoken=abc\x00\x00', 'latin1')
    expect(decodeText(binary)).toBe('\x00\x01\xfftoken=abc\x00\x00')
  })
})
