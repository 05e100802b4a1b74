/**
 * Proxies through the built action: HTTP_PROXY for an http:// base-url, HTTPS_PROXY (a CONNECT tunnel, with
 * real TLS to a loopback server the child trusts through NODE_EXTRA_CA_CERTS) for https://, NO_PROXY bypass,
 * and a proxy that strips Authorization diagnosed as `auth-header-stripped`, naming the variable, never its value.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js'
import { makeKey } from '../helpers/keys.js'
import { startProxy, type LoopbackProxy } from '../helpers/proxy.js'
import { cleanup, runAction, type ActionRun } from '../helpers/runner-harness.js'
import { expectNoKey } from '../helpers/no-key.js'
import { expectCleanEnd, expectExit, readable } from './support.js'

const KEY = makeKey('service-account', 77)
const PROXY_PASSWORD = 'proxy-pass-5f1c9e'
const runs: ActionRun[] = []
let fake: FakeOpenAI
let proxy: LoopbackProxy
let strippingProxy: LoopbackProxy
let tls: { server: TlsServer; port: number; caFile: string; dir: string }

/** A TLS terminator in front of the fake API, with a throw-away self-signed certificate for 127.0.0.1. */
async function startTlsFront(targetPort: number): Promise<typeof tls> {
  const dir = mkdtempSync(path.join(tmpdir(), 'okd-tls-'))
  const [keyFile, caFile] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')]
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      caFile
    ],
    { stdio: 'ignore' }
  )
  const server = createTlsServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, socket => {
    const upstream = connect(targetPort, '127.0.0.1')
    socket.pipe(upstream).pipe(socket)
    const close = (): void => {
      socket.destroy()
      upstream.destroy()
    }
    socket.on('error', close)
    upstream.on('error', close)
    socket.on('close', close)
    upstream.on('close', close)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as AddressInfo).port, caFile, dir }
}

beforeAll(async () => {
  ;[fake, proxy, strippingProxy] = await Promise.all([
    startFakeOpenAI({ validKeys: [KEY] }),
    startProxy(),
    startProxy({ stripAuthorization: true })
  ])
  tls = await startTlsFront(fake.port)
})
afterAll(async () => {
  await Promise.all([
    fake.close(),
    proxy.close(),
    strippingProxy.close(),
    new Promise<void>(resolve => tls.server.close(() => resolve()))
  ])
  rmSync(tls.dir, { recursive: true, force: true })
})
beforeEach(() => {
  fake.reset()
  proxy.requests.length = 0
  strippingProxy.requests.length = 0
})
afterEach(() => {
  for (const run of runs.splice(0)) cleanup(run)
})

async function doctor(env: Record<string, string>, baseUrl = fake.baseUrl): Promise<ActionRun> {
  const run = await runAction({
    inputs: { 'api-key': KEY, 'base-url': baseUrl, scan: 'none', timeout: '2' },
    env,
    timeoutMs: 30_000
  })
  runs.push(run)
  expectCleanEnd(run)
  expectNoKey(run, KEY)
  return run
}

/** The proxy URL (and its password) never reaches any channel; only the variable's name may. */
function expectProxyValueHidden(run: ActionRun, used: LoopbackProxy): void {
  const port = new URL(used.url).port
  for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)]) {
    expect(text).not.toContain(PROXY_PASSWORD)
    expect(text).not.toContain(`:${port}`)
  }
}

const withPassword = (url: string): string => url.replace('http://', `http://okd:${PROXY_PASSWORD}@`)

describe('requests go where the proxy variables say', () => {
  it('an http:// base-url goes through HTTP_PROXY, with the key intact, and the summary says so', async () => {
    const run = await doctor({ HTTP_PROXY: withPassword(proxy.url) })
    expect(run.outputs).toMatchObject({ 'key-status': 'valid', cause: 'none' })
    expectExit(run, false)
    expect(proxy.requests).toEqual([
      expect.objectContaining({ kind: 'forward', target: `127.0.0.1:${fake.port}`, hadAuthorization: true })
    ])
    expect(fake.requestsTo('/v1/models')[0].headers.authorization).toBe(`Bearer ${KEY}`)
    expect(readable(run.summary)).toContain(
      "HTTP_PROXY is set in the environment (this check's requests use it too)"
    )
    expectProxyValueHidden(run, proxy)
  })

  it('an https:// base-url goes through HTTPS_PROXY as a CONNECT tunnel: the proxy never sees the key', async () => {
    const run = await doctor(
      { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.caFile },
      `https://127.0.0.1:${tls.port}/v1`
    )
    expect(run.outputs).toMatchObject({ 'key-status': 'valid', cause: 'none' })
    expect(proxy.requests).toEqual([
      expect.objectContaining({ kind: 'connect', target: `127.0.0.1:${tls.port}`, hadAuthorization: false })
    ])
    expect(fake.requestsTo('/v1/models')[0].headers.authorization).toBe(`Bearer ${KEY}`)
    expectProxyValueHidden(run, proxy)
  })

  it('HTTPS_PROXY alone leaves an http:// base-url direct (undici uses HTTP_PROXY for http)', async () => {
    const run = await doctor({ HTTPS_PROXY: proxy.url })
    expect(run.outputs).toMatchObject({ 'key-status': 'valid' })
    expect(proxy.requests).toHaveLength(0)
    expect(fake.requestsTo('/v1/models')).toHaveLength(1)
  })

  it('NO_PROXY bypasses the proxy for the listed host, even a stripping one', async () => {
    const run = await doctor({ HTTP_PROXY: strippingProxy.url, NO_PROXY: '127.0.0.1' })
    expect(run.outputs).toMatchObject({ 'key-status': 'valid', cause: 'none' })
    expect(strippingProxy.requests).toHaveLength(0)
    expect(fake.requestsTo('/v1/models')).toHaveLength(1)
    expect(readable(run.summary)).toContain('NO_PROXY is set in the environment')
  })
})

describe('a proxy that strips Authorization', () => {
  it('is diagnosed as misconfigured / auth-header-stripped, naming HTTP_PROXY but not its value', async () => {
    const run = await doctor({ HTTP_PROXY: withPassword(strippingProxy.url) })
    expect(run.outputs).toMatchObject({ 'key-status': 'misconfigured', cause: 'auth-header-stripped' })
    expectExit(run, true)
    expect(strippingProxy.requests[0]).toMatchObject({ kind: 'forward', hadAuthorization: true })
    expect(fake.requestsTo('/v1/models')[0].headers.authorization).toBeUndefined()
    const summary = readable(run.summary)
    // The confirmed row is the verdict's own cause: the cause above says it, the notes name the proxy.
    expect(summary).toMatch(/Network proxies or firewalls \| 🔴 confirmed \| The cause named above\. \|/)
    expect(summary).toContain("- HTTP_PROXY is set in the environment (this check's requests use it too)")
    expect(summary).toMatch(/removed or rewrote it/)
    expectProxyValueHidden(run, strippingProxy)
  })
})
