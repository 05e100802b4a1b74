import { describe, expect, it } from '@jest/globals'
import { redact } from '../../src/core/redact.js'
import { createRedactor, redactStrings, secretForms } from '../../src/report/redact-report.js'
import { makeFinding } from './fixtures.js'
import { makeKey, randomText, ALNUM } from '../helpers/keys.js'
import { expectNoKeyIn } from '../helpers/no-key.js'

const PROJECT_KEY = makeKey('project', 9101)
const GATEWAY_KEY = `gw_live/${randomText(40, ALNUM, 9102)}+=`

describe('createRedactor', () => {
  it('replaces the run’s own secrets as given, trimmed, unquoted and URL-encoded', () => {
    const redactText = createRedactor([`  "${GATEWAY_KEY}"\n`])
    for (const form of [GATEWAY_KEY, encodeURIComponent(GATEWAY_KEY), `"${GATEWAY_KEY}"`]) {
      const shown = redactText(`request id ${form} and again ${form}`)
      expectNoKeyIn(shown, 'redacted text', GATEWAY_KEY, encodeURIComponent(GATEWAY_KEY))
      expect(shown).toContain('…')
    }
  })

  it('redacts a key in a name by the detectors, whether or not the scan found it', () => {
    const redactText = createRedactor([])
    const shown = redactText(`config/${PROJECT_KEY}.env`)
    expect(shown).toBe(`config/${redact(PROJECT_KEY)}.env`)
    expect(redactText(`refs/heads/${PROJECT_KEY}`)).toBe(`refs/heads/${redact(PROJECT_KEY)}`)
  })

  it('redacts a found key even where no detector would see it (glued to a word)', () => {
    const glued = `prefix${PROJECT_KEY}`
    expect(createRedactor([])(glued)).toBe(glued)
    expect(createRedactor([], [PROJECT_KEY])(glued)).toBe(`prefix${redact(PROJECT_KEY)}`)
  })

  it('leaves ordinary names and short values alone', () => {
    const redactText = createRedactor(['short', ''])
    for (const text of ['docs/sk-learn-notes.md', 'risk-assessment.md', 'a short word', 'sk-proj-…AbCd'])
      expect(redactText(text)).toBe(text)
  })

  it('gives every form of a secret, longest first, and none under 8 characters', () => {
    expect(secretForms(' abc ')).toEqual([])
    expect(secretForms('a/b c=d+e')).toEqual(['a%2Fb%20c%3Dd%2Be', 'a/b c=d+e'])
  })
})

describe('redactStrings', () => {
  it('redacts every string of a report-shaped value and keeps each finding’s raw secret for masking', () => {
    const finding = makeFinding({ path: `src/${PROJECT_KEY}/a.ts`, secret: PROJECT_KEY })
    const report = {
      findings: [finding],
      notes: [`request id ${GATEWAY_KEY}`],
      nested: { list: [[`x ${GATEWAY_KEY}`]], count: 3, flag: true, none: undefined }
    }
    const redacted = redactStrings(report, createRedactor([GATEWAY_KEY], [PROJECT_KEY]))
    expect(redacted.findings[0].secret).toBe(PROJECT_KEY)
    expect(redacted.findings[0].path).toBe(`src/${redact(PROJECT_KEY)}/a.ts`)
    expect(redacted.nested.count).toBe(3)
    expect(redacted.nested.flag).toBe(true)
    const shown = JSON.stringify({ ...redacted, findings: [{ ...redacted.findings[0], secret: 'masked' }] })
    expectNoKeyIn(shown, 'report', PROJECT_KEY, GATEWAY_KEY)
    // The input is not changed.
    expect(report.findings[0].path).toContain(PROJECT_KEY)
  })
})
