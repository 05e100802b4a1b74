import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createOpenAIClient, type OpenAIClient } from '../../src/openai/client.js'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js'
import { startProxy, type LoopbackProxy } from '../helpers/proxy.js'
import { LIVE_KEY, setProxyEnv } from './test-env.js'

let fake: FakeOpenAI
let proxy: LoopbackProxy
let strippingProxy: LoopbackProxy
let restoreEnv: (() => void) | undefined
let client: OpenAIClient | undefined

/** The client reads the proxy variables when it is created, as the action does at start-up. */
function clientWithEnv(env: Record<string, string>, baseUrl = fake.baseUrl): OpenAIClient {
  restoreEnv = setProxyEnv(env)
  client = createOpenAIClient({ baseUrl, timeoutMs: 2000, maxAttempts: 1 })
  return client
}

beforeAll(async () => {
  ;[fake, proxy, strippingProxy] = await Promise.all([
    startFakeOpenAI({ validKeys: [LIVE_KEY] }),
    startProxy(),
    startProxy({ stripAuthorization: true })
  ])
})

afterAll(async () => {
  await Promise.all([fake.close(), proxy.close(), strippingProxy.close()])
})

beforeEach(() => {
  fake.reset()
  proxy.requests.length = 0
  strippingProxy.requests.length = 0
})

afterEach(async () => {
  await client?.close()
  client = undefined
  restoreEnv?.()
  restoreEnv = undefined
})

describe('HTTP_PROXY and NO_PROXY', () => {
  it('routes an http base URL through HTTP_PROXY as an absolute-URI request with the key intact', async () => {
    const outcome = await clientWithEnv({ HTTP_PROXY: proxy.url }).probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 200 })
    expect(proxy.requests).toEqual([
      {
        kind: 'forward',
        target: `127.0.0.1:${fake.port}`,
        method: 'GET',
        url: `${fake.baseUrl}/models`,
        hadAuthorization: true
      }
    ])
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${LIVE_KEY}`)
  })

  it('honours the lowercase http_proxy too', async () => {
    await clientWithEnv({ http_proxy: proxy.url }).probeModels(LIVE_KEY)

    expect(proxy.hosts()).toEqual([`127.0.0.1:${fake.port}`])
  })

  it.each([['NO_PROXY'], ['no_proxy']])('%s=127.0.0.1 bypasses the proxy', async variable => {
    const outcome = await clientWithEnv({ HTTP_PROXY: proxy.url, [variable]: '127.0.0.1' }).probeModels(
      LIVE_KEY
    )

    expect(outcome).toMatchObject({ kind: 'response', status: 200 })
    expect(proxy.requests).toEqual([])
    expect(fake.requests).toHaveLength(1)
  })

  it('NO_PROXY for another host does not bypass the proxy', async () => {
    await clientWithEnv({ HTTP_PROXY: proxy.url, NO_PROXY: 'internal.example,localhost' }).probeModels(
      LIVE_KEY
    )

    expect(proxy.requests).toHaveLength(1)
  })

  it('a proxy that strips Authorization yields the API\u2019s "You didn\u2019t provide an API key" 401', async () => {
    const outcome = await clientWithEnv({ HTTP_PROXY: strippingProxy.url }).probeModels(LIVE_KEY)

    expect(outcome).toMatchObject({ kind: 'response', status: 401, attempts: 1 })
    if (outcome.kind !== 'response') throw new Error('expected a response')
    expect(JSON.parse(outcome.body).error.message).toMatch(/^You didn't provide an API key\./)
    expect(strippingProxy.requests[0].hadAuthorization).toBe(true)
    expect(fake.requests[0].headers).not.toHaveProperty('authorization')
    expect(JSON.stringify(outcome)).not.toContain(LIVE_KEY)
  })
})

describe('HTTPS_PROXY', () => {
  it('tunnels an https base URL through HTTPS_PROXY with CONNECT, not through HTTP_PROXY', async () => {
    // The fake server speaks plain HTTP, so the TLS handshake inside the tunnel fails: what matters is
    // which proxy was asked for which host, and that the failure is an outcome without the key.
    const httpsBase = `https://127.0.0.1:${fake.port}/v1`

    const outcome = await clientWithEnv(
      { HTTPS_PROXY: strippingProxy.url, HTTP_PROXY: proxy.url },
      httpsBase
    ).probeModels(LIVE_KEY)

    expect(strippingProxy.requests).toEqual([
      {
        kind: 'connect',
        target: `127.0.0.1:${fake.port}`,
        method: 'CONNECT',
        url: `127.0.0.1:${fake.port}`,
        hadAuthorization: false
      }
    ])
    expect(proxy.requests).toEqual([])
    expect(outcome.kind).toBe('network-error')
    expect(JSON.stringify(outcome)).not.toContain(LIVE_KEY)
  })

  it('falls back to HTTP_PROXY for https when HTTPS_PROXY is unset (undici convention)', async () => {
    await clientWithEnv({ HTTP_PROXY: proxy.url }, `https://127.0.0.1:${fake.port}/v1`).probeModels(LIVE_KEY)

    expect(proxy.requests.map(request => request.kind)).toEqual(['connect'])
  })
})
