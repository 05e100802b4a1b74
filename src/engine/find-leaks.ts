import type { RepoEvidence } from '../core/diagnosis-types.js'
import { CONFIGURED_KEY_DETECTOR_ID } from '../detectors/configured-key.js'
import { detectorsFor } from '../detectors/registry.js'
import type { LineSource } from '../scan/coverage.js'
import { parseAllowlist, type Allowlist, type AllowReason } from '../scan/allowlist.js'
import { createScanner, fileNameLine, type Scanner } from '../scan/scanner.js'
import type { Finding, ScanCoverage } from '../scan/types.js'
import { ALLOWLIST_FILE, allowlistFromBytes, proposedAllowlistNote } from './allowlist-file.js'
import { locateInHead, type SequencedFinding } from './locate-in-head.js'

/** Findings past this many are counted but not kept: the report summarises, memory stays bounded. */
export const MAX_FINDINGS = 100_000

export interface LeakScan {
  findings: Finding[]
  coverage: ScanCoverage
  suppressed: Record<AllowReason, number>
  truncated: boolean
  /** The scanned change edits the allowlist itself: reviewers should look at what it now accepts. */
  allowlistChanged: boolean
  /** A pull request's allow-list came from its base: what the pull request's own version would accept. */
  allowlistNote?: string
}

/**
 * Runs every detector (and the workflow's own key) over a stream of added lines, or over whole files when the
 * source offers them (the scanner's fast path). Prints nothing: the caller masks the secrets found before
 * anything else is printed.
 *
 * For a range read with git, the allow-list's fingerprints and paths are applied once every finding is placed
 * in the head (inline markers belong to each line and apply while scanning); for a pull request the base's
 * allow-list applies, read then (its history is fetched by now), and the checkout's own (the pull request's
 * version) only says what it would accept.
 */
export async function findLeaks(
  source: LineSource,
  options: { configuredKey?: string; allowlist?: Allowlist; onlyConfiguredKey?: boolean }
): Promise<LeakScan> {
  const detectors = detectorsFor(options.configuredKey)
  const newScanner = (allowlist?: Allowlist) =>
    createScanner({
      detectors: options.onlyConfiguredKey
        ? detectors.filter(detector => detector.id === CONFIGURED_KEY_DETECTOR_ID)
        : detectors,
      allowlist,
      maxFindings: MAX_FINDINGS
    })
  const inRange = source.head !== undefined && !source.files
  const scanner = newScanner(inRange ? MARKERS_ONLY : options.allowlist)
  let findings: Finding[] = []
  let allowlistChanged = false
  const watch = (place: { path: string; commit?: string }): void => {
    if (place.commit !== undefined && place.path === ALLOWLIST_FILE) allowlistChanged = true
  }
  let allowlistNote: string | undefined
  const suppressed = scanner.stats.suppressed
  if (source.candidateLines) {
    // Sources that parse whole histories: only the lines the prefilter keeps become text. A whole history edits
    // the allowlist somewhere along the way: that is no news to review, so no watch.
    for await (const line of source.candidateLines(scanner.prefilter))
      findings.push(...scanner.scanLine(line))
    findings.push(...scanner.flush())
  } else if (source.files) {
    for await (const batch of source.files) {
      for (const file of batch) {
        watch(file)
        findings.push(...scanner.scanLine(fileNameLine(file.path, file.commit)))
        const found = scanner.scanFile(file)
        if (found.length > 0) findings.push(...found)
      }
    }
  } else if (inRange) {
    const located = await findInRange(source, scanner, newScanner, watch)
    const base = source.base?.()
    const effective = base
      ? (await allowlistFromBytes((await base.read([ALLOWLIST_FILE])).get(ALLOWLIST_FILE))).allowlist
      : options.allowlist
    findings = located.filter(finding => {
      const reason = effective?.allowedBy(finding, '')
      if (reason) suppressed[reason]++
      return reason === undefined
    })
    if (base && options.allowlist) {
      allowlistNote = proposedAllowlistNote(options.allowlist, findings, allowlistChanged)
      allowlistChanged = false
    }
  } else {
    for await (const line of source.lines) {
      watch(line)
      findings.push(...scanner.scanLine(line))
    }
    findings.push(...scanner.flush())
  }
  await source.settle?.(findings)
  return {
    findings,
    coverage: source.coverage(),
    suppressed,
    truncated: scanner.stats.truncated,
    allowlistChanged,
    ...(allowlistNote ? { allowlistNote } : {})
  }
}

/** Inline markers only: what a line says of itself, whoever's allow-list applies. */
const MARKERS_ONLY = parseAllowlist(undefined)

/**
 * A range read with git: the lines its commits added (the findings, with their commits), the lines they removed
 * (to name the commit that removed a key) and its net change (where the head holds each key), each through a
 * scanner of its own, then every finding placed in the head (locate-in-head.ts). When the head cannot be read
 * (git failed part-way; the coverage says so), the commits' findings are reported as they were found.
 */
async function findInRange(
  source: LineSource,
  scanner: Scanner,
  newScanner: (allowlist?: Allowlist) => Scanner,
  watch: (place: { path: string; commit?: string }) => void
): Promise<Finding[]> {
  const removals = newScanner()
  const inHeadScanner = newScanner(MARKERS_ONLY)
  const added: SequencedFinding[] = []
  const removed: SequencedFinding[] = []
  const inHead: Finding[] = []
  let sequence = 0
  for await (const line of source.lines) {
    sequence++
    if (line.role === 'removed') {
      for (const finding of removals.scanLine(line)) removed.push({ finding, sequence })
    } else if (line.role === 'head') {
      inHead.push(...inHeadScanner.scanLine(line))
    } else {
      watch(line)
      for (const finding of scanner.scanLine(line)) added.push({ finding, sequence })
    }
  }
  for (const finding of scanner.flush()) added.push({ finding, sequence })
  for (const finding of removals.flush()) removed.push({ finding, sequence })
  inHead.push(...inHeadScanner.flush())
  const head = source.head?.()
  if (!head) return added.map(entry => entry.finding)
  return locateInHead({ added, removed, inHead }, head)
}

/** Where the workflow's own key is committed: evidence that OpenAI's leak detection revoked it. */
export function configuredKeyEvidence(findings: readonly Finding[]): RepoEvidence[] {
  return findings
    .filter(finding => finding.detectorId === CONFIGURED_KEY_DETECTOR_ID)
    .map(finding => {
      const where = finding.inFileName ? 'in this file name' : 'here'
      return {
        path: finding.path,
        line: finding.line,
        message: finding.removed
          ? `the key this workflow uses was committed ${where}, and removed later`
          : `the key this workflow uses is committed ${where}`,
        ...(finding.commit ? { commit: finding.commit } : {}),
        ...(finding.removed ? { removed: true } : {})
      }
    })
}
