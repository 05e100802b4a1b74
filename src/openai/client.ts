/**
 * The only code that talks to the API at `base-url`, as its provider wants (src/providers/): the liveness
 * request and model checks, which cost no tokens, and, only for `inference-check`, one minimal billable request
 * per model. Every failure becomes a ProbeOutcome value; nothing here throws or prints the key.
 *
 * Worst case per probe: maxAttempts × timeoutMs + (maxAttempts − 1) × maxRetryAfterMs. With the
 * defaults (3 attempts, 10 s cap on waits) and the action's 10 s timeout that is 3 × 10 s + 2 × 10 s = 50 s;
 * a server demanding a longer `retry-after` than the cap ends the probe at once as rate-limited.
 */
import { EnvHttpProxyAgent, request } from 'undici'
import type { ProbeOutcome } from '../core/probe.js'
import { scrub } from '../core/redact.js'
import { openai } from '../providers/openai.js'
import { authSchemeFor, type AuthSchemeChoice } from '../providers/registry.js'
import type { AuthScheme, Provider, ProviderRequest } from '../providers/types.js'
import { decideRetry, type AttemptResult } from './retry-policy.js'

/** Sent instead of the key to learn whether an endpoint checks keys at all; obviously no key. */
export const CONTROL_CREDENTIAL = 'openai-key-doctor-control-request-not-a-key'

export interface OpenAIClientOptions {
  /** API root such as `https://api.openai.com/v1`, with or without a trailing slash. */
  baseUrl: string
  /** The service at `baseUrl`; default OpenAI. */
  provider?: Provider
  /** How the key is sent; default `auto` (the provider's usual way for the key's shape). */
  authScheme?: AuthSchemeChoice
  /** A gateway's own credential, sent with every request of the configured key. */
  gatewayCredential?: { header: string; value: string }
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
  provider: Provider
  /**
   * The provider's liveness request (`GET {base}/models` for most): is the key live, and what does the API say.
   * Where a 2xx there proves nothing by itself, a control request with a made-up credential follows; when that is
   * accepted too, the outcome is marked `unproven`.
   */
  probeModels(key: string): Promise<ProbeOutcome>
  /** `GET {base}/models/{id}`: can the key see this model; undefined where the provider has no such endpoint. */
  probeModel(key: string, modelId: string): Promise<ProbeOutcome | undefined>
  /** One minimal billable request for `model` (the provider's default when undefined); undefined when none can be named. */
  probeInference(
    key: string,
    model: string | undefined
  ): Promise<{ model: string; outcome: ProbeOutcome } | undefined>
  /** How this client sends `key`. */
  authFor(key: string): AuthScheme
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
  const provider = options.provider ?? openai
  const authFor = (key: string): AuthScheme => authSchemeFor(provider, key, options.authScheme)
  // Reads HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either case). proxyTunnel: false sends plain-http requests
  // to an http proxy as absolute-URI requests, as curl does; https always goes through a CONNECT tunnel.
  const dispatcher = new EnvHttpProxyAgent({
    proxyTunnel: false,
    connect: { timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs
  })

  function baseUrl(): URL | undefined {
    let url: URL
    try {
      url = new URL(options.baseUrl)
    } catch {
      return undefined
    }
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
  }

  /** A billable request (with a body) is made once: a retry after a timeout could be billed twice. */
  async function send(
    key: string,
    build: (base: URL) => ProviderRequest | undefined
  ): Promise<ProbeOutcome | undefined> {
    const base = baseUrl()
    if (!base) {
      return {
        kind: 'network-error',
        attempts: 0,
        code: 'INVALID_URL',
        message: 'The base URL is not an http(s) URL.'
      }
    }
    const built = build(base)
    if (!built) return undefined
    const headers = requestHeaders(key, authFor(key), options, built.body !== undefined)
    const refusal = headerRefusal(headers, options.gatewayCredential?.header)
    if (refusal) return refusal
    const body = built.body ? JSON.stringify(built.body) : undefined
    const attempts = body === undefined ? maxAttempts : 1

    for (let attempt = 1; ; attempt++) {
      const result = await attemptOnce(built.url, headers, body, key)
      const decision =
        attempt < attempts
          ? decideRetry(result, attempt, { maxRetryAfterMs, random: Math.random, now: Date.now }, provider)
          : { retry: false as const }
      if (!decision.retry) return toOutcome(result, attempt)
      await sleep(decision.waitMs)
    }
  }

  async function probeModels(key: string): Promise<ProbeOutcome> {
    const outcome = (await send(key, base => provider.livenessRequest(base))) as ProbeOutcome
    const accepted =
      outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300 && isJson(outcome.body)
    if (!accepted || provider.liveness === 'always' || outcome.fromOpenAI) return outcome
    // The gateway credential goes along: a gateway that wants one must not refuse the control for lacking it.
    const control = await send(CONTROL_CREDENTIAL, base => provider.livenessRequest(base))
    const refused = control?.kind === 'response' && (control.status === 401 || control.status === 403)
    return refused ? outcome : { ...outcome, unproven: true }
  }

  async function attemptOnce(
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
    key: string
  ): Promise<AttemptResult> {
    const abort = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      abort.abort()
    }, timeoutMs)
    try {
      const response = await request(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        ...(body === undefined ? {} : { body }),
        dispatcher,
        signal: abort.signal
      })
      const text = await readCapped(response.body)
      return { kind: 'response', status: response.statusCode, body: text, headers: response.headers }
    } catch (error) {
      if (timedOut || isUndiciTimeout(error)) return { kind: 'timeout' }
      return {
        kind: 'network-error',
        ...describeNetworkError(error, [key, options.gatewayCredential?.value ?? ''])
      }
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
          ...(fromOpenAI(result.headers) ? { fromOpenAI: true } : {}),
          attempts
        }
      case 'timeout':
        return { kind: 'timeout', attempts, timeoutMs }
      case 'network-error':
        return { kind: 'network-error', attempts, code: result.code, message: result.message }
    }
  }

  return {
    provider,
    probeModels,
    probeModel: (key, modelId) => send(key, base => provider.modelRequest(base, modelId)),
    async probeInference(key, model) {
      const asked = model ?? (baseUrl() ? provider.defaultInferenceModel(baseUrl() as URL) : undefined)
      const outcome = await send(key, base => provider.inferenceRequest(base, asked))
      return outcome && asked !== undefined ? { model: asked, outcome } : undefined
    },
    authFor,
    close: () => dispatcher.close()
  }
}

function requestHeaders(
  key: string,
  auth: AuthScheme,
  options: OpenAIClientOptions,
  json: boolean
): Record<string, string> {
  const headers: Record<string, string> = {
    ...(auth === 'api-key' ? { 'api-key': key } : { authorization: `Bearer ${key}` }),
    accept: 'application/json',
    'user-agent': USER_AGENT
  }
  if (json) headers['content-type'] = 'application/json'
  if (options.organization) headers['openai-organization'] = options.organization
  if (options.project) headers['openai-project'] = options.project
  if (options.gatewayCredential) {
    headers[options.gatewayCredential.header.toLowerCase()] = options.gatewayCredential.value
  }
  return headers
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** OpenAI's own response headers: the request reached OpenAI, which checks every key. */
function fromOpenAI(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['openai-organization'] !== undefined || headers['openai-version'] !== undefined
}

/** Checked before sending so that a key with a stray newline is reported, not thrown (and never echoed). */
function headerRefusal(
  headers: Record<string, string>,
  gatewayHeader: string | undefined
): NetworkFailure | undefined {
  const refused = Object.entries(headers).find(([, value]) => INVALID_HEADER_CHARACTER.test(value))
  if (!refused) return undefined
  const what =
    refused[0] === 'authorization' || refused[0] === 'api-key'
      ? 'The API key'
      : refused[0] === gatewayHeader?.toLowerCase()
        ? 'The gateway token'
        : `The ${refused[0]} value`
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
function describeNetworkError(error: unknown, secrets: string[]): { code: string; message: string } {
  const message = scrub(errorMessage(error), secrets)
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
