import { describe, expect, it } from '@jest/globals'
import { CAUSE_INFO, statusOf } from '../../src/core/causes.js'
import { CAUSE_CODES, type Cause, type KeyStatus } from '../../src/core/vocabulary.js'

/** design.md "key-status and cause", row by row. */
const DESIGN_TABLE: Record<KeyStatus, Cause[]> = {
  valid: ['none'],
  invalid: [
    'invalid-api-key',
    'account-deactivated',
    'no-organization',
    'access-terminated',
    'wrong-credential',
    'project-archived'
  ],
  misconfigured: [
    'organization-mismatch',
    'unknown-organization',
    'project-mismatch',
    'auth-header-stripped',
    'ip-not-authorized',
    'unsupported-region',
    'gateway-auth-failed',
    'auth-scheme-mismatch',
    'endpoint-not-found'
  ],
  restricted: ['missing-scopes', 'model-not-accessible'],
  'no-quota': ['insufficient-quota', 'billing-not-active'],
  malformed: [
    'whitespace',
    'quotes',
    'placeholder',
    'bearer-prefix',
    'env-assignment',
    'not-openai-key',
    'unknown-format'
  ],
  missing: ['missing-secret'],
  skipped: ['fork-pull-request', 'dependabot'],
  unchecked: [],
  unreachable: ['timeout', 'network-error', 'server-error', 'rate-limited', 'request-blocked']
}

describe('CAUSE_INFO', () => {
  it('maps every cause to the status of the design table', () => {
    const expected = Object.entries(DESIGN_TABLE).flatMap(([status, causes]) =>
      causes.map(cause => [cause, status])
    )
    expect(expected).toHaveLength(CAUSE_CODES.length)
    for (const [cause, status] of expected) expect(statusOf(cause as Cause)).toBe(status)
  })

  it('has a title, a plain explanation and a concrete fix for every cause', () => {
    for (const cause of CAUSE_CODES) {
      const info = CAUSE_INFO[cause]
      expect(info.title.length).toBeGreaterThan(5)
      expect(info.explanation).toMatch(/\.$/)
      expect(info.fix).toMatch(/\.$/)
    }
  })

  it('tells how to re-create a malformed secret without the stray characters', () => {
    for (const cause of ['whitespace', 'quotes', 'bearer-prefix', 'env-assignment'] as const) {
      expect(CAUSE_INFO[cause].fix).toContain('gh secret set OPENAI_API_KEY')
    }
    expect(CAUSE_INFO.whitespace.fix).toMatch(/trailing newline/)
  })
})
