import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { redact } from '../../src/core/redact.js'
import { planAnnotations } from '../../src/report/annotations.js'
import { buildJsonReport } from '../../src/report/json.js'
import { buildSarif } from '../../src/report/sarif.js'
import { buildSummary } from '../../src/report/summary.js'
import { emitAnnotations, writeSummary } from '../../src/runner/report.js'
import { writeRoots } from '../../src/runner/safe-write.js'
import { writeSarifFile } from '../../src/runner/sarif-file.js'
import type { Finding } from '../../src/scan/types.js'
import { adminKey, legacyKey, makeDiagnosis, makeFinding, projectKey, serviceAccountKey } from './fixtures.js'

let workDir: string
let stdout: string
const savedEnv = { summary: process.env.GITHUB_STEP_SUMMARY, workspace: process.env.GITHUB_WORKSPACE }

beforeEach(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'okd-hygiene-'))
  stdout = ''
  jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  }) as typeof process.stdout.write)
})

afterEach(() => {
  jest.restoreAllMocks()
  rmSync(workDir, { recursive: true, force: true })
  for (const [name, value] of [
    ['GITHUB_STEP_SUMMARY', savedEnv.summary],
    ['GITHUB_WORKSPACE', savedEnv.workspace]
  ] as const) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

/** Real-looking keys of every family, including ones whose `redacted` field was filled wrongly by a producer. */
function leakyFindings(): Finding[] {
  const keys = [projectKey(1), legacyKey(2), serviceAccountKey(3), adminKey(4), projectKey(5)]
  return keys.map((secret, i) =>
    makeFinding({
      secret,
      redacted: i === 4 ? secret : redact(secret),
      liveness: (['live', 'dead', 'unknown', undefined, 'live'] as const)[i],
      severity: i === 0 ? 'critical' : 'error',
      endColumn: 14 + secret.length
    })
  )
}

describe('secret hygiene', () => {
  it('no output of any builder or of the runner adapter contains a key', async () => {
    const findings = leakyFindings()
    const diagnosis = makeDiagnosis()
    process.env.GITHUB_STEP_SUMMARY = path.join(workDir, 'summary.md')
    process.env.GITHUB_WORKSPACE = workDir
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '')

    const summary = buildSummary({ diagnosis, findings, coverage: undefined, verifyLeaks: true })
    const sarif = buildSarif(findings, { toolVersion: '0.1.0', informationUri: 'https://example.invalid' })
    const json = JSON.stringify(buildJsonReport({ diagnosis, findings }))
    emitAnnotations(planAnnotations(findings))
    await writeSummary(summary)
    const sarifPath = writeSarifFile('out/report.sarif', sarif, writeRoots('action', process.env, workDir))

    const channels = {
      summary,
      sarif: JSON.stringify(sarif),
      json,
      stdout,
      summaryFile: readFileSync(process.env.GITHUB_STEP_SUMMARY, 'utf8'),
      sarifFile: readFileSync(sarifPath, 'utf8')
    }
    for (const [channel, text] of Object.entries(channels)) {
      for (const finding of findings) {
        expect({ channel, leaked: text.includes(finding.secret) }).toEqual({ channel, leaked: false })
        // Not even a long piece of it: nothing beyond what redact() shows.
        expect({ channel, leaked: text.includes(finding.secret.slice(8, 40)) }).toEqual({
          channel,
          leaked: false
        })
      }
    }
    // Every key is still recognisable by its redacted form.
    for (const finding of findings) expect(summary).toContain(redact(finding.secret))
  })
})
