import type {
  ChecklistItem,
  Diagnosis,
  KeyFingerprint,
  RepoCheckLimit,
  RepoFindings
} from '../core/diagnosis-types.js'
import type { Cause, KeyStatus, KeyType } from '../core/vocabulary.js'
import type { Finding, ScanCoverage, Severity, Skipped } from '../scan/types.js'
import { repoRelativePath, shownKey, sortFindings } from './format.js'

/**
 * The CLI's `--json` report. Field names are a public contract: add fields, never rename or remove them
 * without bumping `schemaVersion`. No field ever holds a key: keys appear only as `redacted`.
 */
export interface JsonReport {
  schemaVersion: 1
  /** The key's verdict; null when no key was checked (e.g. a scan-only run without OPENAI_API_KEY). */
  keyStatus: KeyStatus | null
  cause: Cause | null
  /** '' when there was no key; null when no key was checked. */
  keyType: KeyType | '' | null
  diagnosis: JsonDiagnosis | null
  /** Every finding, most severe first. */
  leaks: JsonLeak[]
  /** Number of committed keys found (the `leaks` output). */
  leakCount: number
  /** How many of them verified live (the `live-leaks` output). */
  liveLeakCount: number
  /** What the scan covered; null when no scan ran. */
  coverage: JsonCoverage | null
  /** The repository checks (env var names, SDK versions); null when they did not run. */
  repositoryChecks: JsonRepositoryChecks | null
}

export interface JsonRepositoryChecks {
  /** False when a limit or the time budget cut them short: then finding nothing rules nothing out. */
  fullyChecked: boolean
  /** What cut them short, and why. */
  notFullyChecked: Array<{ limit: RepoCheckLimit; detail: string }>
}

/**
 * A checklist row, whole (its evidence lists its places itself); `verdictCause` marks the rows that confirm the
 * cause the verdict names.
 */
export interface JsonChecklistItem extends Omit<ChecklistItem, 'verdictCause' | 'besideVerdict' | 'places'> {
  verdictCause: boolean
}

export interface JsonDiagnosis {
  headline: string
  explanation: string
  fix: string
  fingerprint: KeyFingerprint | null
  requestId: string | null
  /** What the server answered (status, code, scrubbed message), for verdicts that came from an answer. */
  serverSaid: { httpStatus: number; code: string | null; message: string | null; truncated: boolean } | null
  notes: string[]
  checklist: JsonChecklistItem[]
  /** `accessible` is null when it could not be checked. */
  models: Array<{ id: string; accessible: boolean | null; detail: string }>
}

export interface JsonLeak {
  /** Detector id, e.g. `openai-project-key`. */
  detector: string
  detectorName: string
  severity: Severity
  /** Repository-relative POSIX path. */
  path: string
  /** 1-based line (in the head for range scans; in the adding commit when `removed`). */
  line: number
  /** 1-based first and last column of the key. */
  column: number
  endColumn: number
  /** Full SHA of the commit that added the line; null for working-tree and staged scans. */
  commit: string | null
  /** At most the first 8 and last 4 characters. */
  redacted: string
  /** Stable across rebases and squash merges; what an allow-list fingerprint line holds. */
  fingerprint: string
  /** null when not verified. */
  liveness: 'live' | 'dead' | 'unknown' | null
  /** Range scans: added and removed inside the range, so not in its head; `commit` removed it (null: unknown). */
  removed: { commit: string | null } | null
  /** The key is in the file's name (`path`, redacted), not its content: `line` is 0, the columns are in the name. */
  inFileName: boolean
}

export interface JsonCoverage {
  mode: ScanCoverage['mode']
  range: string | null
  source: string
  commits: number
  files: number
  bytes: number
  skipped: Array<{ what: string; reason: string; fix: string | null }>
  incomplete: boolean
}

export interface JsonReportInput {
  diagnosis?: Diagnosis
  findings: readonly Finding[]
  coverage?: ScanCoverage
  repoFindings?: RepoFindings
}

/** Fields are copied one by one, never spread, so nothing added to the source types later can leak a key. */
export function buildJsonReport(input: JsonReportInput): JsonReport {
  const { diagnosis, findings, coverage, repoFindings } = input
  return {
    schemaVersion: 1,
    keyStatus: diagnosis?.keyStatus ?? null,
    cause: diagnosis?.cause ?? null,
    keyType: diagnosis ? diagnosis.keyType : null,
    diagnosis: diagnosis ? jsonDiagnosis(diagnosis) : null,
    leaks: sortFindings(findings).map(jsonLeak),
    leakCount: findings.length,
    liveLeakCount: findings.filter(finding => finding.liveness === 'live').length,
    coverage: coverage ? jsonCoverage(coverage) : null,
    repositoryChecks: repoFindings?.notFullyChecked
      ? {
          fullyChecked: repoFindings.notFullyChecked.length === 0,
          notFullyChecked: repoFindings.notFullyChecked.map(cut => ({ limit: cut.limit, detail: cut.detail }))
        }
      : null
  }
}

function jsonDiagnosis(diagnosis: Diagnosis): JsonDiagnosis {
  const fingerprint = diagnosis.fingerprint
  return {
    headline: diagnosis.headline,
    explanation: diagnosis.explanation,
    fix: diagnosis.fix,
    fingerprint: fingerprint
      ? { type: fingerprint.type, length: fingerprint.length, redacted: fingerprint.redacted }
      : null,
    requestId: diagnosis.requestId ?? null,
    serverSaid: diagnosis.serverSaid
      ? {
          httpStatus: diagnosis.serverSaid.httpStatus,
          code: diagnosis.serverSaid.code ?? null,
          message: diagnosis.serverSaid.message ?? null,
          truncated: diagnosis.serverSaid.truncated ?? false
        }
      : null,
    notes: [...diagnosis.notes],
    checklist: diagnosis.checklist.map(item => ({
      id: item.id,
      title: item.title,
      verdict: item.verdict,
      evidence: item.evidence,
      verdictCause: item.verdictCause === true
    })),
    models: diagnosis.models.map(model => ({
      id: model.id,
      accessible: model.accessible ?? null,
      detail: model.detail
    }))
  }
}

function jsonLeak(finding: Finding): JsonLeak {
  return {
    detector: finding.detectorId,
    detectorName: finding.detectorName,
    severity: finding.severity,
    path: repoRelativePath(finding.path),
    line: finding.line,
    column: finding.startColumn,
    endColumn: finding.endColumn,
    commit: finding.commit ?? null,
    redacted: shownKey(finding),
    fingerprint: finding.fingerprint,
    liveness: finding.liveness ?? null,
    removed: finding.removed ? { commit: finding.removed.commit ?? null } : null,
    inFileName: finding.inFileName === true
  }
}

function jsonCoverage(coverage: ScanCoverage): JsonCoverage {
  return {
    mode: coverage.mode,
    range: coverage.range ?? null,
    source: coverage.source,
    commits: coverage.commits,
    files: coverage.files,
    bytes: coverage.bytes,
    skipped: coverage.skipped.map((skipped: Skipped) => ({
      what: skipped.what,
      reason: skipped.reason,
      fix: skipped.fix ?? null
    })),
    incomplete: coverage.incomplete
  }
}
