import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:net'
import type { ProbeOutcome } from '../../src/core/probe.js'
import {
  CONTROL_CREDENTIAL,
  createOpenAIClient,
  MAX_BODY_BYTES,
  type OpenAIClientOptions
} from '../../src/openai/client.js'
import { PROVIDERS } from '../../src/providers/registry.js'
import { respond, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js'
import {
  ACCESS_TERMINATED,
  AZURE_INVALID_KEY,
  BILLING_NOT_ACTIVE,
  CREDIT_BALANCE_EXHAUSTED,
  INSUFFICIENT_QUOTA,
  MODELS_LIST,
  RATE_LIMIT_EXCEEDED,
  TRUNCATED_JSON_401,
  openAIEcho
} from '../fixtures/openai-bodies.js'
import { DEAD_KEY, LIVE_KEY, setProxyEnv } from './test-env.js'

const TIMEOUT_MS = 400

let fake: FakeOpenAI
let restoreEnv: () => void
let waits: number[]
const clients: { close(): Promise<void> }[] = []

/** A client on the fake server whose backoff waits are recorded instead of slept. */
function clientFor(overrides: Partial<OpenAIClientOptions> = {}) {
  const client = createOpenAIClient({
    baseUrl: fake.baseUrl,
    timeoutMs: TIMEOUT_MS,
    sleep: async ms => {
      waits.push(ms)
    },
    ...overrides
  })
  clients.push(client)
  return client
}

function expectNoKey(outcome: ProbeOutcome, key = LIVE_KEY): void {
  expect(JSON.stringify(outcome)).not.toContain(key)
}

async function timed<T>(action: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await action()
  return { value, ms: performance.now() - started }
}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ validKeys: [LIVE_KEY] })
})

afterAll(async () => {
  await fake.close()
})

beforeEach(() => {
  restoreEnv = setProxyEnv()
  fake.reset()
  waits = []
})

afterEach(async () => {
  await Promise.all(clients.splice(0).map(client => client.close()))
  restoreEnv()
})

describe('a healthy key', () => {
  it('gets the 200 models list with its request id, in one request', async () => {
    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 200, attempts: 1 })
    if (outcome.kind !== 'response') throw new Error('expected a response')
    expect(JSON.parse(outcome.body).data.map((model: { id: string }) => model.id)).toContain('gpt-4o-mini')
    expect(outcome.requestId).toMatch(/^req_[0-9a-f]{32}$/)
    expect(fake.requests).toHaveLength(1)
  })

  it('sends exactly the bearer key, JSON accept and its own user agent, and no org or project headers by default', async () => {
    await clientFor({ organization: '', project: '' }).probeModels(LIVE_KEY)

    const [sent] = fake.requests
    expect(sent.method).toBe('GET')
    expect(sent.path).toBe('/v1/models')
    expect(sent.headers.authorization).toBe(`Bearer ${LIVE_KEY}`)
    expect(sent.headers.accept).toBe('application/json')
    expect(sent.headers['user-agent']).toContain('openai-key-doctor')
    expect(sent.headers).not.toHaveProperty('openai-organization')
    expect(sent.headers).not.toHaveProperty('openai-project')
  })

  it('sends OpenAI-Organization and OpenAI-Project when they are configured', async () => {
    await clientFor({ organization: 'org-Acme123', project: 'proj_Web456' }).probeModels(LIVE_KEY)

    expect(fake.requests[0].headers['openai-organization']).toBe('org-Acme123')
    expect(fake.requests[0].headers['openai-project']).toBe('proj_Web456')
  })

  it('accepts a base URL with a trailing slash', async () => {
    const outcome = await clientFor({ baseUrl: `${fake.baseUrl}/` }).probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 200 })
    expect(fake.requests.map(request => request.path)).toEqual(['/v1/models'])
  })
})

describe('model probes', () => {
  it('asks GET /models/{id} with each segment of the id URL-encoded', async () => {
    const outcome = await clientFor().probeModel(LIVE_KEY, 'ft:gpt-4o-mini:acme::AbC/1')

    expect(fake.requests[0].path).toBe('/v1/models/ft%3Agpt-4o-mini%3Aacme%3A%3AAbC/1')
    expect(outcome).toMatchObject({ kind: 'response', status: 404, attempts: 1 })
  })

  it('returns the model for a visible model and model_not_found, unretried, for an unknown one', async () => {
    const client = clientFor()
    const visible = await client.probeModel(LIVE_KEY, 'gpt-4o')
    const unknown = await client.probeModel(LIVE_KEY, 'gpt-9-turbo')

    expect(visible).toMatchObject({ kind: 'response', status: 200 })
    expect(unknown).toMatchObject({ kind: 'response', status: 404, attempts: 1 })
    if (unknown?.kind === 'response') expect(JSON.parse(unknown.body).error.code).toBe('model_not_found')
    expect(fake.requestsTo('/v1/models/gpt-9-turbo')).toHaveLength(1)
  })
})

describe('answers that must not be retried', () => {
  it('passes a 401 through after exactly one request, with only the masked echo of the key', async () => {
    const outcome = await clientFor().probeModels(DEAD_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 401, attempts: 1 })
    if (outcome.kind !== 'response') throw new Error('expected a response')
    expect(JSON.parse(outcome.body).error.code).toBe('invalid_api_key')
    expect(outcome.body).toContain(openAIEcho(DEAD_KEY))
    expect(fake.requests).toHaveLength(1)
    expect(waits).toEqual([])
    expectNoKey(outcome, DEAD_KEY)
  })

  it.each([
    ['insufficient_quota', INSUFFICIENT_QUOTA],
    ['credit_balance_exhausted', CREDIT_BALANCE_EXHAUSTED],
    ['billing_not_active', BILLING_NOT_ACTIVE],
    ['access_terminated (code null)', ACCESS_TERMINATED]
  ])('answers a quota-type 429 (%s) at once, even with a retry-after', async (_name, fixture) => {
    fake.script('/v1/models', respond.with(fixture, { 'retry-after': '1' }))

    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({
      kind: 'response',
      status: 429,
      attempts: 1,
      requestId: fixture.requestId
    })
    expect(fake.requests).toHaveLength(1)
    expect(waits).toEqual([])
  })

  it('takes the request id from apim-request-id when x-request-id is absent (Azure)', async () => {
    fake.script('/v1/models', respond.with(AZURE_INVALID_KEY))

    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 401, requestId: AZURE_INVALID_KEY.requestId })
  })

  it('passes a complete but truncated JSON body through as it came', async () => {
    fake.script('/v1/models', respond.with(TRUNCATED_JSON_401))

    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toEqual({
      kind: 'response',
      status: 401,
      body: TRUNCATED_JSON_401.body,
      requestId: TRUNCATED_JSON_401.requestId,
      attempts: 1
    })
  })
})

describe('transient failures', () => {
  it('retries a 503 and returns the 200 that follows (2 requests)', async () => {
    fake.script('/v1/models', respond.with({ status: 503, body: '' }), respond.likeOpenAI())

    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 200, attempts: 2 })
    expect(fake.requests).toHaveLength(2)
    expect(waits).toHaveLength(1)
    expect(waits[0]).toBeGreaterThanOrEqual(375)
    expect(waits[0]).toBeLessThanOrEqual(500)
  })

  it('retries an HTML gateway page and reports the last one when the storm does not pass', async () => {
    fake.script('/v1/models', respond.html(502))

    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 502, attempts: 3 })
    if (outcome.kind === 'response') expect(outcome.body).toContain('<h1>502 Bad Gateway</h1>')
    expect(fake.requests).toHaveLength(3)
  })

  it('stops a 5xx storm after maxAttempts with growing backoff', async () => {
    fake.script(
      '/v1/models',
      respond.with({ status: 500, body: '{"error":{"message":"The server had an error"}}' })
    )

    const outcome = await clientFor({ maxAttempts: 4 }).probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 500, attempts: 4 })
    expect(fake.requests).toHaveLength(4)
    expect(waits).toHaveLength(3)
    expect(waits[1]).toBeGreaterThan(waits[0])
    expect(waits[2]).toBeGreaterThan(waits[1])
    expect(waits[2]).toBeLessThanOrEqual(2000)
  })

  it('waits the retry-after seconds of a rate limit, then returns the 200', async () => {
    fake.script('/v1/models', respond.with(RATE_LIMIT_EXCEEDED, { 'retry-after': '2' }), respond.likeOpenAI())

    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 200, attempts: 2 })
    expect(waits).toEqual([2000])
  })

  it('really sleeps for retry-after-ms when no sleep is injected', async () => {
    fake.script(
      '/v1/models',
      respond.with(RATE_LIMIT_EXCEEDED, { 'retry-after-ms': '250' }),
      respond.likeOpenAI()
    )
    const client = createOpenAIClient({ baseUrl: fake.baseUrl, timeoutMs: TIMEOUT_MS })
    clients.push(client)

    const { value: outcome, ms } = await timed(() => client.probeModels(LIVE_KEY))

    expect(outcome).toMatchObject({ kind: 'response', status: 200, attempts: 2 })
    expect(ms).toBeGreaterThanOrEqual(240)
  })

  it('gives up at once, rate-limited, when retry-after exceeds the cap', async () => {
    fake.script('/v1/models', respond.with(RATE_LIMIT_EXCEEDED, { 'retry-after': '3600' }))
    const client = createOpenAIClient({ baseUrl: fake.baseUrl, timeoutMs: TIMEOUT_MS })
    clients.push(client)

    const { value: outcome, ms } = await timed(() => client.probeModels(LIVE_KEY))

    expect(outcome).toMatchObject({ kind: 'response', status: 429, attempts: 1 })
    expect(fake.requests).toHaveLength(1)
    expect(ms).toBeLessThan(1000)
  })

  it('honours an HTTP-date retry-after within the cap', async () => {
    const inThreeSeconds = new Date(Date.now() + 3000).toUTCString()
    fake.script(
      '/v1/models',
      respond.with(RATE_LIMIT_EXCEEDED, { 'retry-after': inThreeSeconds }),
      respond.likeOpenAI()
    )

    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 200, attempts: 2 })
    expect(waits).toHaveLength(1)
    expect(waits[0]).toBeGreaterThan(1000)
    expect(waits[0]).toBeLessThanOrEqual(3000)
  })

  it('retries a 429 whose body is not JSON', async () => {
    fake.script(
      '/v1/models',
      respond.with({ status: 429, body: 'Too Many Requests', contentType: 'text/plain' })
    )

    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 429, attempts: 3 })
    expect(fake.requests).toHaveLength(3)
  })

  it('honours a custom maxRetryAfterMs cap', async () => {
    fake.script('/v1/models', respond.with(RATE_LIMIT_EXCEEDED, { 'retry-after': '2' }))

    const outcome = await clientFor({ maxRetryAfterMs: 1000 }).probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 429, attempts: 1 })
    expect(waits).toEqual([])
  })
})

describe('timeouts', () => {
  it('ends a server that never answers as a timeout within attempts × timeout', async () => {
    fake.script('/v1/models', respond.hang())

    const { value: outcome, ms } = await timed(() => clientFor().probeModels(LIVE_KEY))

    expect(outcome).toEqual({ kind: 'timeout', attempts: 3, timeoutMs: TIMEOUT_MS })
    expect(fake.requests).toHaveLength(3)
    expect(ms).toBeGreaterThanOrEqual(3 * TIMEOUT_MS - 30)
    expect(ms).toBeLessThan(3 * TIMEOUT_MS + 1500)
  })

  it('ends a body that drips forever as a timeout, not a hang', async () => {
    fake.script('/v1/models', respond.drip({ intervalMs: 20 }))

    const { value: outcome, ms } = await timed(() => clientFor({ maxAttempts: 1 }).probeModels(LIVE_KEY))

    expect(outcome).toEqual({ kind: 'timeout', attempts: 1, timeoutMs: TIMEOUT_MS })
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000)
  })

  it('recovers when a hang is followed by an answer', async () => {
    fake.script('/v1/models', respond.hang(), respond.likeOpenAI())

    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 200, attempts: 2 })
  })
})

describe('connection failures', () => {
  it('reports a connection reset as a network error after retrying', async () => {
    fake.script('/v1/models', respond.reset())

    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'network-error', attempts: 3 })
    if (outcome.kind === 'network-error') expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(outcome.code)
    expect(fake.requests).toHaveLength(3)
    expectNoKey(outcome)
  })

  it('recovers when one reset is followed by an answer', async () => {
    fake.script('/v1/models', respond.reset(), respond.likeOpenAI())

    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 200, attempts: 2 })
  })

  it('treats a connection reset in the middle of the body as a network error, not a truncated answer', async () => {
    fake.script('/v1/models', respond.resetMidBody(MODELS_LIST))

    const outcome = await clientFor({ maxAttempts: 2 }).probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'network-error', attempts: 2 })
    if (outcome.kind === 'network-error') expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(outcome.code)
    expectNoKey(outcome)
  })

  it('reports a refused connection with its code', async () => {
    const port = await closedPort()

    const outcome = await clientFor({ baseUrl: `http://127.0.0.1:${port}/v1` }).probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'network-error', attempts: 3, code: 'ECONNREFUSED' })
    if (outcome.kind === 'network-error')
      expect(outcome.message).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`)
    expect(waits).toHaveLength(2)
    expectNoKey(outcome)
  })

  it('reports a host that does not resolve as a DNS failure naming the host', async () => {
    const outcome = await clientFor({
      baseUrl: 'http://api.openai-key-doctor.invalid/v1',
      timeoutMs: 3000
    }).probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'network-error', attempts: 3 })
    if (outcome.kind !== 'network-error') throw new Error('expected a network error')
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(outcome.code)
    expect(outcome.message).toContain('api.openai-key-doctor.invalid')
    expectNoKey(outcome)
  })
})

describe('inputs the client refuses to send', () => {
  it.each([
    ['a trailing newline', `${LIVE_KEY}\n`],
    ['an embedded CR LF', `${LIVE_KEY.slice(0, 20)}\r\nX-Injected: 1`],
    ['a non-Latin-1 character', `${LIVE_KEY}\u20ac`]
  ])(
    'returns INVALID_HEADER for a key with %s, sends nothing, and does not echo the key',
    async (_name, key) => {
      const outcome = await clientFor().probeModels(key)

      expect(outcome).toMatchObject({ kind: 'network-error', code: 'INVALID_HEADER', attempts: 0 })
      if (outcome.kind === 'network-error') expect(outcome.message).toMatch(/API key/)
      expect(JSON.stringify(outcome)).not.toContain(LIVE_KEY.slice(8, -4))
      expect(fake.requests).toHaveLength(0)
    }
  )

  it('returns INVALID_HEADER for an organization value with a newline', async () => {
    const outcome = await clientFor({ organization: 'org-Acme\n' }).probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'network-error', code: 'INVALID_HEADER' })
    if (outcome.kind === 'network-error') expect(outcome.message).toContain('openai-organization')
    expect(fake.requests).toHaveLength(0)
  })

  it('returns INVALID_URL for a base URL that is not http(s)', async () => {
    const outcome = await clientFor({ baseUrl: 'ftp://example.invalid/v1' }).probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'network-error', code: 'INVALID_URL', attempts: 0 })
  })
})

describe('resource bounds', () => {
  it('keeps at most 1 MiB of a huge body', async () => {
    fake.script(
      '/v1/models',
      respond.with({ status: 200, body: `{"data":"${'x'.repeat(3 * MAX_BODY_BYTES)}"}` })
    )

    const outcome = await clientFor().probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 200, attempts: 1 })
    if (outcome.kind === 'response') expect(outcome.body.length).toBe(MAX_BODY_BYTES)
  })
})

describe('providers', () => {
  const AZURE_KEY = 'a3f1c9e07b5d42e8916c0fd2b7a8e35c'

  it('sends an Azure resource key in api-key to the v1 models list, never as Bearer', async () => {
    fake.script('GET /openai/v1/models', respond.with(MODELS_LIST))
    const client = clientFor({ baseUrl: `${fake.origin}/openai/v1`, provider: PROVIDERS.azure })
    const outcome = await client.probeModels(AZURE_KEY)
    expect(outcome).toMatchObject({ kind: 'response', status: 200 })
    const [request] = fake.requestsTo('/openai/v1/models')
    expect(request.headers['api-key']).toBe(AZURE_KEY)
    expect(request.headers.authorization).toBeUndefined()
  })

  it('proves a gateway checks keys with a made-up credential, and marks a 2xx to both unproven', async () => {
    fake.script('GET /v1/models', respond.with({ ...MODELS_LIST, requestId: undefined }))
    const client = clientFor({ provider: PROVIDERS.compatible })
    const outcome = await client.probeModels(LIVE_KEY)
    expect(outcome).toMatchObject({ kind: 'response', status: 200, unproven: true })
    expect(fake.requestsTo('/v1/models').map(request => request.headers.authorization)).toEqual([
      `Bearer ${LIVE_KEY}`,
      `Bearer ${CONTROL_CREDENTIAL}`
    ])
  })

  it('takes the answer as proof when the made-up credential is refused', async () => {
    fake.script('GET /v1/models', respond.with(MODELS_LIST), respond.likeOpenAI())
    const outcome = await clientFor({ provider: PROVIDERS.compatible }).probeModels(LIVE_KEY)
    expect(outcome).toMatchObject({ kind: 'response', status: 200 })
    expect(outcome).not.toHaveProperty('unproven')
  })

  it('makes the billable request once, with one output token, even when the server fails', async () => {
    fake.script('POST /v1/chat/completions', respond.html(503))
    const result = await clientFor().probeInference(LIVE_KEY, undefined)
    expect(result).toMatchObject({
      model: 'gpt-4o-mini',
      outcome: { kind: 'response', status: 503, attempts: 1 }
    })
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(1)
    expect(waits).toEqual([])
  })
})
