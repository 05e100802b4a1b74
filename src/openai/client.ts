/**
 * The only code that talks to the OpenAI API: `GET {base}/models` and `GET {base}/models/{id}`, which
 * cost no tokens. Every failure becomes a ProbeOutcome value; nothing here throws or prints the key.
 *
 * Worst case per probe: maxAttempts × timeoutMs + (maxAttempts − 1) × maxRetryAfterMs. With the
 * defaults (3 attempts, 10 s cap on waits) and the action's 10 s timeout that is 3 × 10 s + 2 × 10 s = 50 s;
 * a server demanding a longer `retry-after` than the cap ends the probe at once as rate-limited.
 */
import { EnvHttpProxyAgent, request } from 'undici'
import type { ProbeOutcome } from '../core/probe.js'
import { scrub } from '../core/redact.js'
import { decideRetry, type AttemptResult } from './retry-policy.js'

export interface OpenAIClientOptions {
  /** API root such as `https://api.openai.com/v1`, with or without a trailing slash. */
  baseUrl: string
  /** Per attempt, covering connect, headers and the whole body. */
  timeoutMs: number
  /** Sent as `OpenAI-Organization` only when non-empty. */
  organization?: string
  /** Sent as `OpenAI-Project` only when non-empty. */
  project?: string
  /** Attempts in total, including the first. Default 3. */
  maxAttempts?: number
  /** Longest `retry-after` honoured; longer demands give up with the 429. Default 10 000 ms. */
  maxRetryAfterMs?: number
  sleep?: (ms: number) => Promise<void>
}

export interface OpenAIClient {
  /** `GET {base}/models`: is the key live, and what does the API say about it. */
  probeModels(key: string): Promise<ProbeOutcome>
  /** `GET {base}/models/{id}`: can the key see this model. */
  probeModel(key: string, modelId: string): Promise<ProbeOutcome>
  /** Releases pooled connections; call once when done. */
  close(): Promise<void>
}

export const USER_AGENT = 'openai-key-doctor'
export const DEFAULT_MAX_ATTEMPTS = 3
export const DEFAULT_MAX_RETRY_AFTER_MS = 10_000
/** A models list is tens of KiB; anything past this is not an API answer worth holding in memory. */
export const MAX_BODY_BYTES = 1024 * 1024

/** Characters undici (and HTTP) accept in a header value. */
const INVALID_HEADER_CHARACTER = /[^\t\x20-\x7e\x80-\xff]/

type NetworkFailure = Extract<ProbeOutcome, { kind: 'network-error' }>

export function createOpenAIClient(options: OpenAIClientOptions): OpenAIClient {
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)))
  const { timeoutMs } = options
  // Reads HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either case). proxyTunnel: false sends plain-http requests
  // to an http proxy as absolute-URI requests, as curl does; https always goes through a CONNECT tunnel.
  const dispatcher = new EnvHttpProxyAgent({
    proxyTunnel: false,
    connect: { timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs
  })

  async function probe(key: string, path: string): Promise<ProbeOutcome> {
    const url = endpoint(options.baseUrl, path)
    if (!url) {
      return {
        kind: 'network-error',
        attempts: 0,
        code: 'INVALID_URL',
        message: 'The base URL is not an http(s) URL.'
      }
    }
    const headers = requestHeaders(key, options.organization, options.project)
    const refusal = headerRefusal(headers)
    if (refusal) return refusal

    for (let attempt = 1; ; attempt++) {
      const result = await attemptOnce(url, headers, key)
      const decision =
        attempt < maxAttempts
          ? decideRetry(result, attempt, { maxRetryAfterMs, random: Math.random, now: Date.now })
          : { retry: false as const }
      if (!decision.retry) return toOutcome(result, attempt)
      await sleep(decision.waitMs)
    }
  }

  async function attemptOnce(url: URL, headers: Record<string, string>, key: string): Promise<AttemptResult> {
    const abort = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      abort.abort()
    }, timeoutMs)
    try {
      const response = await request(url, { method: 'GET', headers, dispatcher, signal: abort.signal })
      const body = await readCapped(response.body)
      return { kind: 'response', status: response.statusCode, body, headers: response.headers }
    } catch (error) {
      if (timedOut || isUndiciTimeout(error)) return { kind: 'timeout' }
      return { kind: 'network-error', ...describeNetworkError(error, key) }
    } finally {
      clearTimeout(timer)
    }
  }

  function toOutcome(result: AttemptResult, attempts: number): ProbeOutcome {
    switch (result.kind) {
      case 'response':
        return {
          kind: 'response',
          status: result.status,
          body: result.body,
          requestId: requestIdOf(result.headers),
          attempts
        }
      case 'timeout':
        return { kind: 'timeout', attempts, timeoutMs }
      case 'network-error':
        return { kind: 'network-error', attempts, code: result.code, message: result.message }
    }
  }

  return {
    probeModels: key => probe(key, 'models'),
    probeModel: (key, modelId) => probe(key, `models/${encodeURIComponent(modelId)}`),
    close: () => dispatcher.close()
  }
}

/** `{base}/{path}`, keeping the base's path (and query, for gateways that need one). */
function endpoint(baseUrl: string, path: string): URL | undefined {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`
  url.hash = ''
  return url
}

function requestHeaders(key: string, organization?: string, project?: string): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${key}`,
    accept: 'application/json',
    'user-agent': USER_AGENT
  }
  if (organization) headers['openai-organization'] = organization
  if (project) headers['openai-project'] = project
  return headers
}

/** Checked before sending so that a key with a stray newline is reported, not thrown (and never echoed). */
function headerRefusal(headers: Record<string, string>): NetworkFailure | undefined {
  const refused = Object.entries(headers).find(([, value]) => INVALID_HEADER_CHARACTER.test(value))
  if (!refused) return undefined
  const what = refused[0] === 'authorization' ? 'The API key' : `The ${refused[0]} value`
  return {
    kind: 'network-error',
    attempts: 0,
    code: 'INVALID_HEADER',
    message: `${what} contains a line break, control or non-Latin-1 character that HTTP headers cannot carry; nothing was sent.`
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const room = MAX_BODY_BYTES - size
    if (chunk.length >= room) {
      chunks.push(chunk.subarray(0, room))
      body.destroy()
      break
    }
    chunks.push(chunk)
    size += chunk.length
  }
  return Buffer.concat(chunks).toString('utf8')
}

function requestIdOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  for (const name of ['x-request-id', 'apim-request-id', 'request-id']) {
    const value = headers[name]
    const first = Array.isArray(value) ? value[0] : value
    if (first) return first
  }
  return undefined
}

function isUndiciTimeout(error: unknown): boolean {
  const code = errorCode(error)
  return (
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  )
}

/** A stable code and a readable message, scrubbed of the key in case anything echoed it. */
function describeNetworkError(error: unknown, key: string): { code: string; message: string } {
  const message = scrub(errorMessage(error), [key])
  if (/^Proxy (response|Authentication)/i.test(message)) return { code: 'PROXY_ERROR', message }
  const code = errorCode(error) ?? 'NETWORK_ERROR'
  if (code === 'UND_ERR_INVALID_ARG' && /header/i.test(message)) {
    return {
      code: 'INVALID_HEADER',
      message: 'A header value was refused by the HTTP client; nothing was sent.'
    }
  }
  return { code, message }
}

/** Node wraps the useful part in `cause` (fetch-style) or `errors` (AggregateError from happy eyeballs). */
function errorCode(error: unknown): string | undefined {
  for (const candidate of errorChain(error)) {
    const code = (candidate as { code?: unknown }).code
    if (typeof code === 'string' && code) return code
  }
  return undefined
}

function errorMessage(error: unknown): string {
  for (const candidate of errorChain(error)) {
    const message = (candidate as { message?: unknown }).message
    if (typeof message === 'string' && message) return message
  }
  return String(error)
}

/** Duck-typed: errors from Node's own modules are not `instanceof Error` inside a jest VM context. */
function errorChain(error: unknown): object[] {
  const chain: object[] = []
  let current: unknown = error
  while (typeof current === 'object' && current !== null && chain.length < 5) {
    chain.push(current)
    const nested = (current as { errors?: unknown }).errors
    if (Array.isArray(nested))
      chain.push(...nested.filter((inner): inner is object => typeof inner === 'object' && inner !== null))
    current = (current as { cause?: unknown }).cause
  }
  return chain
}
