/** Finding assertions whose failure messages carry redacted secrets only. */
import { expect } from '@jest/globals'
import { redact } from '../../src/core/redact.js'
import type { Detector } from '../../src/detectors/types.js'
import type { Scanner } from '../../src/scan/scanner.js'
import type { AddedLine, Finding } from '../../src/scan/types.js'

/** Fails with redacted secrets only, so a broken test never prints a key. */
/** Every finding of a stream of lines, scanned as find-leaks scans a source: line by line, then the held-back rest. */
export async function scanAll(
  scanner: Scanner,
  lines: Iterable<AddedLine> | AsyncIterable<AddedLine>
): Promise<Finding[]> {
  const findings: Finding[] = []
  for await (const line of lines) findings.push(...scanner.scanLine(line))
  return [...findings, ...scanner.flush()]
}

export function expectSingleFinding(
  findings: Finding[],
  expected: { detectorId: string; secret: string; line: number; startColumn: number; endColumn: number }
): Finding {
  if (findings.length !== 1) {
    throw new Error(
      `expected 1 finding of ${redact(expected.secret)}, got ${findings.length}: ${describeFindings(findings)}`
    )
  }
  const [finding] = findings
  expect({
    detectorId: finding.detectorId,
    line: finding.line,
    startColumn: finding.startColumn,
    endColumn: finding.endColumn
  }).toEqual({
    detectorId: expected.detectorId,
    line: expected.line,
    startColumn: expected.startColumn,
    endColumn: expected.endColumn
  })
  if (finding.secret !== expected.secret) {
    throw new Error(
      `found ${finding.redacted} (${finding.secret.length} chars), expected ${redact(expected.secret)} (${expected.secret.length} chars)`
    )
  }
  return finding
}

/** Describes findings without their secrets, for failure messages. */
export function describeFindings(findings: Finding[]): string {
  return findings
    .map(f => `${f.detectorId} ${f.line}:${f.startColumn}-${f.endColumn} ${f.redacted}`)
    .join('; ')
}

/** A detector that finds nothing and records every text it is run on: which lines reach a detector. */
export function spyDetector(family: Pick<Detector, 'keywords' | 'prefix'>): {
  detector: Detector
  seen: string[]
} {
  const seen: string[] = []
  const detector: Detector = {
    id: 'spy',
    name: 'Spy',
    severity: 'warning',
    provider: 'unknown',
    ...family,
    find(text) {
      seen.push(text)
      return []
    }
  }
  return { detector, seen }
}
