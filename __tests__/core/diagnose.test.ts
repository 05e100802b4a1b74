import { describe, expect, it } from '@jest/globals'
import { CAUSE_INFO } from '../../src/core/causes.js'
import { classifyProbe } from '../../src/core/classify.js'
import { diagnose } from '../../src/core/diagnose.js'
import { redact } from '../../src/core/redact.js'
import type { Cause } from '../../src/core/vocabulary.js'
import * as bodies from '../fixtures/openai-bodies.js'
import { makeKey } from '../helpers/keys.js'
import { allText, runScenario, scenarioInput } from './scenario.js'

const KEY = makeKey('project', 31)
const LEAKED_AT = {
  path: 'config/settings.py',
  line: 14,
  message: 'the configured key',
  commit: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432'
}

describe('empty key', () => {
  it('is skipped, not failed, on a pull request from a fork', () => {
    const diagnosis = runScenario({ raw: '', run: { eventName: 'pull_request', isForkPullRequest: true } })
    expect(diagnosis).toMatchObject({ keyStatus: 'skipped', cause: 'fork-pull-request', keyType: '' })
    expect(diagnosis.headline).toBe('Skipped: secrets withheld from a fork pull request')
    expect(diagnosis.fingerprint).toBeUndefined()
  })

  it('is skipped on a Dependabot run, with the Dependabot secret command', () => {
    const diagnosis = runScenario({ raw: '', run: { actor: 'dependabot[bot]', isDependabot: true } })
    expect(diagnosis).toMatchObject({ keyStatus: 'skipped', cause: 'dependabot' })
    expect(diagnosis.fix).toContain('gh secret set OPENAI_API_KEY --app dependabot')
  })

  it('is missing otherwise, with a fix for an unset secret, another name, and an environment secret', () => {
    const diagnosis = runScenario({ raw: '' })
    expect(diagnosis).toMatchObject({
      keyStatus: 'missing',
      cause: 'missing-secret',
      headline: 'No key: the secret is empty'
    })
    expect(diagnosis.fix).toContain('gh secret set OPENAI_API_KEY')
    expect(diagnosis.fix).toContain('${{ secrets.OPENAI_API_KEY }}')
    expect(diagnosis.fix).toContain('environment: <name>')
    expect(diagnosis.explanation).toMatch(/under another name/)
  })

  it('outside GitHub Actions says OPENAI_API_KEY is unset in the shell, with an export and scan-only fix', () => {
    const diagnosis = runScenario({ raw: '', run: { inActions: false } })
    expect(diagnosis).toMatchObject({
      keyStatus: 'missing',
      cause: 'missing-secret',
      headline: 'No key: OPENAI_API_KEY is not set (or empty) in this shell'
    })
    // Said once, in the headline; the cause says what it means.
    expect(diagnosis.explanation).toBe('Without a key there is nothing to check against the API.')
    expect(diagnosis.fix).toContain('export OPENAI_API_KEY=')
    expect(diagnosis.fix).toContain('--staged')
    expect(diagnosis.fix).toContain('--range')
    expect(allText(diagnosis)).not.toMatch(/gh secret set|secrets\.OPENAI_API_KEY|environment:/)
    const missingKey = diagnosis.checklist.find(item => item.id === 'missing-key')
    expect(missingKey?.evidence).toBe('OPENAI_API_KEY is not set (or empty) in this shell.')
  })
})

describe('malformed secrets', () => {
  it('stays malformed when the key without its trailing newline is live, and says so', () => {
    const diagnosis = runScenario({ raw: `${KEY}\n`, answer: bodies.MODELS_LIST })
    expect(diagnosis).toMatchObject({ keyStatus: 'malformed', cause: 'whitespace', keyType: 'project' })
    expect(diagnosis.headline).toBe(
      'Whitespace or invisible characters in the secret: the secret ends with a newline (\\n)'
    )
    // The headline names the newline; the cause explains, the note adds only what the key does without it.
    expect(diagnosis.explanation).not.toContain('ends with a newline')
    expect(diagnosis.notes).toContain('Without it, the key is live.')
    expect(diagnosis.fix).toContain("printf '%s'")
    expect(diagnosis.fingerprint).toEqual({ type: 'project', length: KEY.length + 1, redacted: redact(KEY) })
  })

  it('lists every problem of a combination and says the cleaned key is live without them', () => {
    const diagnosis = runScenario({ raw: `"Bearer ${KEY}"\n`, answer: bodies.MODELS_LIST })
    expect(diagnosis.cause).toBe('bearer-prefix')
    expect(diagnosis.headline).toMatch(/: the secret starts with `Bearer `$/)
    expect(diagnosis.explanation).toMatch(
      / The secret also ends with a newline \(\\n\) and is wrapped in double quotes\.$/
    )
    expect(diagnosis.explanation).not.toContain('starts with `Bearer `')
    expect(diagnosis.notes[0]).toBe('Without them, the key is live.')
  })

  it('adds the fix for the key itself when even the cleaned key is rejected', () => {
    const diagnosis = runScenario({ raw: `'${KEY}'`, answer: bodies.invalidApiKeyFor })
    expect(diagnosis).toMatchObject({ keyStatus: 'malformed', cause: 'quotes' })
    // Said once, in the fix, with the request id of that answer.
    expect(diagnosis.notes.join(' ')).not.toMatch(/does not work|rejected/)
    expect(diagnosis.fix).toMatch(/also rejected without them \(HTTP 401 invalid_api_key\): create a new key/)
    expect(diagnosis.requestId).toBe(bodies.invalidApiKeyFor(KEY).requestId)
  })

  it('says the cleaned key was not checked when liveness is off', () => {
    const diagnosis = runScenario({ raw: `${KEY}\r\n`, liveness: false })
    expect(diagnosis.keyStatus).toBe('malformed')
    expect(diagnosis.notes).toContain(
      'The cleaned key (without it) was not checked live, because liveness is off.'
    )
  })

  it('never sends a placeholder, so there is no live answer', () => {
    const input = scenarioInput({ raw: 'sk-YOUR_OPENAI_API_KEY_HERE', answer: bodies.MODELS_LIST })
    expect(input.live).toBeUndefined()
    expect(input.cleanedLive).toBeUndefined()
    expect(diagnose(input)).toMatchObject({
      keyStatus: 'malformed',
      cause: 'placeholder',
      keyType: 'unknown'
    })
  })

  it("never sends another provider's key and names the provider", () => {
    const diagnosis = runScenario({
      raw: `sk-ant-api03-${'a1B2c3D4e5'.repeat(9)}`,
      answer: bodies.MODELS_LIST
    })
    expect(diagnosis).toMatchObject({ keyStatus: 'malformed', cause: 'not-openai-key' })
    expect(diagnosis.headline).toMatch(/Anthropic API key/)
  })

  it('judges a key of unknown shape that a gateway accepts by that answer', () => {
    const diagnosis = runScenario({ raw: 'sk-1234', answer: bodies.MODELS_LIST })
    expect(diagnosis).toMatchObject({ keyStatus: 'valid', cause: 'none', keyType: 'unknown' })
    expect(diagnosis.notes[0]).toMatch(
      /does not have an OpenAI key's shape .* accepted it: presumably a gateway's own key/
    )
  })

  it('keeps a key of unknown shape malformed when the API rejects it, and quotes the answer', () => {
    const diagnosis = runScenario({ raw: 'sk-1234', answer: bodies.invalidApiKeyFor })
    expect(diagnosis).toMatchObject({ keyStatus: 'malformed', cause: 'unknown-format' })
    // No server-said line for a malformed verdict: the note quotes the answer, with its status and code.
    expect(diagnosis.notes[0]).toMatch(
      /^Sent as it is, the key got HTTP 401 invalid_api_key: The API does not accept this key\./
    )
  })
})

describe('live verdicts', () => {
  it('is valid with the key type and the models it can use', () => {
    const diagnosis = runScenario({
      raw: KEY,
      answer: bodies.MODELS_LIST,
      models: { 'gpt-4o-mini': bodies.MODEL_RETRIEVED }
    })
    expect(diagnosis).toMatchObject({ keyStatus: 'valid', cause: 'none', keyType: 'project' })
    expect(diagnosis.headline).toBe('The key is valid (project key), and can use gpt-4o-mini')
    expect(diagnosis.models).toEqual([{ id: 'gpt-4o-mini', accessible: true, detail: 'accessible' }])
    expect(diagnosis.requestId).toBe(bodies.MODELS_LIST.requestId)
  })

  it('is restricted when a required model is not accessible, and the models list says which', () => {
    const diagnosis = runScenario({
      raw: KEY,
      answer: bodies.MODELS_LIST,
      models: { 'gpt-4o-mini': bodies.MODEL_RETRIEVED, 'gpt-5-turbo': bodies.MODEL_NOT_FOUND }
    })
    expect(diagnosis).toMatchObject({ keyStatus: 'restricted', cause: 'model-not-accessible' })
    expect(diagnosis.headline).toBe('Required model not accessible: gpt-5-turbo')
    expect(diagnosis.serverSaid).toMatchObject({ httpStatus: 404, code: 'model_not_found' })
    expect(diagnosis.models).toEqual([
      { id: 'gpt-4o-mini', accessible: true, detail: 'accessible' },
      {
        id: 'gpt-5-turbo',
        accessible: false,
        detail: 'not accessible to this key (HTTP 404 model_not_found)'
      }
    ])
    expect(diagnosis.requestId).toBe(bodies.MODEL_NOT_FOUND.requestId)
  })

  it('reports the first model that could not be checked when none is refused', () => {
    const diagnosis = runScenario({
      raw: KEY,
      answer: bodies.MODELS_LIST,
      models: { 'gpt-4o': { kind: 'timeout', attempts: 3, timeoutMs: 5000 } }
    })
    expect(diagnosis).toMatchObject({ keyStatus: 'unreachable', cause: 'timeout' })
    expect(diagnosis.models[0]).toMatchObject({ id: 'gpt-4o', accessible: undefined })
    expect(diagnosis.models[0].detail).toMatch(/^could not check: No answer within 5 s/)
  })

  it('does not check models of a key that failed, and says why', () => {
    const diagnosis = runScenario({
      raw: KEY,
      answer: bodies.invalidApiKeyFor,
      models: { 'gpt-4o': bodies.MODEL_RETRIEVED }
    })
    expect(diagnosis.models).toEqual([
      { id: 'gpt-4o', accessible: undefined, detail: 'not checked: the key itself did not pass' }
    ])
  })

  it('is unchecked with liveness off, and lists the required models as unchecked', () => {
    const diagnosis = runScenario({ raw: KEY, liveness: false, models: { 'gpt-4o': bodies.MODEL_RETRIEVED } })
    expect(diagnosis).toMatchObject({ keyStatus: 'unchecked', cause: 'none', keyType: 'project' })
    expect(diagnosis.headline).toBe(
      'Not checked live (liveness is off); the format is that of an OpenAI project key'
    )
    expect(diagnosis.models).toEqual([
      { id: 'gpt-4o', accessible: undefined, detail: 'not checked: liveness is off' }
    ])
  })

  it.each([
    ['invalid', bodies.NO_ORGANIZATION, 'no-organization'],
    ['invalid', bodies.ACCOUNT_DEACTIVATED_KEY, 'account-deactivated'],
    ['invalid', bodies.ACCESS_TERMINATED, 'access-terminated'],
    ['misconfigured', bodies.IP_NOT_AUTHORIZED, 'ip-not-authorized'],
    ['misconfigured', bodies.UNSUPPORTED_REGION, 'unsupported-region'],
    ['restricted', bodies.MISSING_SCOPES_ERROR_STRING, 'missing-scopes'],
    ['no-quota', bodies.INSUFFICIENT_QUOTA, 'insufficient-quota'],
    ['no-quota', bodies.BILLING_NOT_ACTIVE, 'billing-not-active'],
    ['unreachable', bodies.RATE_LIMIT_EXCEEDED, 'rate-limited'],
    ['unreachable', bodies.PROXY_HTML_502, 'server-error']
  ])('takes %s from the live answer (%#)', (status, fixture, cause) => {
    const diagnosis = runScenario({ raw: KEY, answer: fixture })
    expect(diagnosis).toMatchObject({ keyStatus: status, cause, requestId: fixture.requestId })
    // The status is what the server said, not repeated in the headline; the request id is its own field.
    expect(diagnosis.headline).toBe(CAUSE_INFO[cause as Cause].title)
    expect(diagnosis.serverSaid?.httpStatus).toBe(fixture.status)
    expect(allText({ ...diagnosis, requestId: '' })).not.toContain(fixture.requestId)
  })

  it('explains an invalid key that is committed in the repository as most likely revoked by leak detection', () => {
    const diagnosis = runScenario({
      raw: KEY,
      answer: bodies.invalidApiKeyFor,
      repo: { configuredKeyCommitted: [LEAKED_AT], checkedHistory: true }
    })
    expect(diagnosis).toMatchObject({ keyStatus: 'invalid', cause: 'invalid-api-key' })
    expect(diagnosis.headline).toBe('Key rejected by the API')
    expect(diagnosis.explanation).toMatch(
      /^OpenAI's leak detection most likely revoked this key: it is committed at config\/settings\.py:14 \(commit 9f8e7d6\)/
    )
    expect(diagnosis.fix).toMatch(/^Remove the key from config\/settings\.py:14 \(commit 9f8e7d6\)/)
  })

  it('asks to remove the key only where it still is: a copy removed later is only in the history', () => {
    const removed = { path: 'old.env', line: 2, message: '', commit: '1a2b3c4d5e6f', removed: true }
    const only = runScenario({
      raw: KEY,
      answer: bodies.invalidApiKeyFor,
      repo: { configuredKeyCommitted: [removed], checkedHistory: true }
    })
    expect(only.explanation).toMatch(/committed at old\.env:2 \(commit 1a2b3c4\)/)
    expect(only.fix).toMatch(/^The key is no longer in the files, but the git history keeps it, so revoke it/)
    const both = runScenario({
      raw: KEY,
      answer: bodies.invalidApiKeyFor,
      repo: { configuredKeyCommitted: [removed, LEAKED_AT], checkedHistory: true }
    })
    expect(both.fix).toMatch(/^Remove the key from config\/settings\.py:14 \(commit 9f8e7d6\) and keep/)
  })

  it('does not blame leak detection when the key is not in the repository', () => {
    const diagnosis = runScenario({
      raw: KEY,
      answer: bodies.invalidApiKeyFor,
      repo: { configuredKeyCommitted: [], checkedHistory: true }
    })
    expect(diagnosis.explanation).not.toMatch(/leak detection most likely/)
  })

  it('explains an Azure 401 in Azure words, never with platform.openai.com', () => {
    const diagnosis = runScenario({ raw: KEY, answer: bodies.AZURE_INVALID_KEY })
    expect(diagnosis).toMatchObject({ keyStatus: 'invalid', cause: 'invalid-api-key' })
    expect(diagnosis.headline).toBe('Key rejected by Azure OpenAI')
    expect(diagnosis.serverSaid).toMatchObject({ httpStatus: 401 })
    expect(diagnosis.explanation).toMatch(/Azure resource/)
    expect(diagnosis.fix).toMatch(/Keys and Endpoint/)
    expect(diagnosis.fix).not.toMatch(/platform\.openai\.com/)
    expect(diagnosis.serverSaid).toEqual({
      httpStatus: 401,
      message: expect.stringMatching(/^Access denied due to invalid subscription key or wrong API endpoint/)
    })
  })

  it('reports a key the HTTP client refused as a header as whitespace, even when the format check missed it', () => {
    const input = scenarioInput({ raw: KEY })
    const live = classifyProbe(
      {
        kind: 'network-error',
        attempts: 0,
        code: 'INVALID_HEADER',
        message: 'The API key contains a control character.'
      },
      { sentKey: KEY, organizationSent: false, projectSent: false }
    )
    const diagnosis = diagnose({ ...input, live })
    expect(diagnosis).toMatchObject({ keyStatus: 'malformed', cause: 'whitespace' })
    expect(diagnosis.headline).toBe('Whitespace or invisible characters in the secret')
    expect(diagnosis.explanation).toMatch(/The HTTP client refused to send the key/)
  })

  it('mentions the retries it made', () => {
    const input = scenarioInput({ raw: KEY })
    const live = classifyProbe(
      { kind: 'response', status: 503, body: '', requestId: 'req_1', attempts: 3 },
      { sentKey: KEY, organizationSent: false, projectSent: false }
    )
    const diagnosis = diagnose({ ...input, live })
    expect(diagnosis.headline).toBe('The API or a gateway answered with an error')
    expect(diagnosis.notes).toContain('The API was asked 3 times, with backoff between attempts.')
  })
})

describe('notes on the environment', () => {
  it('names influencing variables with what they change, never their values', () => {
    const diagnosis = runScenario({
      raw: KEY,
      answer: bodies.MODELS_LIST,
      run: { influencingEnvVars: ['OPENAI_ORG_ID', 'OPENAI_BASE_URL', 'HTTPS_PROXY'] }
    })
    expect(diagnosis.notes).toEqual([
      'OPENAI_ORG_ID is set in the environment (this check ignores it; set the `organization` / `project` input to reproduce it): SDKs send it as the OpenAI-Organization header; a stale value gives 401 mismatched_organization.',
      'OPENAI_BASE_URL is set in the environment: SDKs send every request (and the key) to this URL instead of api.openai.com.',
      "HTTPS_PROXY is set in the environment (this check's requests use it too): HTTPS requests go through this proxy, which can strip or rewrite the Authorization header.",
      expect.stringMatching(/^Quota and billing were not checked: .*`inference-check: true`/)
    ])
  })

  it('says when this step sent organization or project headers, once', () => {
    const valid = runScenario({
      raw: KEY,
      answer: bodies.MODELS_LIST,
      organization: 'org-Abc123',
      project: 'proj_1'
    })
    expect(valid.notes).toContain(
      'This step sent the OpenAI-Organization header from its `organization` input.'
    )
    expect(valid.notes).toContain('This step sent the OpenAI-Project header from its `project` input.')
    // When that header is what the API refused, the cause says the step sent it: no note repeats it.
    const diagnosis = runScenario({
      raw: KEY,
      answer: bodies.MISMATCHED_ORGANIZATION,
      organization: 'org-Abc123'
    })
    expect(diagnosis.cause).toBe('organization-mismatch')
    expect(diagnosis.explanation).toMatch(/This step sent the header, from its `organization` input\.$/)
    expect(diagnosis.notes.join(' ')).not.toMatch(/OpenAI-Organization/)
    expect(allText(diagnosis)).not.toContain('org-Abc123')
  })
})
