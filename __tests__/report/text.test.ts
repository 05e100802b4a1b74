import { describe, expect, it } from '@jest/globals'
import { buildTextReport, type TextReportInput } from '../../src/report/text.js'
import type { ScanCoverage } from '../../src/scan/types.js'
import { makeDiagnosis, makeFinding } from './fixtures.js'

const COVERAGE: ScanCoverage = {
  mode: 'all',
  source: 'working tree',
  commits: 0,
  files: 3,
  bytes: 100,
  skipped: [],
  incomplete: false
}

function text(overrides: Partial<TextReportInput>): string {
  return buildTextReport({
    findings: [],
    coverage: COVERAGE,
    outcome: { failed: false, reasons: [] },
    notes: [],
    verifyLeaks: true,
    color: false,
    ...overrides
  })
}

describe('buildTextReport', () => {
  it('a --staged run: the keys are staged, not in history; take them out, revoke only if shared', () => {
    const findings = [makeFinding({ path: 'a.py' }), makeFinding({ path: 'b.py' })]
    const plain = text({ findings, coverage: { ...COVERAGE, mode: 'staged' } })
    expect(plain).toContain('2 staged keys found:')
    expect(plain).toContain(
      'Take the keys out of the staged files before committing; revoke a real key only if it was ever shared.'
    )
    expect(plain).not.toMatch(/history|committed/)
  })

  it("the developer's own key alone: the headline says what to do, once", () => {
    const own = makeFinding({
      detectorId: 'configured-key',
      detectorName: 'The key this workflow uses',
      severity: 'critical'
    })
    const plain = text({ findings: [own] })
    expect(plain.split('git history').length - 1).toBe(1)
    expect(plain).toContain('Your OPENAI_API_KEY')
    const withOther = text({ findings: [own, makeFinding()] })
    expect(withOther).toContain(
      'Revoke every other real key: deleting the line later does not remove it from git history.'
    )
  })

  it("opens with the leak of the developer's own key, never with a green 'Key: valid'", () => {
    const own = makeFinding({
      detectorId: 'configured-key',
      detectorName: 'The key this workflow uses (OpenAI project key)',
      severity: 'critical',
      path: 'app/settings.py',
      line: 4,
      liveness: 'live'
    })
    const diagnosis = makeDiagnosis({ keyStatus: 'valid', cause: 'none', checklist: [] })
    const plain = text({ diagnosis, findings: [own] })
    expect(plain.split('\n')[0]).toBe(
      'LEAKED: your OPENAI_API_KEY is committed (app/settings.py:4) and it works. Revoke it and create a new one: git history keeps it.'
    )
    const coloured = text({ diagnosis, findings: [own], color: true })
    expect(coloured.split('\n')[0]).toMatch(/^\x1b\[1;31mLEAKED/)
    expect(coloured).toContain('\x1b[1;31mKey: valid')
    expect(coloured).not.toContain('\x1b[1;32mKey: valid')
    // Without the leak, a valid key is green.
    expect(text({ diagnosis, color: true })).toContain('\x1b[1;32mKey: valid')
  })

  it('says why a found key is unknown or not verified', () => {
    const findings = [
      makeFinding({ path: 'a.env', liveness: 'unknown', livenessCause: 'timeout' }),
      makeFinding({ path: 'b.env', liveness: 'unknown', livenessCause: 'network-error' }),
      makeFinding({ path: 'c.env', liveness: 'unknown', livenessCause: 'rate-limited' }),
      makeFinding({
        path: 'd.env',
        detectorId: 'anthropic-key',
        detectorName: 'Anthropic API key',
        severity: 'warning'
      })
    ]
    const report = text({ findings })
    expect(report).toMatch(/a\.env:.*\[unknown: timed out\]$/m)
    expect(report).toMatch(/b\.env:.*\[unknown: no network\]$/m)
    expect(report).toMatch(/c\.env:.*\[unknown: rate-limited\]$/m)
    expect(report).toMatch(/d\.env:.*\[not verified: not an OpenAI key\]$/m)
    const offline = text({
      findings: [makeFinding({ path: 'e.env' })],
      verifyLeaks: false,
      verifyLeaksOffReason: 'offline, `--no-liveness`'
    })
    expect(offline).toMatch(/e\.env:.*\[not verified: offline, --no-liveness\]$/m)
  })
})
