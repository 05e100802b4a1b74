import { describe, expect, it } from '@jest/globals'
import { buildJsonReport } from '../../src/report/json.js'
import type { ScanCoverage } from '../../src/scan/types.js'
import { makeDiagnosis, makeFinding } from './fixtures.js'

const COVERAGE: ScanCoverage = {
  mode: 'range',
  range: 'a1b2c3d..e4f5a6b',
  source: 'git',
  commits: 2,
  files: 3,
  bytes: 400,
  skipped: [{ what: 'logo.png', reason: 'binary file' }],
  incomplete: false
}

describe('buildJsonReport', () => {
  it('has the documented top-level fields with the key verdict and counts', () => {
    const findings = [makeFinding({ liveness: 'live' }), makeFinding({ liveness: 'dead' }), makeFinding()]
    const report = buildJsonReport({ diagnosis: makeDiagnosis(), findings, coverage: COVERAGE })
    expect(Object.keys(report)).toEqual([
      'schemaVersion',
      'keyStatus',
      'cause',
      'keyType',
      'diagnosis',
      'leaks',
      'leakCount',
      'liveLeakCount',
      'coverage',
      'repositoryChecks'
    ])
    expect(report.repositoryChecks).toBeNull()
    expect(report).toMatchObject({
      schemaVersion: 1,
      keyStatus: 'invalid',
      cause: 'invalid-api-key',
      keyType: 'project',
      leakCount: 3,
      liveLeakCount: 1
    })
    expect(report.coverage).toEqual({
      ...COVERAGE,
      skipped: [{ what: 'logo.png', reason: 'binary file', fix: null }]
    })
  })

  it('describes each leak with stable names, most severe and live first, nulls where unknown', () => {
    const dead = makeFinding({ liveness: 'dead', path: './b.ts', line: 4, startColumn: 3, endColumn: 60 })
    const live = makeFinding({ liveness: 'live', commit: undefined })
    const report = buildJsonReport({ findings: [dead, live] })
    expect(report.leaks).toEqual([
      {
        detector: 'openai-project-key',
        detectorName: 'OpenAI project key',
        severity: 'error',
        path: live.path,
        line: live.line,
        column: live.startColumn,
        endColumn: live.endColumn,
        commit: null,
        redacted: live.redacted,
        fingerprint: live.fingerprint,
        liveness: 'live',
        removed: null,
        inFileName: false
      },
      expect.objectContaining({
        path: 'b.ts',
        line: 4,
        column: 3,
        endColumn: 60,
        commit: dead.commit,
        liveness: 'dead'
      })
    ])
    expect(buildJsonReport({ findings: [makeFinding()] }).leaks[0].liveness).toBeNull()
  })

  it('says, typed, when the repository checks were not fully checked and why', () => {
    const cut = { limit: 'time' as const, detail: 'their time budget ran out before every file was checked' }
    const partial = buildJsonReport({ findings: [], repoFindings: { notFullyChecked: [cut] } })
    expect(partial.repositoryChecks).toEqual({ fullyChecked: false, notFullyChecked: [cut] })
    const whole = buildJsonReport({ findings: [], repoFindings: { notFullyChecked: [] } })
    expect(whole.repositoryChecks).toEqual({ fullyChecked: true, notFullyChecked: [] })
  })

  it('uses null for a key that was not checked and a scan that did not run', () => {
    expect(buildJsonReport({ findings: [] })).toMatchObject({
      keyStatus: null,
      cause: null,
      keyType: null,
      diagnosis: null,
      coverage: null,
      leaks: [],
      leakCount: 0
    })
  })

  it('copies only known diagnosis fields, with null where a model could not be checked', () => {
    const diagnosis = {
      ...makeDiagnosis({
        models: [{ id: 'gpt-5', accessible: undefined, detail: 'could not check: timeout' }]
      }),
      sentKey: 'never copied'
    }
    const report = buildJsonReport({ diagnosis, findings: [] })
    expect(Object.keys(report.diagnosis ?? {})).toEqual([
      'headline',
      'explanation',
      'fix',
      'fingerprint',
      'requestId',
      'serverSaid',
      'notes',
      'checklist',
      'models'
    ])
    expect(report.diagnosis?.models).toEqual([
      { id: 'gpt-5', accessible: null, detail: 'could not check: timeout' }
    ])
    expect(JSON.stringify(report)).not.toContain('never copied')
    expect(report.diagnosis?.checklist).toHaveLength(10)
  })
})
