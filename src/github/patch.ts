/** Unified-diff `patch` text from the GitHub REST API to the lines it adds (pure). */
import type { AddedLine } from '../scan/types.js'
import { windowString } from '../scan/windows.js'

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/

export function addedLinesFromPatch(
  patch: string,
  path: string,
  commit: string,
  maxLineBytes: number
): AddedLine[] {
  const lines: AddedLine[] = []
  let next: number | undefined
  for (const raw of patch.split('\n')) {
    const hunk = HUNK_HEADER.exec(raw)
    if (hunk) {
      next = Number(hunk[1])
      continue
    }
    if (next === undefined) continue
    const kind = raw[0]
    if (kind === ' ') next++
    if (kind !== '+') continue
    const text = raw.endsWith('\r') ? raw.slice(1, -1) : raw.slice(1)
    for (const window of windowString(text, maxLineBytes)) {
      const line: AddedLine = { path, line: next, text: window.text, commit }
      if (window.columnOffset !== undefined) line.columnOffset = window.columnOffset
      lines.push(line)
    }
    next++
  }
  return lines
}
