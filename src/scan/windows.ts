/**
 * How long lines are cut: into overlapping windows, so a key that straddles a cut is still whole in one window.
 * Shared by every source (git's byte streams in src/git/lines.ts, the REST API's patch strings).
 */
import { WINDOW_OVERLAP } from './scanner.js'

/** A UTF-16 code unit takes at most 3 UTF-8 bytes, so this many bytes hold at least WINDOW_OVERLAP characters. */
export const OVERLAP_BYTES = 3 * WINDOW_OVERLAP
/** Lines up to this size always come whole; windows advance by at least three quarters of it. */
export const MIN_LINE_BYTES = 4 * OVERLAP_BYTES

export interface SegmentText {
  text: string
  /** Set for windows of a long line: the 0-based string offset of `text` within the whole line. */
  columnOffset?: number
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
