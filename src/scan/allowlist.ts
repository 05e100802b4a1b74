import type { Finding } from './types.js'
import { FINGERPRINT_PATTERN } from './fingerprint.js'

export type AllowReason = 'inline-marker' | 'path' | 'fingerprint'

export interface Allowlist {
  /** Why this finding is accepted, or undefined when it must be reported. `lineText`: the line it is on. */
  allowedBy(finding: Finding, lineText: string): AllowReason | undefined
  /** 1-based lines of the fingerprint file that are no fingerprint, comment or blank: tell the user. */
  invalidLines: number[]
}

/**
 * Inline markers: ours, and those of gitleaks, trufflehog and detect-secrets, so a team switching over
 * keeps the markers it already has.
 */
const INLINE_MARKER = /openai-key-doctor:allow|gitleaks:allow|trufflehog:ignore|pragma:\s*allowlist secret/i

/**
 * The allowlist of a repository, from the text of its `.openai-key-doctor-ignore` (one fingerprint per
 * line; `#` starts a comment; blank lines are ignored) and its path globs (`isAllowedPath`, made by
 * compilePathGlobs).
 *
 * The workflow's own key (severity `critical`, the live production key) is accepted only by its
 * fingerprint: an entry names that one secret on purpose, whereas a path glob or a marker comment may
 * have been written for test data, or by the same change that commits the key.
 */
export function parseAllowlist(
  fingerprintFileText: string | undefined,
  isAllowedPath: (path: string) => boolean = () => false
): Allowlist {
  const fingerprints = new Set<string>()
  const invalidLines: number[] = []
  const lines = fingerprintFileText?.split(/\r?\n/) ?? []
  lines.forEach((raw, index) => {
    const entry = raw.replace(/#.*/, '').trim().toLowerCase()
    if (entry === '') return
    if (FINGERPRINT_PATTERN.test(entry)) fingerprints.add(entry)
    else invalidLines.push(index + 1)
  })

  // Every finding of a line asks about the same line: one marker search per line, not per finding (a
  // 3.6 MB line with 100,000 keys would otherwise be searched 100,000 times).
  let markerLine: string | undefined
  let markerLineHasMarker = false
  const hasInlineMarker = (lineText: string): boolean => {
    if (lineText !== markerLine) {
      markerLine = lineText
      markerLineHasMarker = INLINE_MARKER.test(lineText)
    }
    return markerLineHasMarker
  }

  return {
    invalidLines,
    allowedBy(finding: Finding, lineText: string): AllowReason | undefined {
      if (fingerprints.has(finding.fingerprint)) return 'fingerprint'
      if (finding.severity === 'critical') return undefined
      if (hasInlineMarker(lineText)) return 'inline-marker'
      if (isAllowedPath(finding.path)) return 'path'
      return undefined
    }
  }
}
