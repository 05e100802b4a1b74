import type { RepoEvidence } from '../core/diagnosis-types.js'
import { CONFIGURED_KEY_DETECTOR_ID } from '../detectors/configured-key.js'
import { detectorsFor } from '../detectors/registry.js'
import type { LineSource } from '../git/coverage.js'
import type { Allowlist, AllowReason } from '../scan/allowlist.js'
import { createScanner } from '../scan/scanner.js'
import type { AddedLine, Finding, ScanCoverage } from '../scan/types.js'
import { ALLOWLIST_FILE } from './allowlist-file.js'

/** Findings past this many are counted but not kept: the report summarises, memory stays bounded. */
export const MAX_FINDINGS = 100_000

export interface LeakScan {
  findings: Finding[]
  coverage: ScanCoverage
  suppressed: Record<AllowReason, number>
  truncated: boolean
  /** The scanned change edits the allowlist itself: reviewers should look at what it now accepts. */
  allowlistChanged: boolean
}

/**
 * Runs every detector (and the workflow's own key) over a stream of added lines, or over whole files when the
 * source offers them (the scanner's fast path). Prints nothing: the caller masks the secrets found before
 * anything else is printed.
 */
export async function findLeaks(
  source: LineSource,
  options: { configuredKey?: string; allowlist?: Allowlist }
): Promise<LeakScan> {
  const scanner = createScanner({
    detectors: detectorsFor(options.configuredKey),
    allowlist: options.allowlist,
    maxFindings: MAX_FINDINGS
  })
  const findings: Finding[] = []
  let allowlistChanged = false
  const watch = (place: { path: string; commit?: string }): void => {
    if (place.commit !== undefined && place.path === ALLOWLIST_FILE) allowlistChanged = true
  }
  if (source.files) {
    for await (const batch of source.files) {
      for (const file of batch) {
        watch(file)
        const found = scanner.scanBytes(file)
        if (found.length > 0) findings.push(...found)
      }
    }
  } else {
    async function* watched(): AsyncGenerator<AddedLine> {
      for await (const line of source.lines) {
        watch(line)
        yield line
      }
    }
    for await (const finding of scanner.scanLines(watched())) findings.push(finding)
  }
  return {
    findings,
    coverage: source.coverage(),
    suppressed: scanner.stats.suppressed,
    truncated: scanner.stats.truncated,
    allowlistChanged
  }
}

/** Where the workflow's own key is committed: evidence that OpenAI's leak detection revoked it. */
export function configuredKeyEvidence(findings: readonly Finding[]): RepoEvidence[] {
  return findings
    .filter(finding => finding.detectorId === CONFIGURED_KEY_DETECTOR_ID)
    .map(finding => ({
      path: finding.path,
      line: finding.line,
      message: 'the key this workflow uses is committed here',
      ...(finding.commit ? { commit: finding.commit } : {})
    }))
}
