/**
 * Each fact is said once across a report: a diagnosis from recorded answers, rendered by every channel (job
 * summary, annotations, CLI text, JSON), and the phrases that state one fact counted.
 */
import { describe, expect, it } from '@jest/globals'
import type { Diagnosis } from '../../src/core/diagnosis-types.js'
import { shouldFail } from '../../src/core/policy.js'
import { planRunAnnotations } from '../../src/report/annotations.js'
import { buildJsonReport } from '../../src/report/json.js'
import type { RunReport } from '../../src/report/run-report.js'
import { buildSummary } from '../../src/report/summary.js'
import { buildTextReport } from '../../src/report/text.js'
import { runScenario, type Scenario } from '../core/scenario.js'
import * as bodies from '../fixtures/openai-bodies.js'
import { makeKey } from '../helpers/keys.js'
import { makeFinding } from './fixtures.js'

const KEY = makeKey('project', 77)

function report(diagnosis: Diagnosis): RunReport {
  return {
    diagnosis,
    findings: [],
    notes: [],
    outcome: {
      failed: true,
      reasons: [{ trigger: 'key', text: `fail-on key: the key is ${diagnosis.keyStatus}` }]
    },
    verifyLeaks: true,
    links: {}
  }
}

/** Every channel's text for one scenario; markdown escapes removed, so phrases read as a reader sees them. */
function channels(scenario: Scenario): Record<'summary' | 'annotations' | 'text' | 'json', string> {
  const run = report(runScenario(scenario))
  const annotations = planRunAnnotations(run)
  return {
    summary: buildSummary(run).replace(/\\(.)/g, '$1'),
    annotations: [...annotations.annotations, ...annotations.warnings, annotations.failure]
      .map(annotation => `${annotation?.title}\n${annotation?.message}`)
      .join('\n'),
    text: buildTextReport({ ...run, color: false }),
    json: JSON.stringify(buildJsonReport(run).diagnosis)
  }
}

function count(text: string, phrase: string): number {
  return text.split(phrase).length - 1
}

describe('each fact is said once', () => {
  it('a trailing newline: named in the headline only; the note says what the key does without it', () => {
    const shown = channels({ raw: `${KEY}\n`, answer: bodies.MODELS_LIST })
    for (const [channel, text] of Object.entries(shown)) {
      expect({ channel, times: count(text, 'ends with a newline') }).toEqual({
        channel,
        // JSON keeps every checklist row whole (a row is read on its own): the headline and the row.
        times: channel === 'json' ? 2 : 1
      })
    }
    expect(count(shown.summary, 'Without it, the key is live.')).toBe(1)
    expect(count(shown.text, 'Without it, the key is live.')).toBe(1)
    // The checklist row that confirms it points at the verdict instead of restating it.
    expect(shown.summary).toMatch(/\| 5 \| Extra whitespace \| 🔴 confirmed \| The cause named above\. \|/)
    expect(shown.text).toContain('Extra whitespace: confirmed (the cause above)')
  })

  it('a cleaned key that is rejected too: said in the fix, not again in a note', () => {
    const shown = channels({ raw: `${KEY}\n`, answer: bodies.invalidApiKeyFor })
    expect(count(shown.summary, 'also rejected without it')).toBe(1)
    expect(shown.summary).not.toMatch(/does not work/)
  })

  it('the request id: once in the summary, the text report and the JSON diagnosis', () => {
    const shown = channels({ raw: KEY, answer: bodies.invalidApiKeyFor })
    const requestId = bodies.invalidApiKeyFor(KEY).requestId
    expect(count(shown.summary, requestId)).toBe(1)
    expect(count(shown.text, requestId)).toBe(1)
    expect(count(shown.json, requestId)).toBe(1)
    expect(count(shown.annotations, requestId)).toBe(0)
  })

  it('an organization mismatch: the headline names it, the cause says who sent the header, the server is quoted', () => {
    const shown = channels({ raw: KEY, answer: bodies.MISMATCHED_ORGANIZATION, organization: 'org-Abc123' })
    for (const text of [shown.summary, shown.text]) {
      expect(count(text, 'OpenAI-Organization header does not match the key')).toBe(1)
      expect(count(text, 'This step sent the header, from its')).toBe(1)
      expect(count(text, 'OpenAI-Organization header should match organization for API key')).toBe(1)
      expect(count(text, bodies.MISMATCHED_ORGANIZATION.requestId)).toBe(1)
    }
    // The cause adds what the headline and the server's words do not say: who sent the header, and why SDKs do.
    const { explanation } = runScenario({
      raw: KEY,
      answer: bodies.MISMATCHED_ORGANIZATION,
      organization: 'org-Abc123'
    })
    expect(explanation).not.toMatch(/match|not its own|belong|HTTP/)
    expect(shown.summary).toMatch(
      /\| 4 \| Key from a different environment or account \| 🔴 confirmed \| The cause named above\. \|/
    )
    // The headline no longer carries the status: the server-said line does, once in the verdict's lines.
    expect(count(shown.annotations, 'OpenAI-Organization header does not match the key')).toBe(1)
    expect(count(shown.annotations, 'should match organization')).toBe(1)
  })

  it.each([
    ['an organization mismatch', bodies.MISMATCHED_ORGANIZATION, ''],
    ['an unknown organization', bodies.NO_SUCH_ORGANIZATION, 'org-8Xk2mQpL9v'],
    ['a project mismatch', bodies.MISMATCHED_PROJECT, '']
  ])(
    '%s with a header this step did not send: the cause says a proxy added it, and no checklist row again',
    (_name, answer) => {
      const shown = channels({ raw: KEY, answer })
      for (const text of [shown.summary, shown.text]) {
        expect(
          count(text, 'This step did not send the header: a proxy or gateway on the way added it.')
        ).toBe(1)
        expect(text).not.toMatch(/did not send: something on the way added it/)
      }
    }
  )

  it.each([
    ['invalid_api_key', bodies.invalidApiKeyFor],
    ['account_deactivated', bodies.ACCOUNT_DEACTIVATED_KEY],
    ['no_organization', bodies.NO_ORGANIZATION],
    ['insufficient_quota', bodies.INSUFFICIENT_QUOTA],
    ['ip_not_authorized', bodies.IP_NOT_AUTHORIZED],
    ['mismatched_organization', bodies.MISMATCHED_ORGANIZATION],
    ['unsupported_country_region_territory', bodies.UNSUPPORTED_REGION]
  ])(
    "the server's status and code (%s): once, on the server-said line; the cause and the checklist rows point there",
    (code, answer) => {
      const shown = channels({ raw: KEY, answer })
      const said = new RegExp(`HTTP \\d{3} ${code}`, 'g')
      expect(shown.summary.match(said)).toHaveLength(1)
      expect(shown.text.match(said)).toHaveLength(1)
      expect(shown.annotations.match(said)).toHaveLength(1)
      const { diagnosis } = buildJsonReport(report(runScenario({ raw: KEY, answer })))
      expect(diagnosis?.serverSaid?.code).toBe(code)
      expect(diagnosis?.explanation).not.toMatch(/\bHTTP \d{3}\b/)
      expect(diagnosis?.explanation).not.toContain(code)
      // JSON keeps every row whole: a row that rests on the answer still names it.
      const rows = diagnosis?.checklist.map(item => item.evidence).join('\n') ?? ''
      expect(rows.match(said)?.length ?? 0).toBeGreaterThan(0)
    }
  )

  it.each([
    ['invalid_api_key', bodies.invalidApiKeyFor, /does not (?:know|accept) this key/g],
    ['account_deactivated', bodies.ACCOUNT_DEACTIVATED_KEY, /deactivated/g],
    ['no_organization', bodies.NO_ORGANIZATION, /no longer/g],
    ['access_terminated', bodies.ACCESS_TERMINATED, /terminated/g],
    ['billing_not_active', bodies.BILLING_NOT_ACTIVE, /billing/g],
    ['insufficient_quota', bodies.INSUFFICIENT_QUOTA, /The key is valid/g],
    ['rate_limit_exceeded', bodies.RATE_LIMIT_EXCEEDED, /rate limit/g],
    ['ip_not_authorized', bodies.IP_NOT_AUTHORIZED, /allowlist/g],
    ['unsupported_country_region_territory', bodies.UNSUPPORTED_REGION, /region/g],
    ['missing scopes', bodies.MISSING_SCOPES_CODE_NULL, /is live/g],
    ['missing bearer', bodies.MISSING_BEARER, /removed or rewrote/g]
  ])('%s: the cause says what it means once; the answer adds only its own facts', (_name, answer, fact) => {
    const { text } = channels({ raw: KEY, answer })
    const { explanation } = runScenario({ raw: KEY, answer })
    expect(explanation.match(fact)).toHaveLength(1)
    // The report's "Cause:" line is this explanation, whole.
    expect(count(text, `Cause:      ${explanation}\n`)).toBe(1)
  })

  it.each([
    ['failing', true],
    ['passing', false]
  ])(
    "the key's annotation (%s step): the title says the status and cause code, the message the headline, once each",
    (_name, failed) => {
      const diagnosis = runScenario({ raw: KEY, answer: bodies.invalidApiKeyFor })
      const { annotations, warnings, failure } = planRunAnnotations({
        ...report(diagnosis),
        outcome: failed ? report(diagnosis).outcome : { failed: false, reasons: [] }
      })
      const shown = [...annotations, ...warnings, ...(failure ? [failure] : [])]
        .map(annotation => `${annotation.title}\n${annotation.message}`)
        .join('\n')
      expect(count(shown, 'OpenAI key invalid (invalid-api-key)')).toBe(1)
      expect(count(shown, 'Key rejected by the API')).toBe(1)
      expect(count(shown, 'HTTP 401 invalid_api_key')).toBe(1)
    }
  )

  it('a body cut short: said on the server-said line, not in the cause', () => {
    const shown = channels({
      raw: KEY,
      answer: {
        status: 401,
        requestId: 'req_0000000000000000000000000000cut',
        requestIdHeader: 'x-request-id',
        contentType: 'application/json',
        body: '{"error":{"code":"invalid_api_key","message":"Incorrect API key provided: sk-pro'
      }
    })
    for (const text of [shown.summary, shown.text, shown.annotations]) {
      // The echo in the message is masked like any other.
      expect(count(text, 'HTTP 401 invalid_api_key (body cut short): “Incorrect API key provided: ')).toBe(1)
      expect(text).not.toMatch(/truncated/)
    }
    expect(JSON.parse(shown.json).serverSaid).toMatchObject({ code: 'invalid_api_key', truncated: true })
  })

  it('the attempts: once, in a note, not in the headline or the cause', () => {
    const shown = channels({ raw: KEY, answer: { kind: 'timeout', attempts: 3, timeoutMs: 10_000 } })
    for (const text of [shown.summary, shown.text]) {
      expect(count(text, 'The API was asked 3 times, with backoff between attempts.')).toBe(1)
      expect(text).not.toMatch(/after 3 attempts/)
    }
  })
})

describe('the leak count of a failing run', () => {
  it("is said once in each channel: by the leak section (the annotation's title), not again by the verdict", () => {
    const folders = ['api', 'web', 'infra', 'jobs', 'docs', 'ops', 'sdk']
    const findings = Array.from({ length: 137 }, (_, index) =>
      makeFinding({
        path: `${folders[index % folders.length]}/settings.env`,
        line: 1 + Math.floor(index / folders.length),
        liveness: index < 9 ? 'live' : 'dead'
      })
    )
    const decision = shouldFail({
      failOn: new Set(['key', 'leak', 'live-leak']),
      keyStatus: 'valid',
      requiredModelsSet: false,
      leaks: 137,
      liveLeaks: 9
    })
    const run: RunReport = {
      diagnosis: runScenario({ raw: KEY, answer: bodies.MODELS_LIST }),
      findings,
      notes: [],
      outcome: { failed: decision.fail, reasons: decision.reasons },
      verifyLeaks: true,
      links: {},
      coverage: {
        mode: 'changed',
        source: 'git',
        commits: 3,
        files: 7,
        bytes: 9000,
        incomplete: false,
        skipped: []
      }
    }
    const annotations = planRunAnnotations(run)
    const shown = {
      summary: buildSummary(run).replace(/\\(.)/g, '$1'),
      failure: `${annotations.failure?.title}\n${annotations.failure?.message}`,
      text: buildTextReport({ ...run, color: false })
    }
    const total = /(?<![\w.…-])137(?![\w-])/g
    for (const [channel, text] of Object.entries(shown)) {
      expect({ channel, times: text.match(total)?.length ?? 0 }).toEqual({ channel, times: 1 })
    }
    // The verdict still says what failed; the section under it says how many.
    expect(shown.summary).toMatch(
      /\*\*❌ This step fails\.\*\* fail-on leak: committed keys found; fail-on live-leak: committed keys verified live\n\n### 🔴 Committed keys: 137 found\n/
    )
    // The live ones: counted, and put first, by their group's title alone.
    expect(shown.summary.match(/(?<![\w.…-])9 live\b/g)).toEqual(['9 live'])
    expect(shown.summary.match(/\bfirst\b/g)).toEqual(['first'])
    expect(shown.summary).toContain('**🔴 9 live: revoke these first**')
    expect(annotations.failure?.title).toBe('137 committed keys found, 9 live')
    expect(shown.text).toMatch(/^137 committed keys found, 9 LIVE:$/m)
    expect(shown.text).toMatch(
      /^FAIL: fail-on leak: committed keys found; fail-on live-leak: committed keys verified live$/m
    )
  })
})

describe('an expected skip is never a confirmed missing key', () => {
  it.each([
    ['a fork pull request', { isForkPullRequest: true, eventName: 'pull_request' }],
    ['a Dependabot run', { isDependabot: true, eventName: 'pull_request' }]
  ])('%s: every channel, JSON included, says "not checked" and why', (_name, run) => {
    const diagnosis = runScenario({ raw: '', run })
    expect(diagnosis.keyStatus).toBe('skipped')
    const json = buildJsonReport({ diagnosis, findings: [] })
    for (const item of json.diagnosis?.checklist ?? []) {
      expect({ id: item.id, verdict: item.verdict }).toEqual({ id: item.id, verdict: 'not-checkable' })
      expect(item.evidence).toMatch(/^Not checked: .* expected, not a missing key\.$/)
    }
    const text = buildTextReport({
      ...report(diagnosis),
      outcome: { failed: false, reasons: [] },
      color: false
    })
    const summary = buildSummary({ ...report(diagnosis), outcome: { failed: false, reasons: [] } })
    for (const shown of [text, summary]) expect(shown).not.toMatch(/confirmed|ruled out/)
  })
})

describe('sentences end before "Fix:"', () => {
  it('a file the scan could not read: its reason ends once, then the fix', () => {
    const run: RunReport = {
      findings: [],
      notes: [],
      outcome: { failed: false, reasons: [] },
      verifyLeaks: true,
      links: {},
      coverage: {
        mode: 'changed',
        source: 'git',
        commits: 1,
        files: 1,
        bytes: 10,
        incomplete: false,
        skipped: [
          { what: 'big.bin', reason: 'larger than 10 MiB.', fix: 'raise `max-file-size`', unscanned: true },
          { what: 'odd.bin', reason: 'unreadable', fix: 'check the file', unscanned: true }
        ]
      }
    }
    const messages = planRunAnnotations(run).warnings.map(warning => warning.message)
    expect(messages).toEqual([
      'larger than 10 MiB. Fix: raise `max-file-size`',
      'unreadable. Fix: check the file'
    ])
  })
})

describe('the checklist title fits the answer', () => {
  it('a 401 gets the 401 checklist; a 403 is not called a 401', () => {
    const rejected = channels({ raw: KEY, answer: bodies.invalidApiKeyFor })
    expect(rejected.summary).toContain('#### 401 checklist: ')
    const region = channels({ raw: KEY, answer: bodies.UNSUPPORTED_REGION })
    expect(region.summary).toContain('#### Checklist for the HTTP 403: ')
    expect(region.text).toContain('Checklist for the HTTP 403 (the common causes of a rejected key):')
    expect(`${region.summary}${region.text}`).not.toContain('401 checklist')
  })
})
