import { isAscii, isUtf8 } from 'node:buffer'

/**
 * Bytes of one line (or a file name) as text: UTF-8 when they are valid UTF-8, otherwise latin1 (one character
 * per byte), so non-UTF-8 text is still scanned and never throws. A line of UTF-16 text (NUL bytes in every
 * other position, as Windows PowerShell 5 writes `>` redirections) is decoded as UTF-16; a binary line stays
 * latin1, where its printable runs keep their characters and the bytes between them end every token.
 */
export function decodeText(bytes: Buffer): string {
  // V8 builds a one-byte string from latin1 several times faster than from UTF-8; for ASCII they are the same.
  if (isAscii(bytes)) {
    return bytes.includes(0) ? decodeWithNul(bytes, 'latin1') : bytes.toString('latin1')
  }
  const encoding = isUtf8(bytes) ? 'utf8' : 'latin1'
  return bytes.includes(0) ? decodeWithNul(bytes, encoding) : bytes.toString(encoding)
}

function decodeWithNul(bytes: Buffer, fallback: 'utf8' | 'latin1'): string {
  const order = utf16Order(bytes)
  return order === undefined ? bytes.toString(fallback) : utf16(bytes, order)
}

type ByteOrder = 'le' | 'be'

/**
 * UTF-16 when one of the two byte positions is mostly NUL and the other almost never is: the shape of text
 * (mostly ASCII) in UTF-16. A line of a UTF-16 file split at its `\n` byte may start one byte late (the `\n`'s
 * other byte), which only swaps the order seen: ASCII decodes the same either way.
 */
function utf16Order(bytes: Buffer): ByteOrder | undefined {
  if (bytes.length < 2) return undefined
  const pairs = bytes.length >> 1
  let evenNul = 0
  let oddNul = 0
  // From NUL to NUL (a binary file has few), and no further once both orders have too many NULs on their text side.
  for (let at = bytes.indexOf(0); at !== -1; at = bytes.indexOf(0, at + 1)) {
    if (at % 2 === 0) evenNul++
    else oddNul++
    if (evenNul * 10 > pairs && oddNul * 10 > pairs) return undefined
  }
  if (oddNul * 2 >= pairs && evenNul * 10 <= pairs) return 'le'
  if (evenNul * 2 >= pairs && oddNul * 10 <= pairs) return 'be'
  return undefined
}

function utf16(bytes: Buffer, order: ByteOrder): string {
  const even = bytes.subarray(0, bytes.length & ~1)
  const units = order === 'le' ? even : Buffer.from(even).swap16()
  return units.toString('utf16le')
}

/**
 * A whole file in a wide encoding, re-encoded as UTF-8 so the byte scanner reads it like any file: UTF-16 or
 * UTF-32 named by a byte-order mark, or UTF-16 without one (recognised by its NUL bytes). Undefined for any
 * other file (UTF-8, latin1 or binary), which is scanned as it is.
 */
export function wideTextAsUtf8(bytes: Buffer): Buffer | undefined {
  const text = decodeWide(bytes)
  return text === undefined ? undefined : Buffer.from(text, 'utf8')
}

function decodeWide(bytes: Buffer): string | undefined {
  const [b0, b1, b2, b3] = bytes
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return utf32(bytes.subarray(4), 'le')
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return utf32(bytes.subarray(4), 'be')
  if (b0 === 0xff && b1 === 0xfe) return utf16(bytes.subarray(2), 'le')
  if (b0 === 0xfe && b1 === 0xff) return utf16(bytes.subarray(2), 'be')
  if (!bytes.subarray(0, WIDE_SNIFF_BYTES).includes(0)) return undefined
  const order = utf16Order(bytes.subarray(0, WIDE_SNIFF_BYTES))
  return order === undefined ? undefined : utf16(bytes, order)
}

/** Enough of a file to tell UTF-16 from binary (git's binary test reads as much). */
const WIDE_SNIFF_BYTES = 8000

function utf32(bytes: Buffer, order: ByteOrder): string {
  const parts: string[] = []
  for (let at = 0; at + 4 <= bytes.length; at += 4) {
    const point = order === 'le' ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at)
    parts.push(point <= 0x10ffff ? String.fromCodePoint(point) : '\ufffd')
  }
  return parts.join('')
}
