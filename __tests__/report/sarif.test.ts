import { describe, expect, it } from '@jest/globals'
import { buildSarif, SARIF_FINGERPRINT_KEY, type SarifLog } from '../../src/report/sarif.js'
import type { Finding } from '../../src/scan/types.js'
import { HOSTILE, makeFinding, sha } from './fixtures.js'

const OPTIONS = { toolVersion: '1.2.3', informationUri: 'https://github.com/octo/openai-key-doctor' }

function sampleFindings(): Finding[] {
  return [
    makeFinding({
      severity: 'critical',
      detectorId: 'configured-key',
      detectorName: 'The workflow OpenAI key',
      path: 'ci/deploy.sh'
    }),
    makeFinding({ liveness: 'live' }),
    makeFinding({ liveness: 'dead' }),
    makeFinding({ severity: 'warning', detectorId: 'anthropic-key', detectorName: 'Anthropic key' })
  ]
}

describe('buildSarif', () => {
  it('is a SARIF 2.1.0 log with the fields code scanning requires', () => {
    const sarif = buildSarif(sampleFindings(), OPTIONS)
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json')
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs).toHaveLength(1)
    const [run] = sarif.runs
    expect(run.tool.driver).toMatchObject({
      name: 'openai-key-doctor',
      version: '1.2.3',
      semanticVersion: '1.2.3',
      informationUri: OPTIONS.informationUri
    })
    expect(run.tool.driver.rules.map(rule => rule.id)).toEqual([
      'anthropic-key',
      'configured-key',
      'openai-project-key'
    ])
    for (const rule of run.tool.driver.rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/)
      expect(rule.shortDescription.text).not.toBe('')
      expect(rule.fullDescription.text).not.toBe('')
      expect(rule.help.text).toContain('git history')
      expect(rule.help.markdown).toContain('git history')
      expect(rule.properties.tags).toEqual(expect.arrayContaining(['security', 'secret']))
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0)
    }
    expect(run.results).toHaveLength(4)
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId)
      expect(['error', 'warning']).toContain(result.level)
      expect(result.message.text).not.toBe('')
      const location = result.locations[0].physicalLocation
      expect(location.artifactLocation.uri).not.toMatch(/^\.?\//)
      expect(location.region?.startLine).toBeGreaterThanOrEqual(1)
      expect(Object.keys(result.partialFingerprints)).toEqual([SARIF_FINGERPRINT_KEY])
    }
  })

  it('tells a committed key apart from a staged one: only a committed key stays in git history', () => {
    const committed = buildSarif([makeFinding({})], OPTIONS).runs[0]
    const staged = buildSarif([makeFinding({})], { ...OPTIONS, staged: true }).runs[0]
    expect(committed.tool.driver.rules[0].help.markdown).toContain('the key stays in git history')
    expect(committed.results[0].message.text).toMatch(/ committed /)
    expect(staged.tool.driver.rules[0].help.markdown).not.toContain('stays in git history')
    expect(staged.tool.driver.rules[0].help.markdown).toContain('so it is not in git history')
    expect(staged.results[0].message.text).toMatch(/ staged /)
  })

  it('grades rules for GitHub: critical 9.8 and error level, warnings 5.0 and warning level', () => {
    const rules = buildSarif(sampleFindings(), OPTIONS).runs[0].tool.driver.rules
    const byId = Object.fromEntries(rules.map(rule => [rule.id, rule]))
    expect(byId['configured-key'].properties['security-severity']).toBe('9.8')
    expect(byId['configured-key'].defaultConfiguration.level).toBe('error')
    expect(byId['openai-project-key'].properties['security-severity']).toBe('8.9')
    expect(byId['anthropic-key'].properties['security-severity']).toBe('5.0')
    expect(byId['anthropic-key'].defaultConfiguration.level).toBe('warning')
    expect(byId['openai-project-key'].help.text).toContain('https://platform.openai.com/api-keys')
  })

  it('locates each key exactly, with SARIF end columns one past the key, and shows only the redacted key', () => {
    const finding = makeFinding({
      path: './src/app.ts',
      line: 33,
      startColumn: 5,
      endColumn: 168,
      liveness: 'live'
    })
    const [result] = buildSarif([finding], OPTIONS).runs[0].results
    const { artifactLocation, region } = result.locations[0].physicalLocation
    expect(artifactLocation).toEqual({ uri: 'src/app.ts', uriBaseId: '%SRCROOT%' })
    expect(region).toEqual({
      startLine: 33,
      endLine: 33,
      startColumn: 5,
      endColumn: 169,
      snippet: { text: finding.redacted }
    })
    expect(result.message.text).toBe(
      `OpenAI project key ${finding.redacted} committed in commit ${finding.commit?.slice(0, 7)} (liveness: live).`
    )
    expect(result.properties).toEqual({
      commit: finding.commit,
      liveness: 'live',
      severity: 'error',
      fingerprint: finding.fingerprint
    })
  })

  it('percent-encodes hostile paths into URIs that decode back to the path', () => {
    const results = buildSarif(
      HOSTILE.map(path => makeFinding({ path })),
      OPTIONS
    ).runs[0].results
    const uris = results.map(result => result.locations[0].physicalLocation.artifactLocation.uri)
    for (const uri of uris) expect(uri).toMatch(/^[A-Za-z0-9\-._~!*'()%/]*$/)
    expect(uris.map(uri => uri.split('/').map(decodeURIComponent).join('/')).sort()).toEqual(
      HOSTILE.map(path => path.replace(/^(\.\/)+/, '')).sort()
    )
  })

  it('keeps fingerprints stable across runs where commits and lines changed, and apart for other files', () => {
    const base = makeFinding({ path: 'config/prod.env' })
    const first = buildSarif([base], OPTIONS).runs[0].results[0].partialFingerprints
    const rebased = buildSarif([{ ...base, commit: sha(999), line: base.line + 20 }], OPTIONS).runs[0]
      .results[0].partialFingerprints
    const squashed = buildSarif([{ ...base, commit: undefined }], OPTIONS).runs[0].results[0]
      .partialFingerprints
    expect(rebased).toEqual(first)
    expect(squashed).toEqual(first)
    expect(first[SARIF_FINGERPRINT_KEY]).toContain(base.fingerprint)
    expect(first[SARIF_FINGERPRINT_KEY]).not.toContain(base.commit)
    const elsewhere = buildSarif([{ ...base, path: 'config/dev.env' }], OPTIONS).runs[0].results[0]
      .partialFingerprints
    expect(elsewhere).not.toEqual(first)
  })

  it('keeps the most severe results within the code-scanning limit and says how many it left out', () => {
    const findings = [
      ...Array.from({ length: 5 }, () => makeFinding({ severity: 'warning' })),
      makeFinding({ severity: 'critical' }),
      makeFinding({ liveness: 'live' }),
      makeFinding()
    ]
    const run = buildSarif(findings, { ...OPTIONS, maxResults: 3 }).runs[0]
    expect(run.results.map(result => result.level)).toEqual(['error', 'error', 'error'])
    expect(run.results[1].properties.liveness).toBe('live')
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: {
          text: '5 of 8 findings were left out: code scanning accepts at most 3 results per run. The most severe are included.'
        }
      }
    ])
    expect(buildSarif(findings, OPTIONS).runs[0].invocations[0].toolExecutionNotifications).toEqual([])
  })

  it('is plain JSON without any secret and with an empty result list when nothing was found', () => {
    const findings = sampleFindings()
    const text = JSON.stringify(buildSarif(findings, OPTIONS))
    for (const finding of findings) expect(text).not.toContain(finding.secret)
    const empty: SarifLog = JSON.parse(JSON.stringify(buildSarif([], OPTIONS)))
    expect(empty.runs[0].results).toEqual([])
    expect(empty.runs[0].tool.driver.rules).toEqual([])
  })
})
