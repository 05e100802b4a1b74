/** The fake server answers the way the contract tests rely on (it stands in for api.openai.com there). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { request } from 'undici'
import { respond, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js'
import { MISSING_BEARER, NO_API_KEY, RATE_LIMIT_EXCEEDED } from '../fixtures/openai-bodies.js'
import { DEAD_KEY, LIVE_KEY } from './test-env.js'

let fake: FakeOpenAI
let orgBound: FakeOpenAI

async function get(server: FakeOpenAI, path: string, headers: Record<string, string> = {}) {
  const response = await request(`${server.origin}${path}`, { headers })
  return { status: response.statusCode, headers: response.headers, body: await response.body.text() }
}

function errorOf(body: string): { message: string; code: string | null } {
  return JSON.parse(body).error
}

beforeAll(async () => {
  ;[fake, orgBound] = await Promise.all([
    startFakeOpenAI({ validKeys: [LIVE_KEY] }),
    startFakeOpenAI({
      validKeys: [LIVE_KEY],
      organization: 'org-Right',
      project: 'proj_Right',
      stripAuthorization: false
    })
  ])
})

afterAll(async () => {
  await Promise.all([fake.close(), orgBound.close()])
})

beforeEach(() => {
  fake.reset()
})

describe('answering like OpenAI from the Authorization header', () => {
  it('lists models for a valid key with JSON content type, a request id and the org header', async () => {
    const answer = await get(fake, '/v1/models', { authorization: `Bearer ${LIVE_KEY}` })

    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(answer.headers['x-request-id']).toMatch(/^req_[0-9a-f]{32}$/)
    expect(answer.headers['openai-organization']).toBeDefined()
    expect(JSON.parse(answer.body).object).toBe('list')
  })

  it('echoes a wrong key masked to the same length, and a short one in full', async () => {
    const long = await get(fake, '/v1/models', { authorization: `Bearer ${DEAD_KEY}` })
    const short = await get(fake, '/v1/models', { authorization: 'Bearer DEADBEEF' })

    const echoed = /provided: (\S+)\. You/.exec(errorOf(long.body).message)?.[1] ?? ''
    expect(echoed).toHaveLength(DEAD_KEY.length)
    expect(echoed).toBe(`${DEAD_KEY.slice(0, 8)}${'*'.repeat(DEAD_KEY.length - 12)}${DEAD_KEY.slice(-4)}`)
    expect(errorOf(short.body)).toMatchObject({ code: 'invalid_api_key' })
    expect(errorOf(short.body).message).toContain('provided: DEADBEEF.')
  })

  it('answers a missing or empty key with "You didn\'t provide an API key" and another scheme with "Missing bearer"', async () => {
    const none = await get(fake, '/v1/models')
    const empty = await get(fake, '/v1/models', { authorization: 'Bearer ' })
    const noScheme = await get(fake, '/v1/models', { authorization: LIVE_KEY })

    expect(none).toMatchObject({ status: 401, body: NO_API_KEY.body })
    expect(empty).toMatchObject({ status: 401, body: NO_API_KEY.body })
    expect(noScheme).toMatchObject({ status: 401, body: MISSING_BEARER.body })
  })

  it('accepts the key as the Basic password, as the API does for browsers', async () => {
    const basic = Buffer.from(`:${LIVE_KEY}`).toString('base64')

    expect((await get(fake, '/v1/models', { authorization: `Basic ${basic}` })).status).toBe(200)
  })

  it('rejects a mismatched organization or project only when the server is bound to one', async () => {
    const auth = { authorization: `Bearer ${LIVE_KEY}` }

    const wrongOrg = await get(orgBound, '/v1/models', { ...auth, 'openai-organization': 'org-Wrong' })
    const wrongProject = await get(orgBound, '/v1/models', { ...auth, 'openai-project': 'proj_Wrong' })
    const right = await get(orgBound, '/v1/models', {
      ...auth,
      'openai-organization': 'org-Right',
      'openai-project': 'proj_Right'
    })
    const unbound = await get(fake, '/v1/models', { ...auth, 'openai-organization': 'org-Wrong' })

    expect(errorOf(wrongOrg.body).code).toBe('mismatched_organization')
    expect(errorOf(wrongProject.body).code).toBe('mismatched_project')
    expect(right.status).toBe(200)
    expect(unbound.status).toBe(200)
  })

  it('answers an unknown path with 404 Invalid URL', async () => {
    const answer = await get(fake, '/models', { authorization: `Bearer ${LIVE_KEY}` })

    expect(answer.status).toBe(404)
    expect(errorOf(answer.body).message).toBe('Invalid URL (GET /models)')
  })

  it('acts as if the Authorization header never arrived in stripAuthorization mode', async () => {
    const stripped = await startFakeOpenAI({ validKeys: [LIVE_KEY], stripAuthorization: true })
    try {
      const answer = await get(stripped, '/v1/models', { authorization: `Bearer ${LIVE_KEY}` })
      expect(answer).toMatchObject({ status: 401, body: NO_API_KEY.body })
    } finally {
      await stripped.close()
    }
  })
})

describe('scripting', () => {
  it('plays a sequence per route, repeats the last step, and leaves other routes alone', async () => {
    fake.script(
      'GET /v1/models',
      respond.with(RATE_LIMIT_EXCEEDED, { 'retry-after': '1' }),
      respond.html(503)
    )
    const auth = { authorization: `Bearer ${LIVE_KEY}` }

    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await get(fake, '/v1/models', auth)).status)
    const first = await get(fake, '/v1/models/gpt-4o', auth)

    expect(statuses).toEqual([429, 503, 503])
    expect(first.status).toBe(200)
    expect(fake.requestsTo('/v1/models')).toHaveLength(3)
  })

  it('matches a wildcard route and can cut a body in half', async () => {
    fake.script(
      '/v1/models/*',
      respond.truncatedJson({ status: 200, body: '{"id":"gpt-4o","object":"model"}' })
    )

    const answer = await get(fake, '/v1/models/gpt-4o')

    expect(answer).toMatchObject({ status: 200, body: '{"id":"gpt-4o","' })
  })

  it('serves another process, as the contract tests need', async () => {
    const script = `fetch(process.argv[1], { headers: { authorization: 'Bearer ' + process.argv[2] } }).then(r => console.log(r.status))`

    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-e', script, `${fake.baseUrl}/models`, DEAD_KEY],
      {
        timeout: 10_000,
        env: { PATH: process.env.PATH ?? '' }
      }
    )

    expect(stdout.trim()).toBe('401')
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${DEAD_KEY}`)
  })
})
