import type { Diagnosis } from '../core/diagnosis-types.js'
import { describeServerSaid } from '../core/server-said.js'
import { KEY_FINE_STATUSES } from '../core/vocabulary.js'
import { CONFIGURED_KEY_DETECTOR_ID } from '../detectors/configured-key.js'
import type { Finding, Severity } from '../scan/types.js'
import { clip, logSafe, printable } from './escape.js'
import {
  formatCount,
  livenessSentence,
  plural,
  hasLine,
  repoRelativePath,
  sentence,
  shortCommit,
  shownKey,
  sortFindings
} from './format.js'
import { leakCounts, type RunReport } from './run-report.js'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

/** The runner turns at most this many annotations per level per step into annotations; the rest only reach the log. */
export const ANNOTATIONS_PER_LEVEL = 10

/** Runner limits: messages are cut at 4096 characters, check-run titles at 255. */
const MAX_MESSAGE = 4000
const MAX_TITLE = 255
const MAX_PATH_IN_MESSAGE = 300

export interface PlannedAnnotation {
  level: AnnotationLevel
  title: string
  message: string
  /** Repository-relative POSIX path, exact (it must match the file in the pull request). */
  file?: string
  startLine?: number
  endLine?: number
  /** Only when the annotation spans one line (the runner drops columns otherwise). */
  startColumn?: number
  endColumn?: number
}

export interface AnnotationPlan {
  /** Most severe first, at most ANNOTATIONS_PER_LEVEL per level (minus any reserve). */
  annotations: PlannedAnnotation[]
  /** One notice, emitted after the annotations, when leaks were left out. */
  overflowNotice?: string
}

export interface AnnotationExtras {
  /** An annotation about the configured key itself; it comes before every leak of its level. */
  keyAnnotation?: PlannedAnnotation
  /**
   * Slots per level to leave for annotations the step emits elsewhere, e.g. `{ error: 1 }` for the error
   * annotation of `core.setFailed`, which would otherwise be the one the runner drops.
   */
  reserve?: Partial<Record<AnnotationLevel, number>>
}

const LEVEL_OF_SEVERITY: Record<Severity, AnnotationLevel> = {
  critical: 'error',
  error: 'error',
  warning: 'warning'
}

/** One annotation per leak on its exact place, most severe first, capped per level, then one overflow notice. */
export function planAnnotations(findings: readonly Finding[], extra: AnnotationExtras = {}): AnnotationPlan {
  const used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 }
  const capacity = (level: AnnotationLevel): number =>
    ANNOTATIONS_PER_LEVEL - Math.max(0, extra.reserve?.[level] ?? 0)
  const annotations: PlannedAnnotation[] = []

  if (extra.keyAnnotation && used[extra.keyAnnotation.level] < capacity(extra.keyAnnotation.level)) {
    annotations.push(extra.keyAnnotation)
    used[extra.keyAnnotation.level]++
  }

  const dropped: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 }
  for (const finding of sortFindings(findings)) {
    const level = LEVEL_OF_SEVERITY[finding.severity]
    if (used[level] < capacity(level)) {
      annotations.push(annotateFinding(finding, level))
      used[level]++
    } else {
      dropped[level]++
    }
  }

  const droppedTotal = dropped.error + dropped.warning
  if (droppedTotal === 0 || used.notice >= capacity('notice')) return { annotations }
  const parts = [
    dropped.error > 0 ? plural(dropped.error, 'error') : '',
    dropped.warning > 0 ? plural(dropped.warning, 'warning') : ''
  ].filter(Boolean)
  return {
    annotations,
    overflowNotice:
      `${plural(droppedTotal, 'more leaked key')} (${parts.join(', ')}) not annotated: GitHub shows at most ` +
      `${ANNOTATIONS_PER_LEVEL} annotations per level per step. The job summary lists every leak.`
  }
}

function annotateFinding(finding: Finding, level: AnnotationLevel): PlannedAnnotation {
  const file = repoRelativePath(finding.path)
  const commit = finding.commit ? ` (commit ${printable(shortCommit(finding.commit))})` : ''
  const name = finding.inFileName ? 'the file name ' : ''
  const place = finding.removed
    ? `${name}${clip(printable(file), MAX_PATH_IN_MESSAGE)}${commit} and removed ${removedBy(finding.removed)}; it stays in the history, so revoke it`
    : `${name}${clip(printable(file), MAX_PATH_IN_MESSAGE)}${hasLine(finding) ? `:${finding.line}` : ''}${commit}`
  const message =
    `${printable(finding.detectorName)} ${shownKey(finding)} committed in ${place}. ` +
    livenessSentence(finding.liveness)
  const liveTag = finding.liveness === 'live' ? ' (LIVE)' : ''
  const annotation: PlannedAnnotation = {
    level,
    title: clip(`${committedTitle(finding)}${liveTag}`, MAX_TITLE),
    message: clip(message, MAX_MESSAGE),
    file
  }
  // A key in a file name, or one no longer in the head, has no line: a file-level annotation.
  if (!hasLine(finding)) return annotation
  annotation.startLine = finding.line
  annotation.endLine = finding.line
  if (finding.startColumn >= 1 && finding.endColumn >= finding.startColumn) {
    annotation.startColumn = finding.startColumn
    annotation.endColumn = finding.endColumn
  }
  return annotation
}

/** "Committed OpenAI project key"; the workflow's own key, a sentence of its own: "The key this workflow uses (…) is committed". */
function committedTitle(finding: Finding): string {
  const name = printable(finding.detectorName)
  return finding.detectorId === CONFIGURED_KEY_DETECTOR_ID ? `${name} is committed` : `Committed ${name}`
}

function removedBy(removed: NonNullable<Finding['removed']>): string {
  return removed.commit ? `by commit ${printable(shortCommit(removed.commit))}` : 'later'
}

/** Files that could not be scanned get a warning of their own, up to this many (the summary lists them all). */
const UNSCANNED_FILE_ANNOTATIONS = 5

export interface RunAnnotations extends AnnotationPlan {
  /** Run-level warnings (an incomplete scan, notes), emitted after the plan. */
  warnings: PlannedAnnotation[]
  /** The failing step's error annotation (no file), when the run fails: it leads with what failed. */
  failure?: PlannedAnnotation
}

/** Every annotation of an action run: the key's verdict, one per leak, the run's warnings and the failure. */
export function planRunAnnotations(report: RunReport): RunAnnotations {
  const { diagnosis, coverage, outcome } = report
  const warnings: PlannedAnnotation[] = []
  if (coverage?.incomplete) {
    const what = coverage.skipped.map(
      item => `${item.what}: ${item.fix ? `${sentence(item.reason)} Fix: ${item.fix}` : item.reason}`
    )
    warnings.push({
      level: 'warning',
      title: 'Part of the change was not scanned for keys',
      message: logSafe(
        `Not scanned: ${what.slice(0, 3).join(' | ')}${what.length > 3 ? ` (and ${what.length - 3} more in the job summary)` : ''}`
      )
    })
  }
  // A file the scan could not read fails `fail-on: leak`: the warning sits on the file itself.
  for (const entry of (coverage?.skipped ?? [])
    .filter(item => item.unscanned)
    .slice(0, UNSCANNED_FILE_ANNOTATIONS)) {
    warnings.push({
      level: 'warning',
      title: 'File not scanned for keys',
      message: logSafe(entry.fix ? `${sentence(entry.reason)} Fix: ${entry.fix}` : entry.reason),
      file: repoRelativePath(entry.what)
    })
  }
  for (const note of report.notes)
    warnings.push({ level: 'warning', title: 'openai-key-doctor', message: logSafe(note) })
  const keyAnnotation = diagnosis ? keyVerdictAnnotation(diagnosis, outcome.failed) : undefined
  const plan = planAnnotations(report.findings, {
    ...(keyAnnotation ? { keyAnnotation } : {}),
    reserve: { error: outcome.failed ? 1 : 0, warning: warnings.length }
  })
  return {
    ...plan,
    warnings,
    ...(outcome.failed ? { failure: failureAnnotation(report) } : {})
  }
}

/**
 * A key problem that does not fail the step still deserves a warning; a failing step carries the verdict in
 * its failure annotation instead.
 */
function keyVerdictAnnotation(diagnosis: Diagnosis, failing: boolean): PlannedAnnotation | undefined {
  if (failing || KEY_FINE_STATUSES.has(diagnosis.keyStatus)) return undefined
  return {
    level: 'warning',
    // The headline (in the message) names the problem: the title says the status and cause code once.
    title: `OpenAI key ${diagnosis.keyStatus} (${diagnosis.cause})`,
    message: `${sentence(diagnosis.headline)}${serverSaidSentence(diagnosis)} Fix: ${diagnosis.fix}`
  }
}

/**
 * The failure in a title that leads with what failed ("137 committed keys found, 9 live"), and a message with
 * every reason, the key's verdict only when the key is one of them.
 */
function failureAnnotation(report: RunReport): PlannedAnnotation {
  const { diagnosis, outcome } = report
  const triggers = new Set(outcome.reasons.map(reason => reason.trigger))
  const counts = leakCounts(report)
  const parts: string[] = []
  const keyFailed = triggers.has('key') || triggers.has('quota') || triggers.has('unreachable')
  if (keyFailed)
    parts.push(diagnosis ? `OpenAI key ${diagnosis.keyStatus} (${diagnosis.cause})` : 'OpenAI key')
  if (triggers.has('leak') || triggers.has('live-leak')) {
    parts.push(
      `${plural(counts.total, 'committed key')} found${counts.live > 0 ? `, ${formatCount(counts.live)} live` : ''}`
    )
  }
  if (triggers.has('unscanned')) parts.push('not everything could be scanned for keys')
  if (triggers.has('sarif-file')) parts.push('SARIF report not written')
  if (triggers.has('error')) parts.push('openai-key-doctor failed')
  // The title names the key's status and cause: the message adds the headline and what the server said.
  const verdict =
    keyFailed && diagnosis ? ` ${sentence(diagnosis.headline)}${serverSaidSentence(diagnosis)}` : ''
  return {
    level: 'error',
    title: clip(parts.join('; '), MAX_TITLE),
    message: clip(
      `${sentence(outcome.reasons.map(reason => reason.text).join('; '))}${verdict} See the job summary for the cause and the fix.`,
      MAX_MESSAGE
    )
  }
}

/** " The server said: HTTP 401 invalid_api_key: “…”." for verdicts that came from an answer. */
function serverSaidSentence(diagnosis: Diagnosis): string {
  return diagnosis.serverSaid ? ` The server said: ${describeServerSaid(diagnosis.serverSaid)}.` : ''
}
