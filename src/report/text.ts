import type { Diagnosis } from '../core/diagnosis-types.js'
import type { Finding, ScanCoverage } from '../scan/types.js'
import { printable } from './escape.js'
import { formatBytes, livenessLabel, plural, shortCommit, shownKey, sortFindings } from './format.js'

export interface TextReportInput {
  diagnosis?: Diagnosis
  findings: readonly Finding[]
  coverage?: ScanCoverage
  outcome: { failed: boolean; reasons: string[] }
  notes: readonly string[]
  color: boolean
  /** Findings listed before the rest is counted. */
  maxFindings?: number
}

const VERDICT_MARK = { confirmed: '✗', likely: '?', 'ruled-out': '✓', 'not-checkable': '-' } as const

/** The CLI's human report: plain text, or ANSI colours on a terminal. Keys appear only redacted. */
export function buildTextReport(input: TextReportInput): string {
  const paint = painter(input.color)
  const lines: string[] = []
  const { diagnosis } = input
  if (diagnosis) {
    const good = ['valid', 'unchecked', 'skipped'].includes(diagnosis.keyStatus)
    lines.push(
      `${paint(good ? 'green' : 'red', `Key: ${diagnosis.keyStatus}`)} (cause: ${diagnosis.cause})`,
      `  ${printable(diagnosis.headline)}`
    )
    if (!good)
      lines.push(`  Cause: ${printable(diagnosis.explanation)}`, `  Fix:   ${printable(diagnosis.fix)}`)
    if (diagnosis.fingerprint) {
      const fp = diagnosis.fingerprint
      lines.push(
        `  Key:   ${fp.type}, ${plural(fp.length, 'character')}${fp.redacted ? `, ${fp.redacted}` : ''}`
      )
    }
    if (diagnosis.requestId) lines.push(`  Request id: ${printable(diagnosis.requestId)}`)
    for (const note of diagnosis.notes) lines.push(`  Note: ${printable(note)}`)
    for (const model of diagnosis.models)
      lines.push(`  Model ${printable(model.id)}: ${printable(model.detail)}`)
    if (!good) {
      lines.push('  401 checklist:')
      for (const item of diagnosis.checklist) {
        lines.push(
          `    ${VERDICT_MARK[item.verdict]} ${item.title} (${item.verdict}): ${printable(item.evidence)}`
        )
      }
    }
  } else {
    lines.push(paint('dim', 'Key: not checked (OPENAI_API_KEY is not set)'))
  }

  if (input.coverage) {
    lines.push('', ...findingLines(input, paint), ...coverageLines(input.coverage, paint))
  }
  for (const note of input.notes) lines.push(paint('yellow', `Note: ${printable(note)}`))
  lines.push(
    '',
    input.outcome.failed
      ? paint('red', `FAIL: ${input.outcome.reasons.map(printable).join('; ')}`)
      : paint('green', 'OK: nothing fails the policy')
  )
  return `${lines.join('\n')}\n`
}

function findingLines(input: TextReportInput, paint: Painter): string[] {
  const findings = sortFindings(input.findings)
  if (findings.length === 0) return [paint('green', 'No committed keys found.')]
  const max = input.maxFindings ?? 200
  const lines = [paint('red', `${plural(findings.length, 'committed key')} found:`)]
  for (const finding of findings.slice(0, max)) {
    const where = `${printable(finding.path)}:${finding.line}:${finding.startColumn}`
    const commit = finding.commit ? ` commit ${shortCommit(finding.commit)}` : ''
    const live = finding.liveness ? ` [${livenessLabel(finding.liveness)}]` : ''
    lines.push(
      `  ${paint(finding.severity === 'warning' ? 'yellow' : 'red', finding.severity)} ${where}${commit} ${finding.detectorName}: ${shownKey(finding)}${live}`,
      `    fingerprint ${finding.fingerprint}`
    )
  }
  if (findings.length > max)
    lines.push(`  …and ${findings.length - max} more (use --json or --sarif for all)`)
  return lines
}

function coverageLines(coverage: ScanCoverage, paint: Painter): string[] {
  const range = coverage.range ? ` ${printable(coverage.range)}` : ''
  const lines = [
    paint(
      'dim',
      `Scanned (${coverage.mode}${range}, ${printable(coverage.source)}): ${plural(coverage.commits, 'commit')}, ${plural(coverage.files, 'file')}, ${formatBytes(coverage.bytes)}`
    )
  ]
  for (const skipped of coverage.skipped.slice(0, 50)) {
    lines.push(
      paint(
        'yellow',
        `  skipped ${printable(skipped.what)}: ${printable(skipped.reason)}${skipped.fix ? ` (${printable(skipped.fix)})` : ''}`
      )
    )
  }
  if (coverage.skipped.length > 50) lines.push(`  …and ${coverage.skipped.length - 50} more skipped`)
  if (coverage.incomplete) lines.push(paint('red', 'WARNING: the requested range was NOT fully scanned.'))
  return lines
}

type Painter = (color: keyof typeof ANSI, text: string) => string
const ANSI = { red: 31, green: 32, yellow: 33, dim: 2 } as const

function painter(color: boolean): Painter {
  return (name, text) => (color ? `\x1b[${ANSI[name]}m${text}\x1b[0m` : text)
}
