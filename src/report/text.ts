import { CAUSE_INFO } from '../core/causes.js'
import { isVerifiableLeak } from '../core/leak-liveness.js'
import { describeServerSaid } from '../core/server-said.js'
import { KEY_FINE_STATUSES, type Cause } from '../core/vocabulary.js'
import { CONFIGURED_KEY_DETECTOR_ID, CONFIGURED_KEY_DETECTOR_NAME } from '../detectors/configured-key.js'
import type { ChecklistVerdict, Diagnosis } from '../core/diagnosis-types.js'
import { scanSourceOf, scannedUncommitted } from '../scan/sources/registry.js'
import type { Finding, ScanCoverage } from '../scan/types.js'
import { printable } from './escape.js'
import { formatBytes, hasLine, livenessLabel, plural, shortCommit, shownKey, sortFindings } from './format.js'
import type { RunReport } from './run-report.js'
import { describeSuppressed, rejectionChecklistTitle } from './summary.js'

/** The text report renders a run report; tests may give only the parts they look at. */
export type TextReportInput = Partial<Omit<RunReport, 'findings' | 'outcome' | 'notes'>> &
  Pick<RunReport, 'findings' | 'outcome' | 'notes'> & {
    color: boolean
    /** Findings listed before the rest is counted. */
    maxFindings?: number
  }

const VERDICTS: Record<ChecklistVerdict, { mark: string; label: string; color: Color }> = {
  confirmed: { mark: '✗', label: 'confirmed', color: 'red' },
  likely: { mark: '!', label: 'likely', color: 'yellow' },
  'ruled-out': { mark: '✓', label: 'ruled out', color: 'green' },
  'not-checkable': { mark: '·', label: 'cannot check from here', color: 'dim' }
}

const MAX_SKIPPED_SHOWN = 50

/**
 * The CLI's human report: the key's verdict (cause, fix and the 401 checklist when it fails), every committed
 * key with its place and fingerprint, what was scanned and skipped, and the outcome. Plain text, or ANSI
 * colours on a terminal. Keys appear only redacted; every string from outside goes through `printable`.
 */
export function buildTextReport(input: TextReportInput): string {
  const paint = painter(input.color)
  const lines = [...ownKeyLeak(input, paint), ...keyLines(input, paint), '']
  if (input.coverage) lines.push(...findingLines(input, paint), '', ...coverageLines(input, paint), '')
  for (const note of input.notes) lines.push(paint('yellow', `Note: ${printable(note)}`))
  if (input.notes.length > 0) lines.push('')
  lines.push(outcomeLine(input, paint))
  return `${lines.join('\n')}\n`
}

/**
 * The developer's own OPENAI_API_KEY committed: that is the headline, in the error colour, before any verdict
 * that the key works (which only makes the leak worse).
 */
function ownKeyLeak(input: TextReportInput, paint: Painter): string[] {
  const own = input.findings.filter(finding => finding.detectorId === CONFIGURED_KEY_DETECTOR_ID)
  if (own.length === 0) return []
  const live = own.some(finding => finding.liveness === 'live') || input.diagnosis?.keyStatus === 'valid'
  const places = own
    .slice(0, 3)
    .map(finding => `${printable(finding.path)}${hasLine(finding) ? `:${finding.line}` : ''}`)
  const more = own.length > 3 ? ` and ${plural(own.length - 3, 'more place')}` : ''
  const staged = scannedUncommitted(input.coverage)
  const headline =
    `LEAKED: your OPENAI_API_KEY is ${staged ? 'staged' : 'committed'} (${places.join(', ')}${more})` +
    (live ? ' and it works.' : '.') +
    (staged
      ? ' Take it out of the staged files; revoke it if it was ever shared.'
      : ' Revoke it and create a new one: git history keeps it.')
  return [paint('red', headline, true), '']
}

function outcomeLine(input: TextReportInput, paint: Painter): string {
  if (input.outcome.failed)
    return paint(
      'red',
      `FAIL: ${input.outcome.reasons.map(reason => printable(reason.text)).join('; ')}`,
      true
    )
  if (input.coverage?.incomplete) {
    return paint(
      'red',
      'INCOMPLETE: nothing found fails the policy, but part of the scan could not be done',
      true
    )
  }
  return paint('green', 'OK: nothing fails the policy', true)
}

function keyLines(input: TextReportInput, paint: Painter): string[] {
  const { diagnosis } = input
  if (!diagnosis) return [paint('dim', `Key: not checked (${input.keyNotChecked ?? 'no key was checked'})`)]
  const good = KEY_FINE_STATUSES.has(diagnosis.keyStatus)
  // A key that works but is committed is no good news: never green.
  const leaked = input.findings.some(finding => finding.detectorId === CONFIGURED_KEY_DETECTOR_ID)
  const cause = diagnosis.cause === 'none' ? '' : ` (${diagnosis.cause})`
  const lines = [
    paint(good && !leaked ? 'green' : 'red', `Key: ${diagnosis.keyStatus}${cause}`, true),
    `  ${printable(diagnosis.headline)}`
  ]
  const fp = diagnosis.fingerprint
  if (fp) {
    const shown = fp.redacted ? `${fp.redacted} ` : ''
    lines.push(`  The key:    ${shown}(${fp.type} key, ${plural(fp.length, 'character')})`)
  }
  if (!good && diagnosis.serverSaid) {
    lines.push(`  Server said: ${printable(describeServerSaid(diagnosis.serverSaid))}`)
  }
  if (!good) {
    lines.push(
      `  Cause:      ${printable(diagnosis.explanation)}`,
      `  Fix:        ${printable(diagnosis.fix)}`
    )
  }
  if (diagnosis.requestId) lines.push(`  Request id: ${printable(diagnosis.requestId)}`)
  for (const note of diagnosis.notes) lines.push(`  Note:       ${printable(note)}`)
  for (const model of diagnosis.models)
    lines.push(`  Model ${printable(model.id)}: ${printable(model.detail)}`)
  if (!good && diagnosis.checklist.length > 0) lines.push('', ...checklistLines(diagnosis, paint))
  return lines
}

/** The rows that point somewhere in full, with their evidence; the rest by title only (--json has it all). */
function checklistLines(diagnosis: Diagnosis, paint: Painter): string[] {
  const lines = [
    paint('bold', `${rejectionChecklistTitle(diagnosis)} (the common causes of a rejected key):`)
  ]
  for (const item of diagnosis.checklist) {
    if (item.verdict !== 'confirmed' && item.verdict !== 'likely') continue
    const verdict = VERDICTS[item.verdict]
    // The verdict's own cause: its evidence is the headline and the cause above.
    const above = item.verdictCause ? ' (the cause above)' : ''
    lines.push(`  ${paint(verdict.color, `${verdict.mark} ${item.title}: ${verdict.label}${above}`)}`)
    if (item.verdictCause) continue
    for (const place of item.places ?? [item.besideVerdict ?? item.evidence])
      lines.push(`      ${printable(place)}`)
  }
  for (const kind of ['ruled-out', 'not-checkable'] as const) {
    const titles = diagnosis.checklist.filter(item => item.verdict === kind).map(item => item.title)
    const verdict = VERDICTS[kind]
    if (titles.length > 0)
      lines.push(`  ${paint(verdict.color, `${verdict.mark} ${verdict.label}: ${titles.join(', ')}`)}`)
  }
  lines.push(paint('dim', '  (--json shows the evidence for every row)'))
  return lines
}

function findingLines(input: TextReportInput, paint: Painter): string[] {
  const findings = sortFindings(input.findings)
  const kind = scannedUncommitted(input.coverage) ? 'staged' : 'committed'
  if (findings.length === 0) {
    const none = `No ${kind} keys found`
    return [
      input.coverage?.incomplete
        ? paint('yellow', `${none} in what was scanned.`)
        : paint('green', `${none}.`)
    ]
  }
  const max = input.maxFindings ?? 200
  const live = findings.filter(finding => finding.liveness === 'live').length
  const found = `${plural(findings.length, `${kind} key`)} found`
  const lines = [paint('red', `${found}${live > 0 ? `, ${live} LIVE` : ''}:`, true)]
  for (const finding of findings.slice(0, max)) {
    const place = hasLine(finding)
      ? `${printable(finding.path)}:${finding.line}:${finding.startColumn}`
      : `${printable(finding.path)}${finding.inFileName ? ' (file name)' : ''}`
    const removed = finding.removed
      ? ` (removed${finding.removed.commit ? ` in ${shortCommit(printable(finding.removed.commit))}` : ''})`
      : ''
    const commit = `${finding.commit ? ` ${shortCommit(printable(finding.commit))}` : ''}${removed}`
    const liveness = `[${livenessWhy(finding, input)}]`
    lines.push(
      `  ${paint(finding.severity === 'warning' ? 'yellow' : 'red', place)}${commit} ${finding.detectorId} ` +
        `${shownKey(finding)} ${finding.liveness === 'live' ? paint('red', liveness, true) : liveness}`,
      paint(
        'dim',
        `      ${finding.severity}: ${printable(detectorName(finding))} · fingerprint ${finding.fingerprint}`
      )
    )
  }
  if (findings.length > max)
    lines.push(`  …and ${findings.length - max} more (use --json or --sarif for all)`)
  lines.push(...revokeAdvice(input, findings))
  if (input.allowlist) {
    lines.push(
      `To accept a test value, put ${input.allowlist.marker} on its line, or add its fingerprint to ${input.allowlist.file}.`
    )
  }
  return lines
}

/** What to do about the keys found, unless the headline on the developer's own key already said it all. */
function revokeAdvice(input: TextReportInput, findings: readonly Finding[]): string[] {
  const others = findings.filter(finding => finding.detectorId !== CONFIGURED_KEY_DETECTOR_ID).length
  if (others === 0) return []
  const own = others < findings.length
  if (scannedUncommitted(input.coverage)) {
    const which = `the ${own ? 'other ' : ''}${others === 1 ? 'key' : 'keys'}`
    return [
      `Take ${which} out of the staged files before committing; revoke a real key only if it was ever shared.`
    ]
  }
  return [
    `Revoke every ${own ? 'other ' : ''}real key: deleting the line later does not remove it from git history.`
  ]
}

/** Short words for why a found key's liveness is unknown. */
const UNKNOWN_BECAUSE: Partial<Record<Cause, string>> = {
  timeout: 'timed out',
  'network-error': 'no network',
  'rate-limited': 'rate-limited',
  'server-error': 'server error'
}

/** `live`, `dead`, `unknown: timed out`, `not verified: --no-liveness`, `not verified: not an OpenAI key`. */
function livenessWhy(finding: Finding, input: TextReportInput): string {
  if (finding.liveness === 'unknown') {
    const cause = finding.livenessCause
    const why = cause ? (UNKNOWN_BECAUSE[cause] ?? CAUSE_INFO[cause].title.toLowerCase()) : undefined
    return why ? `unknown: ${why}` : 'unknown'
  }
  if (finding.liveness !== undefined) return livenessLabel(finding.liveness)
  if (!input.verifyLeaks) {
    return `not verified: ${(input.verifyLeaksOffReason ?? 'off').replace(/`/g, '')}`
  }
  return isVerifiableLeak(finding) ? 'not verified' : 'not verified: not an OpenAI key'
}

/** On a developer's machine the configured key is the one in OPENAI_API_KEY, not a workflow's. */
function detectorName(finding: Finding): string {
  if (finding.detectorId !== CONFIGURED_KEY_DETECTOR_ID) return finding.detectorName
  // "The key this workflow uses (OpenAI project key)": the kind the scanner added is kept.
  return `Your OPENAI_API_KEY${finding.detectorName.slice(CONFIGURED_KEY_DETECTOR_NAME.length)}`
}

function coverageLines(input: TextReportInput, paint: Painter): string[] {
  const coverage = input.coverage as ScanCoverage
  const counts = [
    ...(coverage.commits > 0 ? [plural(coverage.commits, 'commit')] : []),
    plural(coverage.files, 'file'),
    formatBytes(coverage.bytes)
  ]
  const lines = [
    paint('dim', `Scanned ${printable(scanSourceOf(coverage).covers(coverage))}: ${counts.join(', ')}.`)
  ]
  const allowed = describeSuppressed(input.suppressed)
  if (allowed) lines.push(paint('dim', `${allowed}.`))
  for (const skipped of coverage.skipped.slice(0, MAX_SKIPPED_SHOWN)) {
    const fix = skipped.fix ? ` (fix: ${printable(skipped.fix)})` : ''
    lines.push(paint('yellow', `  skipped ${printable(skipped.what)}: ${printable(skipped.reason)}${fix}`))
  }
  if (coverage.skipped.length > MAX_SKIPPED_SHOWN) {
    lines.push(`  …and ${coverage.skipped.length - MAX_SKIPPED_SHOWN} more skipped`)
  }
  if (coverage.incomplete) {
    lines.push(paint('red', 'WARNING: part of what was asked was NOT scanned (see above).', true))
  }
  return lines
}

type Color = keyof typeof ANSI
type Painter = (color: Color, text: string, bold?: boolean) => string
const ANSI = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const

function painter(color: boolean): Painter {
  return (name, text, bold = false) =>
    color ? `\x1b[${bold && name !== 'bold' ? '1;' : ''}${ANSI[name]}m${text}\x1b[0m` : text
}
