import { redact } from '../core/redact.js'
import type { Detector } from '../detectors/types.js'
import type { Allowlist, AllowReason } from './allowlist.js'
import { decodeText } from './decode.js'
import { fingerprint } from './fingerprint.js'
import type { AddedLine, DetectorMatch, Finding, Severity } from './types.js'

/**
 * Windows of one long line (AddedLine.columnOffset) must overlap by at least this many characters: the
 * longest key is 167 characters, so every secret then lies whole in some window.
 */
export const WINDOW_OVERLAP = 1024

export interface ScannerOptions {
  detectors: readonly Detector[]
  allowlist?: Allowlist
  /** Stop after this many findings; `stats.truncated` then says that more were left out. */
  maxFindings?: number
}

export interface ScanStats {
  /** Findings reported (after deduplication and the allowlist). */
  findings: number
  /** Findings the allowlist accepted, by reason: the report says how many were allowed and why. */
  suppressed: Record<AllowReason, number>
  /** True when maxFindings was reached and the scan stopped reporting. */
  truncated: boolean
}

/**
 * A whole file's raw bytes, for tree scans: only the lines that hold a keyword are ever decoded (each as
 * `decodeText` decodes a line), so a file without one costs a byte search and nothing else.
 */
export interface FileBytes {
  path: string
  /** May be a reused buffer (the tree reader's): valid only until the next file is requested. */
  bytes: Buffer
  commit?: string
}

/**
 * A file too large to hold whole (the tree scan's large files): its lines as they are read, long ones as
 * overlapping windows (AddedLine.columnOffset), so memory stays bounded.
 */
export interface FileLines {
  path: string
  lines: Iterable<AddedLine>
  commit?: string
}

export type ScannedFile = FileBytes | FileLines

export interface Scanner {
  /**
   * Findings on one line. For a window of a long line, a secret touching the window's right edge is held
   * back until the next call (the next window sees it whole) or `flush()`, so it may come out of that call.
   */
  scanLine(line: AddedLine): Finding[]
  /** Findings in a whole file's bytes; the same lines, columns and findings as scanning its decoded lines. */
  scanBytes(file: FileBytes): Finding[]
  /** Findings in a file, whole (`scanBytes`) or line by line as it is read. */
  scanFile(file: ScannedFile): Finding[]
  /** Findings held back from the last window scanned. */
  flush(): Finding[]
  /**
   * Where a keyword could start in raw bytes at or after `from` (-1: nowhere): bytes without one hold no finding.
   * Search each buffer from 0 first; `from` must not go back within a buffer.
   */
  prefilter(bytes: Buffer, from: number): number
  readonly stats: ScanStats
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 3, error: 2, warning: 1 }
const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d

interface Candidate {
  finding: Finding
  lineText: string
}

interface HeldBack {
  path: string
  line: number
  commit: string | undefined
  candidates: Candidate[]
}

/**
 * The pure scanning core. One cheap check per line (a single indexOf, or one precompiled RegExp of all
 * keywords) decides whether any detector runs at all; on the rare lines that pass, only detectors whose
 * keywords occur run their patterns.
 *
 * Matches of different detectors that overlap are one finding, reported by the most severe detector: the
 * workflow's own key found where an OpenAI detector also matched is one critical finding, named with
 * the key's kind ("The key this workflow uses (OpenAI project key)"). The same secret on the same
 * path, line and commit is reported once (repeated on the line, or seen in two overlapping windows);
 * elsewhere it is reported at each place.
 */
export function createScanner(options: ScannerOptions): Scanner {
  const detectors = options.detectors
  const maxFindings = options.maxFindings ?? Number.POSITIVE_INFINITY
  const keywordIndex = compileKeywordIndex(
    detectors.flatMap(detector => detector.keywords),
    detectors.flatMap(detector => (detector.prefix ? [detector.prefix] : detector.keywords))
  )
  const reported = new Set<string>()
  const stats: ScanStats = {
    findings: 0,
    suppressed: { 'inline-marker': 0, path: 0, fingerprint: 0 },
    truncated: false
  }
  let heldBack: HeldBack | undefined

  /** The detectors' matches on one line, overlapping ones grouped: each group is one finding. */
  function matchGroups(text: string, keywords: Set<string>): DetectorHit[][] {
    const matches: DetectorHit[] = []
    // Indexed loops, no closures: this runs on every keyword line while the code is still cold.
    for (let index = 0; index < detectors.length; index++) {
      const detector = detectors[index]
      if (!hasAny(keywords, detector.keywords)) continue
      const found = detector.find(text)
      for (let at = 0; at < found.length; at++) matches.push({ match: found[at], detector })
    }
    matches.sort((a, b) => a.match.start - b.match.start)
    const groups: DetectorHit[][] = []
    for (let i = 0; i < matches.length;) {
      const group = [matches[i]]
      let groupEnd = matches[i].match.end
      for (i++; i < matches.length && matches[i].match.start < groupEnd; i++) {
        group.push(matches[i])
        groupEnd = Math.max(groupEnd, matches[i].match.end)
      }
      groups.push(group)
    }
    return groups
  }

  function candidatesOf(
    groups: DetectorHit[][],
    place: { path: string; line: number; commit?: string; inFileName?: true },
    text: string,
    columnOffset: number
  ): Candidate[] {
    return groups.map(group => {
      const { match, detector } = strongest(group)
      const secret = ownCopy(match.secret)
      const others = group.filter(other => other.detector !== detector)
      const detectorName =
        detector.severity === 'critical' && others.length > 0
          ? `${detector.name} (${strongest(others).detector.name})`
          : detector.name
      return {
        lineText: text,
        finding: {
          detectorId: match.detectorId,
          detectorName,
          severity: detector.severity,
          path: place.path,
          line: place.line,
          startColumn: columnOffset + match.start + 1,
          endColumn: columnOffset + match.end,
          commit: place.commit,
          secret,
          redacted: redact(secret),
          fingerprint: fingerprint(match.detectorId, secret),
          ...(place.inFileName ? { inFileName: true } : {})
        }
      }
    })
  }

  function report(candidates: Candidate[], into: Finding[]): void {
    for (const { finding, lineText } of candidates) {
      if (stats.truncated) return
      const identity = [finding.path, finding.line, finding.commit ?? '', finding.fingerprint].join('\u0000')
      if (reported.has(identity)) continue
      reported.add(identity)
      const allowed = options.allowlist?.allowedBy(finding, lineText)
      if (allowed) {
        stats.suppressed[allowed]++
        continue
      }
      if (stats.findings >= maxFindings) {
        stats.truncated = true
        return
      }
      stats.findings++
      into.push(finding)
    }
  }

  function flush(): Finding[] {
    const findings: Finding[] = []
    if (heldBack) report(heldBack.candidates, findings)
    heldBack = undefined
    return findings
  }

  function scanLine(line: AddedLine): Finding[] {
    const offset = line.columnOffset
    const continuesHeldLine =
      heldBack !== undefined &&
      offset !== undefined &&
      offset > 0 &&
      heldBack.path === line.path &&
      heldBack.line === line.line &&
      heldBack.commit === line.commit
    let findings: Finding[] = []
    // This window overlaps the last one by WINDOW_OVERLAP, so it sees the held-back secrets whole.
    if (continuesHeldLine) heldBack = undefined
    else findings = flush()
    const keywords = stats.truncated ? undefined : keywordIndex.keywordsIn(line.text)
    if (!keywords) return findings

    let candidates = candidatesOf(matchGroups(line.text, keywords), line, line.text, offset ?? 0)
    if (offset !== undefined) {
      const windowStart = offset
      const windowEnd = offset + line.text.length
      // A match at a continuation window's left edge was seen whole by the window before; one at the
      // right edge may be cut off, and the next window (if any) sees it whole.
      candidates = candidates.filter(
        ({ finding }) => !(windowStart > 0 && finding.startColumn === windowStart + 1)
      )
      const cutOff = candidates.filter(({ finding }) => finding.endColumn === windowEnd)
      if (cutOff.length > 0) {
        heldBack = { path: line.path, line: line.line, commit: line.commit, candidates: cutOff }
        candidates = candidates.filter(candidate => !cutOff.includes(candidate))
      }
    }
    report(candidates, findings)
    return findings
  }

  function scanBytes(file: FileBytes): Finding[] {
    const findings = flush()
    const { path, bytes, commit } = file
    let lineNumber = 1
    let countedTo = 0
    for (let hit = keywordIndex.nextInBytes(bytes, 0); hit !== -1 && !stats.truncated;) {
      const lineStart = hit === 0 ? 0 : bytes.lastIndexOf(NEWLINE, hit - 1) + 1
      const newline = bytes.indexOf(NEWLINE, hit)
      const lineEnd = newline === -1 ? bytes.length : newline
      const contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] === CARRIAGE_RETURN ? lineEnd - 1 : lineEnd
      const lineText = decodeText(bytes.subarray(lineStart, contentEnd))
      const keywords = keywordIndex.keywordsIn(lineText)
      const groups = keywords ? matchGroups(lineText, keywords) : []
      if (groups.length > 0) {
        // Lines are counted only up to lines with a match: most keyword hits (`mask-`, `task-`) have none.
        lineNumber += countNewlineBytes(bytes, countedTo, lineStart)
        countedTo = lineStart
        report(candidatesOf(groups, { path, line: lineNumber, commit }, lineText, 0), findings)
      }
      hit = newline === -1 ? -1 : keywordIndex.nextInBytes(bytes, newline + 1)
    }
    return findings
  }

  function scanFile(file: ScannedFile): Finding[] {
    if (!('lines' in file)) return scanBytes(file)
    const findings = flush()
    for (const line of file.lines) {
      const found = scanLine(line)
      if (found.length > 0) findings.push(...found)
    }
    findings.push(...flush())
    return findings
  }

  const prefilter = (bytes: Buffer, from: number) => keywordIndex.nextInBytes(bytes, from)
  return { scanLine, scanBytes, scanFile, flush, prefilter, stats }
}

/** A file's path as a line of its own (line 0), scanned as its content is: a key in a file name is committed. */
export function fileNameLine(path: string, commit?: string, role?: 'removed'): AddedLine {
  const line: AddedLine = { path, line: 0, text: path, inFileName: true }
  if (commit !== undefined) line.commit = commit
  if (role !== undefined) line.role = role
  return line
}

type DetectorHit = { match: DetectorMatch; detector: Detector }

function hasAny(present: Set<string>, wanted: readonly string[]): boolean {
  for (let index = 0; index < wanted.length; index++) if (present.has(wanted[index])) return true
  return false
}

/**
 * A copy of `text` that holds only its own characters. A slice of a line keeps the whole line alive in V8, and
 * a finding outlives its line: up to MAX_FINDINGS findings on minified lines would otherwise hold megabytes each.
 */
function ownCopy(text: string): string {
  // Through UTF-16 code units: exact for any string (a UTF-8 round trip would replace a lone surrogate).
  return Buffer.from(text, 'utf16le').toString('utf16le')
}

/** The most severe hit; among equals the longest, then the first. */
function strongest(hits: DetectorHit[]): DetectorHit {
  return hits.reduce((best, hit) => {
    const bySeverity = SEVERITY_RANK[hit.detector.severity] - SEVERITY_RANK[best.detector.severity]
    const byLength = hit.match.end - hit.match.start - (best.match.end - best.match.start)
    return bySeverity > 0 || (bySeverity === 0 && byLength > 0) ? hit : best
  })
}

function countNewlineBytes(bytes: Buffer, from: number, to: number): number {
  let count = 0
  for (let at = bytes.indexOf(NEWLINE, from); at !== -1 && at < to; at = bytes.indexOf(NEWLINE, at + 1))
    count++
  return count
}

interface KeywordIndex {
  /** The keywords that occur in `text`, found in one pass; undefined when there are none (most lines). */
  keywordsIn(text: string): Set<string> | undefined
  /**
   * For raw bytes: the offset of the first anchor's bytes at or after `from` (-1 for none), in UTF-8 or, for
   * anchors beyond ASCII, in latin1 too (how a non-UTF-8 line decodes). Start each file with `from` 0; `from`
   * must not go back within a file.
   */
  nextInBytes(bytes: Buffer, from: number): number
}

/**
 * The prefilter. Keywords that contain another keyword need no search of their own (`sk-proj-` holds
 * `sk-`): only the remaining anchors are searched, with indexOf when there is one and one alternation
 * RegExp when there are several (V8 scans both at about 1 GB/s). A line is read once to list the anchors
 * in it; each keyword is then checked in place around its anchor's occurrences, so adding detectors does
 * not add passes over long lines.
 *
 * Raw bytes are searched for `byteLiterals` instead: the detectors' prefixes where they have one, since a
 * line without a detector's prefix holds no match of it whatever keywords it has (`T3BlbkFJ` alone is no key).
 */
function compileKeywordIndex(keywords: readonly string[], byteLiterals: readonly string[]): KeywordIndex {
  const anchors = minimalLiterals(keywords)
  const placements = [...new Set(keywords.filter(keyword => keyword !== ''))].map(keyword => {
    const anchor = anchors.find(candidate => keyword.includes(candidate)) as string
    return { keyword, anchor, offset: keyword.indexOf(anchor) }
  })
  let foundAnchor = ''
  let next: (text: string, from: number) => number
  if (anchors.length <= 1) {
    foundAnchor = anchors[0] ?? ''
    next = foundAnchor === '' ? () => -1 : (text, from) => text.indexOf(foundAnchor, from)
  } else {
    const anyAnchor = new RegExp(
      anchors.map(anchor => anchor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
      'g'
    )
    next = (text, from) => {
      anyAnchor.lastIndex = from
      const found = anyAnchor.exec(text)
      if (!found) return -1
      foundAnchor = found[0]
      return found.index
    }
  }
  // A line that is not valid UTF-8 is decoded as latin1, where an anchor beyond ASCII has other bytes.
  const needles = minimalLiterals(byteLiterals)
    .flatMap(anchor =>
      /[^\x00-\x7f]/.test(anchor) && /^[\x00-\xff]*$/.test(anchor)
        ? [Buffer.from(anchor, 'utf8'), Buffer.from(anchor, 'latin1')]
        : [Buffer.from(anchor, 'utf8')]
    )
    .map(searchFromSecondByte)
  const found = needles.map(() => -2)
  return {
    nextInBytes(bytes, from) {
      // Each needle's next occurrence is kept until passed, so every needle reads the bytes once. The state is
      // the index's own (no closure per file): one search at a time.
      if (from === 0) found.fill(-2)
      let first = -1
      for (let index = 0; index < needles.length; index++) {
        if (found[index] !== -1 && found[index] < from) found[index] = needles[index](bytes, from)
        if (found[index] !== -1 && (first === -1 || found[index] < first)) first = found[index]
      }
      return first
    },
    keywordsIn(text) {
      let present: Set<string> | undefined
      for (let at = next(text, 0); at !== -1; at = next(text, at + 1)) {
        // Indexed: on the rare lines that get here the code is still cold, and an unoptimised for-of allocates a
        // result object per step.
        for (let index = 0; index < placements.length; index++) {
          const { keyword, anchor, offset } = placements[index]
          if (anchor === foundAnchor && at >= offset && text.startsWith(keyword, at - offset)) {
            present ??= new Set()
            present.add(keyword)
          }
        }
      }
      return present
    }
  }
}

/** The literals that contain no other: finding those finds every one. */
function minimalLiterals(literals: readonly string[]): string[] {
  const unique = [...new Set(literals.filter(literal => literal !== ''))]
  return unique.filter(literal => !unique.some(other => other !== literal && literal.includes(other)))
}

/**
 * A search for `needle` in bytes: offset of its first occurrence at or after `from`, or -1. Buffer.indexOf
 * stops at every occurrence of the needle's first byte, and keys start with a common letter (`s` of `sk-`);
 * searching from the second byte (`k-`) and checking the byte before stops far less often.
 */
function searchFromSecondByte(needle: Buffer): (bytes: Buffer, from: number) => number {
  if (needle.length < 2) return (bytes, from) => bytes.indexOf(needle, from)
  const head = needle[0]
  const tail = needle.subarray(1)
  return (bytes, from) => {
    for (let at = bytes.indexOf(tail, from + 1); at !== -1; at = bytes.indexOf(tail, at + 1)) {
      if (bytes[at - 1] === head) return at - 1
    }
    return -1
  }
}
