import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import * as bodies from '../fixtures/openai-bodies.js'
import { makeKey, type KeyKind } from '../helpers/keys.js'
import { allText, runScenario, type Answer } from './scenario.js'

/** Redaction shows at most 8 + 4 characters, so no 13-character stretch of a key may appear anywhere. */
function expectNoStretchOf(key: string, text: string): void {
  for (let start = 0; start + 13 <= key.length; start++) {
    const stretch = key.slice(start, start + 13)
    if (text.includes(stretch))
      throw new Error(`a diagnosis contains 13 characters of the key at offset ${start}`)
  }
}

const KINDS: KeyKind[] = [
  'legacy',
  'early-project',
  'project',
  'project-58',
  'service-account',
  'admin',
  'none'
]
const OTHER_KEY = makeKey('legacy', 777)

const ANSWERS: Answer[] = [
  bodies.MODELS_LIST,
  bodies.invalidApiKeyFor,
  bodies.invalidApiKeyFor(OTHER_KEY),
  bodies.invalidApiKeyFor(`Bearer ${OTHER_KEY}`),
  bodies.INVALID_API_KEY,
  bodies.NO_API_KEY,
  bodies.MISSING_BEARER,
  bodies.MISMATCHED_ORGANIZATION,
  bodies.NO_SUCH_ORGANIZATION,
  bodies.NO_ORGANIZATION,
  bodies.MISMATCHED_PROJECT,
  bodies.MISSING_SCOPES_CODE_NULL,
  bodies.MISSING_SCOPES_ERROR_STRING,
  bodies.ACCOUNT_DEACTIVATED_KEY,
  bodies.ACCESS_TERMINATED,
  bodies.BILLING_NOT_ACTIVE,
  bodies.IP_NOT_AUTHORIZED,
  bodies.UNSUPPORTED_REGION,
  bodies.INSUFFICIENT_QUOTA,
  bodies.RATE_LIMIT_EXCEEDED,
  bodies.AZURE_INVALID_KEY,
  bodies.PROXY_HTML_502,
  bodies.TRUNCATED_JSON_401,
  { kind: 'timeout', attempts: 3, timeoutMs: 10_000 },
  { kind: 'network-error', attempts: 1, code: 'ECONNRESET', message: 'socket hang up' }
]

const WRAPPERS: Array<(key: string) => string> = [
  key => key,
  key => `${key}\n`,
  key => `"${key}"`,
  key => `Bearer ${key}`,
  key => `export OPENAI_API_KEY='${key}'\r\n`,
  key => `${key.slice(0, 30)}\u200B${key.slice(30)}`,
  key => `${key.slice(0, 30)}\u0430${key.slice(31)}`,
  key => key.slice(0, 40)
]

describe('no Diagnosis field ever contains the key', () => {
  it('holds across key shapes, damaged secrets, every API answer and run context', () => {
    const scenario = fc.record({
      kind: fc.constantFrom(...KINDS),
      seed: fc.integer({ min: 1, max: 100_000 }),
      wrap: fc.constantFrom(...WRAPPERS),
      answer: fc.constantFrom(...ANSWERS),
      modelAnswer: fc.constantFrom(
        bodies.MODEL_RETRIEVED,
        bodies.MODEL_NOT_FOUND,
        bodies.PROJECT_MODEL_NOT_ALLOWED
      ),
      liveness: fc.boolean(),
      organization: fc.constantFrom('', 'org-Abc'),
      leaked: fc.boolean(),
      envVars: fc.subarray(['OPENAI_ORG_ID', 'OPENAI_BASE_URL', 'HTTPS_PROXY', 'AZURE_OPENAI_ENDPOINT'])
    })
    fc.assert(
      fc.property(
        scenario,
        ({ kind, seed, wrap, answer, modelAnswer, liveness, organization, leaked, envVars }) => {
          const key = makeKey(kind, seed)
          const diagnosis = runScenario({
            raw: wrap(key),
            answer,
            models: { 'gpt-4o-mini': modelAnswer },
            liveness,
            organization,
            run: { influencingEnvVars: envVars },
            ...(leaked
              ? {
                  repo: { configuredKeyCommitted: [{ path: 'src/a.ts', line: 1, message: 'configured key' }] }
                }
              : {})
          })
          const text = allText(diagnosis)
          expectNoStretchOf(key, text)
          expectNoStretchOf(OTHER_KEY, text)
        }
      ),
      { numRuns: 400 }
    )
  })

  it('holds for short secrets that the API echoes in full', () => {
    for (const secret of ['DEADBEEF', 'sk-abc123XYZ', 'hunter2hunter2']) {
      const text = allText(runScenario({ raw: secret, answer: bodies.invalidApiKeyFor }))
      expect(text).not.toContain(secret)
    }
  })
})
