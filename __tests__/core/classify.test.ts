import { describe, expect, it } from '@jest/globals'
import { classifyProbe, type Classification } from '../../src/core/classify.js'
import type { ProbeContext, ProbeOutcome } from '../../src/core/probe.js'
import * as bodies from '../fixtures/openai-bodies.js'
import type { OpenAIResponseFixture } from '../fixtures/openai-bodies.js'
import { makeKey } from '../helpers/keys.js'

const KEY = makeKey('project', 21)
const CTX: ProbeContext = { sentKey: KEY, organizationSent: false, projectSent: false }

function response(fixture: OpenAIResponseFixture, attempts = 1): ProbeOutcome {
  return {
    kind: 'response',
    status: fixture.status,
    body: fixture.body,
    requestId: fixture.requestId,
    attempts
  }
}

function classify(
  fixture: OpenAIResponseFixture,
  ctx: Partial<ProbeContext> = {},
  attempts = 1
): Classification {
  const result = classifyProbe(response(fixture, attempts), { ...CTX, ...ctx })
  expect(JSON.stringify(result)).not.toContain(KEY)
  return result
}

function custom(status: number, body: string): OpenAIResponseFixture {
  return {
    status,
    body,
    requestId: 'req_00000000000000000000000000000abc',
    requestIdHeader: 'x-request-id',
    contentType: 'application/json'
  }
}

describe('every row of the cause table, from verbatim bodies', () => {
  const rows: Array<[string, OpenAIResponseFixture, Partial<ProbeContext>, string, string]> = [
    ['200 models list', bodies.MODELS_LIST, {}, 'valid', 'none'],
    ['200 model retrieved', bodies.MODEL_RETRIEVED, { model: 'gpt-4o-mini' }, 'valid', 'none'],
    ['401 invalid_api_key', bodies.invalidApiKeyFor(KEY), {}, 'invalid', 'invalid-api-key'],
    [
      '401 account_deactivated (key variant)',
      bodies.ACCOUNT_DEACTIVATED_KEY,
      {},
      'invalid',
      'account-deactivated'
    ],
    [
      '401 account_deactivated (developer variant)',
      bodies.ACCOUNT_DEACTIVATED_DEVELOPER,
      {},
      'invalid',
      'account-deactivated'
    ],
    [
      '401 account_deactivated (email variant)',
      bodies.ACCOUNT_DEACTIVATED_EMAIL,
      {},
      'invalid',
      'account-deactivated'
    ],
    ['401 no_organization', bodies.NO_ORGANIZATION, {}, 'invalid', 'no-organization'],
    ['429 access_terminated (type)', bodies.ACCESS_TERMINATED, {}, 'invalid', 'access-terminated'],
    [
      '401 mismatched_organization',
      bodies.MISMATCHED_ORGANIZATION,
      { organizationSent: true },
      'misconfigured',
      'organization-mismatch'
    ],
    [
      '401 No such organization',
      bodies.NO_SUCH_ORGANIZATION,
      { organizationSent: true },
      'misconfigured',
      'unknown-organization'
    ],
    [
      '401 mismatched_project',
      bodies.MISMATCHED_PROJECT,
      { projectSent: true },
      'misconfigured',
      'project-mismatch'
    ],
    ["401 You didn't provide an API key", bodies.NO_API_KEY, {}, 'misconfigured', 'auth-header-stripped'],
    ['401 Missing bearer', bodies.MISSING_BEARER, {}, 'misconfigured', 'auth-header-stripped'],
    ['401 ip_not_authorized', bodies.IP_NOT_AUTHORIZED, {}, 'misconfigured', 'ip-not-authorized'],
    ['403 unsupported region', bodies.UNSUPPORTED_REGION, {}, 'misconfigured', 'unsupported-region'],
    ['401 missing scopes, code null', bodies.MISSING_SCOPES_CODE_NULL, {}, 'restricted', 'missing-scopes'],
    ['401 missing_scope', bodies.MISSING_SCOPE_CODE, {}, 'restricted', 'missing-scopes'],
    [
      '403 missing scopes, error as string',
      bodies.MISSING_SCOPES_ERROR_STRING,
      {},
      'restricted',
      'missing-scopes'
    ],
    [
      '404 model_not_found',
      bodies.MODEL_NOT_FOUND,
      { model: 'does-not-exist' },
      'restricted',
      'model-not-accessible'
    ],
    [
      '403 project model_not_found',
      bodies.PROJECT_MODEL_NOT_ALLOWED,
      { model: 'gpt-4o-mini' },
      'restricted',
      'model-not-accessible'
    ],
    ['429 insufficient_quota', bodies.INSUFFICIENT_QUOTA, {}, 'no-quota', 'insufficient-quota'],
    ['429 credit_balance_exhausted', bodies.CREDIT_BALANCE_EXHAUSTED, {}, 'no-quota', 'insufficient-quota'],
    ['429 billing_not_active', bodies.BILLING_NOT_ACTIVE, {}, 'no-quota', 'billing-not-active'],
    ['429 rate_limit_exceeded', bodies.RATE_LIMIT_EXCEEDED, {}, 'unreachable', 'rate-limited'],
    ['502 HTML from a proxy', bodies.PROXY_HTML_502, {}, 'unreachable', 'server-error'],
    ['401 truncated JSON', bodies.TRUNCATED_JSON_401, {}, 'invalid', 'invalid-api-key'],
    ['401 Azure', bodies.AZURE_INVALID_KEY, {}, 'invalid', 'invalid-api-key']
  ]
  it.each(rows)(
    '%s → %s / %s, with the request id in its own field',
    (_name, fixture, ctx, status, cause) => {
      const result = classify(fixture, ctx)
      expect(result.status).toBe(status)
      expect(result.cause).toBe(cause)
      expect(result.httpStatus).toBe(fixture.status)
      expect(result.requestId).toBe(fixture.requestId)
      // Reports show the status, the code and the request id once, from their fields: the words never repeat them.
      expect(result.detail).not.toMatch(/\bHTTP\b/)
      if (result.apiCode) expect(result.detail).not.toContain(result.apiCode)
      expect(result.detail).not.toContain(fixture.requestId)
      expect(result.detail).toMatch(/^[A-Z`]/)
    }
  )
})

describe('details the user reads', () => {
  it('carries the API code and scrubbed message of an error', () => {
    const result = classify(bodies.MISMATCHED_ORGANIZATION, { organizationSent: true })
    expect(result.apiCode).toBe('mismatched_organization')
    expect(result.apiMessage).toBe('OpenAI-Organization header should match organization for API key')
    // The headline names the header and the mismatch, the server's words are quoted: the detail adds who sent it.
    expect(result.detail).toBe('This step sent the header, from its `organization` input.')
    expect(result.fromApi).toBe(true)
  })

  it('says a proxy added an organization or project header this step did not send', () => {
    for (const body of [
      bodies.MISMATCHED_ORGANIZATION,
      bodies.NO_SUCH_ORGANIZATION,
      bodies.MISMATCHED_PROJECT
    ]) {
      expect(classify(body).detail).toBe(
        'This step did not send the header: a proxy or gateway on the way added it.'
      )
    }
  })

  it('names the missing scopes, and says a key lacking api.model.read is live but restricted', () => {
    expect(classify(bodies.MISSING_SCOPES_CODE_NULL).missingScopes).toEqual(['api.responses.write'])
    expect(classify(bodies.MISSING_SCOPE_CODE).missingScopes).toEqual(['model.request'])
    const modelRead = classify(bodies.MISSING_SCOPES_ERROR_STRING)
    expect(modelRead.missingScopes).toEqual(['api.model.read'])
    expect(modelRead.detail).toMatch(/`api\.model\.read`.*The key is live/)
    expect(modelRead.apiMessage).toMatch(/^You have insufficient permissions/)
  })

  it('tells a project allowlist block from an unknown model', () => {
    expect(classify(bodies.PROJECT_MODEL_NOT_ALLOWED, { model: 'gpt-4o-mini' }).detail).toMatch(
      /project is not allowed to use `gpt-4o-mini`/
    )
    expect(classify(bodies.MODEL_NOT_FOUND, { model: 'does-not-exist' }).detail).toMatch(
      /`does-not-exist` does not exist or this key has no access to it/
    )
  })

  it('reads an Azure 401 by Azure rules, even from an OpenAI base-url, and does not repeat the status as a code', () => {
    const result = classify(bodies.AZURE_INVALID_KEY)
    expect(result.provider).toBe('azure')
    expect(result.apiCode).toBeUndefined()
    expect(result.detail).toMatch(/^Azure does not accept this key/)
    expect(result.detail).toMatch(/`base-url`/)
  })

  it('quotes the HTML title of a proxy page and says it did not come from the API', () => {
    const result = classify(bodies.PROXY_HTML_502)
    expect(result.fromApi).toBe(false)
    expect(result.facts).toBe('The answer was an HTML page titled "502 Bad Gateway".')
    expect(result.detail).toMatch(/HTML page titled "502 Bad Gateway"/)
    expect(result.detail).toMatch(/not from the API/)
  })

  it('says a truncated body was not valid JSON', () => {
    expect(classify(bodies.TRUNCATED_JSON_401).detail).toMatch(/truncated/)
  })

  it('marks an answer judged from a cut-off body in its own field, not in the words', () => {
    const result = classify(
      custom(401, '{"error":{"code":"invalid_api_key","message":"Incorrect API key provided: sk-pro')
    )
    expect(result).toMatchObject({
      cause: 'invalid-api-key',
      apiCode: 'invalid_api_key',
      truncatedBody: true
    })
    expect(result.detail).not.toMatch(/truncated|cut/)
    expect(classify(bodies.INVALID_API_KEY).truncatedBody).toBeUndefined()
  })

  it('counts the attempts made before a rate limit won, in their own field (the diagnosis notes them once)', () => {
    const result = classify(bodies.RATE_LIMIT_EXCEEDED, {}, 3)
    expect(result.attempts).toBe(3)
    expect(result.detail).not.toMatch(/attempt/)
    expect(result.detail).toMatch(/recognised the key/)
  })
})

describe('body shapes and code variants', () => {
  it('accepts JSON in any field order', () => {
    const body = JSON.stringify({
      error: {
        code: 'invalid_api_key',
        param: null,
        type: 'invalid_request_error',
        message: 'Incorrect API key provided: x.'
      }
    })
    expect(classify(custom(401, body)).cause).toBe('invalid-api-key')
  })

  it('accepts the inner error object without its envelope', () => {
    const body =
      '{"message":"OpenAI-Organization header should match organization for API key","type":"invalid_request_error","param":null,"code":"mismatched_organization"}'
    expect(classify(custom(401, body)).cause).toBe('organization-mismatch')
  })

  it.each([
    'organization_usage_limit_exceeded',
    'organization_spend_limit_exceeded',
    'project_spend_limit_exceeded'
  ])('treats the %s code as no quota', code => {
    const body = `{"error":{"message":"Limit reached.","type":"insufficient_quota","param":null,"code":"${code}"}}`
    expect(classify(custom(429, body))).toMatchObject({ status: 'no-quota', cause: 'insufficient-quota' })
  })

  it.each([
    [
      'recognises access_terminated given as the code',
      429,
      '{"error":{"message":"Your access was terminated due to violation of our policies.","type":"invalid_request_error","param":null,"code":"access_terminated"}}',
      { cause: 'access-terminated' }
    ],
    [
      'recognises the older quota body with a null code by its message',
      429,
      '{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":null}}',
      { cause: 'insufficient-quota' }
    ],
    [
      'recognises slow_down as a rate limit',
      429,
      '{"error":{"message":"Please slow down.","type":"rate_limit_error","param":null,"code":"slow_down"}}',
      { status: 'unreachable', cause: 'rate-limited' }
    ],
    [
      'recognises an IP allowlist refusal by its text when the code is missing',
      401,
      '{"error":{"message":"Your IP is not authorized to make this request.","type":"invalid_request_error","param":null,"code":null}}',
      { cause: 'ip-not-authorized' }
    ]
  ] as const)('%s', (_title, status, body, expected) => {
    expect(classify(custom(status, body))).toMatchObject(expected)
  })

  it('recognises the Azure "Unauthorized" code and the Entra statusCode shape', () => {
    const unauthorized =
      '{"error":{"code":"Unauthorized","message": "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}'
    const entra =
      '{"statusCode": 401, "message": "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}'
    expect(classify(custom(401, unauthorized))).toMatchObject({
      status: 'invalid',
      cause: 'invalid-api-key',
      provider: 'azure'
    })
    // A resource key sent as Bearer is read as an Entra token: the scheme is wrong, not the key.
    expect(classify(custom(401, entra))).toMatchObject({
      status: 'misconfigured',
      cause: 'auth-scheme-mismatch',
      provider: 'azure'
    })
  })

  it('treats an empty key reported missing as a missing secret, not a stripped header', () => {
    const result = classifyProbe(response(bodies.NO_API_KEY), { ...CTX, sentKey: '' })
    expect(result).toMatchObject({ status: 'missing', cause: 'missing-secret' })
  })
})

describe('unrecognised answers', () => {
  it('calls an unrecognised 401 invalid, leaving the status and code to their fields', () => {
    const result = classify(
      custom(401, '{"error":{"message":"Nope.","type":"auth","code":"gateway_denied"}}')
    )
    expect(result).toMatchObject({ status: 'invalid', cause: 'invalid-api-key', apiCode: 'gateway_denied' })
    expect(result).toMatchObject({ httpStatus: 401 })
    expect(result.detail).toBe(
      'An error this tool does not recognise: the server refused the credentials (its own words are quoted with the verdict). If `base-url` points at a gateway, it may want its own credential (`gateway-token`).'
    )
  })

  it.each([
    [
      500,
      '{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}'
    ],
    [503, ''],
    [418, 'I am a teapot'],
    [403, '{"error":{"message":"Forbidden by policy.","type":"forbidden","code":"something_new"}}']
  ])('calls HTTP %i with an unrecognised body unreachable/server-error', (status, body) => {
    const result = classify(custom(status, body))
    expect(result).toMatchObject({ status: 'unreachable', cause: 'server-error', httpStatus: status })
    expect(result.detail).not.toMatch(new RegExp(`\\b${status}\\b`))
    expect(result.detail).toMatch(/the key could not be checked\.$/)
    expect(result.requestId).toBe('req_00000000000000000000000000000abc')
  })

  it('says a 404 on the models list means base-url lacks the API path', () => {
    expect(classify(custom(404, '<html><body>Not Found</body></html>')).detail).toMatch(
      /lacks the `\/v1` part/
    )
  })

  it('does not call a 200 web page a valid key', () => {
    const result = classify(custom(200, '<!DOCTYPE html><html><head><title>Sign in</title></head></html>'))
    expect(result).toMatchObject({ status: 'unreachable', cause: 'server-error', fromApi: false })
    expect(result.detail).toMatch(/not an API answer/)
  })

  it('drops a request id that is not a plain token', () => {
    const outcome: ProbeOutcome = {
      kind: 'response',
      status: 500,
      body: '',
      requestId: 'req_1\n::error::x',
      attempts: 1
    }
    expect(classifyProbe(outcome, CTX).requestId).toBeUndefined()
  })
})

describe('no answer', () => {
  it('reports a timeout with the time, and the attempts in their own field', () => {
    const result = classifyProbe({ kind: 'timeout', attempts: 3, timeoutMs: 10_000 }, CTX)
    expect(result).toMatchObject({ status: 'unreachable', cause: 'timeout', fromApi: false, attempts: 3 })
    expect(result.detail).toBe('No answer within 10 s; the key could not be checked.')
    // The cause's explanation says what a timeout means; the answer adds only the time.
    expect(result.facts).toBe('The timeout was 10 s per attempt.')
  })

  it('reports a network error with its code, scrubbed of the key', () => {
    const outcome: ProbeOutcome = {
      kind: 'network-error',
      attempts: 2,
      code: 'ENOTFOUND',
      message: `getaddrinfo ENOTFOUND api.example.invalid ${KEY}`
    }
    const result = classifyProbe(outcome, CTX)
    expect(result).toMatchObject({ status: 'unreachable', cause: 'network-error' })
    expect(result).toMatchObject({ attempts: 2 })
    expect(result.detail).toMatch(/^The request did not reach the API: ENOTFOUND/)
    expect(result.facts).toMatch(/^The error: ENOTFOUND \(getaddrinfo ENOTFOUND api\.example\.invalid/)
    expect(JSON.stringify(result)).not.toContain(KEY)
  })

  it('names the proxy on a proxy failure and base-url on a bad URL', () => {
    const proxy = classifyProbe(
      {
        kind: 'network-error',
        attempts: 1,
        code: 'PROXY_ERROR',
        message: 'Proxy response (407) !== 200 when HTTP Tunneling'
      },
      CTX
    )
    expect(proxy.detail).toMatch(/HTTPS_PROXY/)
    const url = classifyProbe(
      {
        kind: 'network-error',
        attempts: 0,
        code: 'INVALID_URL',
        message: 'The base URL is not an http(s) URL.'
      },
      CTX
    )
    expect(url.detail).toMatch(/Check `base-url`/)
  })

  it('reports a key the HTTP client refused to put in a header as whitespace', () => {
    const outcome: ProbeOutcome = {
      kind: 'network-error',
      attempts: 0,
      code: 'INVALID_HEADER',
      message:
        'The API key contains a line break, control or non-Latin-1 character that HTTP headers cannot carry; nothing was sent.'
    }
    expect(classifyProbe(outcome, CTX)).toMatchObject({ status: 'malformed', cause: 'whitespace' })
  })
})

describe('the masked echo of "Incorrect API key provided"', () => {
  it('confirms the server received exactly the key that was sent', () => {
    const result = classify(bodies.invalidApiKeyFor(KEY))
    expect(result.echo?.matchesSent).toBe(true)
    expect(result.echo?.detail).toBe(
      `The server received exactly the ${KEY.length}-character value this step sent.`
    )
    expect(result.apiMessage).toContain(`${KEY.slice(0, 8)}…${KEY.slice(-4)}`)
  })

  it('accepts the shorter `sk-proj-...abcd` mask by its ends', () => {
    const message = `Incorrect API key provided: sk-proj-...${KEY.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`
    const body = JSON.stringify({
      error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' }
    })
    expect(classify(custom(401, body)).echo?.matchesSent).toBe(true)
  })

  it('flags a different value of another length as substituted on the way', () => {
    const result = classify(bodies.INVALID_API_KEY_MASKED)
    expect(result.echo?.matchesSent).toBe(false)
    expect(result.echo?.detail).toMatch(
      /^The server received a different value than this step sent \(51 characters instead of the 164 sent\)/
    )
    expect(result.echo?.detail).toMatch(
      /a proxy or gateway substituted the header, or the app uses a stale key/
    )
  })

  it('flags a different key of the same length by its ends', () => {
    const other = makeKey('project', 99)
    const result = classify(bodies.invalidApiKeyFor(other))
    expect(result.echo?.matchesSent).toBe(false)
    expect(result.echo?.detail).toMatch(/different first or last characters/)
    expect(JSON.stringify(result)).not.toContain(other)
  })

  it.each([
    ['a quote', `"${KEY}"`, /starts with a quote character/],
    ['a doubled Bearer', `Bearer ${KEY}`, /starts with `Bearer`, so the prefix was doubled/],
    ['a URL', 'https://my-gateway.example.com/v1/chat', /is a URL/],
    ['a variable name', 'OPENAI_API_KEY', /environment-variable name/],
    ['an unexpanded variable', '${OPENAI_API_KEY}', /unexpanded variable or a placeholder/],
    ["another provider's key", `sk-or-v1-${'0a1b2c3d'.repeat(8)}`, /another provider's key/]
  ])('reads %s from what the server received', (_name, received, shape) => {
    const result = classify(bodies.invalidApiKeyFor(received))
    expect(result.echo?.matchesSent).toBe(false)
    expect(result.echo?.detail).toMatch(shape)
  })

  it('describes the shape of a matching echo too, when the sent value itself is wrapped', () => {
    const quoted = `"${KEY}"`
    const result = classifyProbe(response(bodies.invalidApiKeyFor(quoted)), { ...CTX, sentKey: quoted })
    expect(result.echo).toEqual({
      matchesSent: true,
      detail: `The server received exactly the ${quoted.length}-character value this step sent, and that value starts with a quote character.`
    })
  })

  it('never repeats a short credential the API echoed in full', () => {
    const sent = classifyProbe(response(bodies.INVALID_API_KEY), { ...CTX, sentKey: 'DEADBEEF' })
    expect(sent.echo?.matchesSent).toBe(true)
    expect(JSON.stringify(sent)).not.toContain('DEADBEEF')
    const received = classify(bodies.INVALID_API_KEY)
    expect(received.echo?.matchesSent).toBe(false)
    expect(JSON.stringify(received)).not.toContain('DEADBEEF')
  })
})
