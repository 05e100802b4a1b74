/** Shared by the report builders: the order findings are reported in, and how a finding is named. */
import { compareCodeUnits } from '../core/order.js'
import { redact } from '../core/redact.js'
import { formatCount, plural } from '../core/words.js'
import type { Finding, Severity } from '../scan/types.js'

export { formatCount, plural }

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, error: 1, warning: 2 }

type Liveness = Finding['liveness']

function livenessRank(liveness: Liveness): number {
  switch (liveness) {
    case 'live':
      return 0
    case 'unknown':
      return 1
    case undefined:
      return 2
    case 'dead':
      return 3
  }
}

/** Most severe first: critical > error > warning, then live > unknown > not verified > dead, then by place. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    livenessRank(a.liveness) - livenessRank(b.liveness) ||
    compareCodeUnits(a.path, b.path) ||
    a.line - b.line ||
    a.startColumn - b.startColumn ||
    compareCodeUnits(a.commit ?? '', b.commit ?? '')
  )
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings)
}

/** The key as it may be shown: always recomputed from the secret, so a mis-filled `redacted` cannot leak it. */
export function shownKey(finding: Finding): string {
  return finding.secret ? redact(finding.secret) : redact(finding.redacted)
}

/**
 * The finding has a line to point at: not a key in a file name (the file is its place), nor one added and removed
 * inside a range (the head has no line of it).
 */
export function hasLine(finding: Finding): boolean {
  return !finding.removed && !finding.inFileName
}

/** Repository-relative POSIX path as annotations and SARIF want it: without a leading `./`. */
export function repoRelativePath(path: string): string {
  return path.replace(/^(?:\.\/)+/, '')
}

export function isSha(commit: string): boolean {
  return /^[0-9a-f]{7,64}$/i.test(commit)
}

/** Seven hex digits of a full SHA; anything that is not a SHA is returned as is (callers escape it). */
export function shortCommit(commit: string): string {
  return isSha(commit) ? commit.slice(0, 7).toLowerCase() : commit
}

/** Seconds since `started` (a `Date.now()`), with `digits` decimals: "12" or "12.3" for progress and log lines. */
export function secondsSince(started: number, digits: number): string {
  return ((Date.now() - started) / 1000).toFixed(digits)
}

/** The text as a sentence: ends with `.` unless it already ends a sentence (so "Fix:" never joins a clause). */
export function sentence(text: string): string {
  const trimmed = text.trimEnd().replace(/[:;,]$/, '')
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/** `512 bytes`, `5.9 KiB`, `10 MiB`: one decimal at most, none when it is zero. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte')
  if (bytes < 1024 * 1024) return `${+(bytes / 1024).toFixed(1)} KiB`
  if (bytes < 1024 * 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`
  return `${+(bytes / (1024 * 1024 * 1024)).toFixed(2)} GiB`
}

/** What the liveness check said, in words a user acts on. */
export function livenessSentence(liveness: Liveness): string {
  switch (liveness) {
    case 'live':
      return 'Verified LIVE: the key works right now. Revoke it at https://platform.openai.com/api-keys and store its replacement as a secret.'
    case 'dead':
      return 'Verified dead: OpenAI rejects it. Remove it anyway; git history keeps it.'
    case 'unknown':
      return 'Liveness unknown: the check could not finish. Treat it as live: revoke and replace it.'
    case undefined:
      return 'Not verified. If it is a real key, revoke and replace it, then remove it from the code.'
  }
}

export function livenessLabel(liveness: Liveness): string {
  return liveness ?? 'not verified'
}
