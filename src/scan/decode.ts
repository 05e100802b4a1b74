import { isAscii, isUtf8 } from 'node:buffer'

/**
 * Bytes of one line (or a file name) as text: UTF-8 when they are valid UTF-8, otherwise latin1 (one character
 * per byte), so non-UTF-8 text is still scanned and never throws.
 */
export function decodeText(bytes: Buffer): string {
  // V8 builds a one-byte string from latin1 several times faster than from UTF-8; for ASCII they are the same.
  if (isAscii(bytes)) return bytes.toString('latin1')
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1')
}
