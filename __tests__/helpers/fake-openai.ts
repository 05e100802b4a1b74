/**
 * A real HTTP server on 127.0.0.1 that answers like api.openai.com/v1 (bodies, statuses, headers as in
 * shared/reference/openai-errors.md), records every request, and can be scripted per route and per
 * attempt to misbehave (hang, reset, drip, truncate, HTML page...). Being a real server, a child process
 * (the built action or CLI) can be pointed at `fake.baseUrl`.
 *
 *   const fake = await startFakeOpenAI({ validKeys: [KEY] })            // behaves like OpenAI
 *   const fake = await startFakeOpenAI({ routes: { 'GET /v1/models': [respond.html(503), respond.likeOpenAI()] } })
 *   fake.script('/v1/models', respond.hang())                           // re-script between tests
 *   fake.requests                                                        // what arrived, in order
 *   await fake.close()                                                   // in afterAll
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { listenOnLoopback } from './loopback-server.js'
import {
  MISMATCHED_ORGANIZATION,
  MISMATCHED_PROJECT,
  MISSING_BEARER,
  MODEL_NOT_FOUND,
  NO_API_KEY,
  PROXY_HTML_502,
  invalidApiKeyFor
} from '../fixtures/openai-bodies.js'

/** A response to send; every fixture of __tests__/fixtures/openai-bodies.ts is one. */
export interface Fixture {
  status: number
  /** Sent byte for byte when a string; JSON-encoded otherwise. */
  body: string | object
  /** Default: a fresh `req_<32 hex>`. */
  requestId?: string
  /** Default `x-request-id`. */
  requestIdHeader?: string
  /** Default `application/json; charset=utf-8`. */
  contentType?: string
  headers?: Record<string, string>
}

export type Behaviour =
  | { kind: 'reply'; fixture: Fixture }
  | { kind: 'like-openai' }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'reset-mid-body'; fixture: Fixture }
  | { kind: 'drip'; status: number; intervalMs: number; chunk: string }
  | { kind: 'truncated-json'; fixture: Fixture }

/** Builders for scripted behaviours. */
export const respond = {
  /** Answer with this status and body (JSON content type and an `x-request-id`, plus `headers`). */
  with: (fixture: Fixture, headers: Record<string, string> = {}): Behaviour => ({
    kind: 'reply',
    fixture: { ...fixture, headers: { ...fixture.headers, ...headers } }
  }),
  /** Decide from the Authorization header like the real API (the default for unscripted routes). */
  likeOpenAI: (): Behaviour => ({ kind: 'like-openai' }),
  /** Read the request, never answer. */
  hang: (): Behaviour => ({ kind: 'hang' }),
  /** Reset the TCP connection as soon as the request arrives. */
  reset: (): Behaviour => ({ kind: 'reset' }),
  /** Send the status line, headers and half the body, then reset the connection. */
  resetMidBody: (fixture: Fixture = modelsListFixture(DEFAULT_MODELS)): Behaviour => ({
    kind: 'reset-mid-body',
    fixture
  }),
  /** Send headers, then one small chunk every `intervalMs`, forever. */
  drip: (options: { status?: number; intervalMs?: number; chunk?: string } = {}): Behaviour => ({
    kind: 'drip',
    status: options.status ?? 200,
    intervalMs: options.intervalMs ?? 50,
    chunk: options.chunk ?? ' '
  }),
  /** A complete response whose JSON body is cut in half. */
  truncatedJson: (fixture: Fixture): Behaviour => ({ kind: 'truncated-json', fixture }),
  /** An nginx-style HTML error page, as a gateway in front of the API serves it (default 502). */
  html: (status = 502): Behaviour => ({ kind: 'reply', fixture: { ...PROXY_HTML_502, status } })
}

export interface RecordedRequest {
  method: string
  /** Path and query as received, e.g. `/v1/models/gpt-4o`. */
  path: string
  /** Lower-cased names. Contains the key: assert on it, never print it. */
  headers: Record<string, string | string[] | undefined>
}

export interface FakeOpenAIOptions {
  /** Keys that authenticate; any other Bearer value gets 401 `invalid_api_key` with the masked echo. */
  validKeys?: string[]
  /** Model ids the valid keys can see. */
  models?: string[]
  /** When set, a valid key sent with a different `OpenAI-Organization` gets 401 `mismatched_organization`. */
  organization?: string
  /** When set, a valid key sent with a different `OpenAI-Project` gets 401 `mismatched_project`. */
  project?: string
  /** Behave as if a gateway in front of the API dropped the Authorization header. */
  stripAuthorization?: boolean
  /** `'GET /v1/models'`, `'/v1/models'` (any method) or `'/v1/models/*'`, to one behaviour or a sequence. */
  routes?: Record<string, Behaviour | Behaviour[]>
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:<port>/v1`, the value for `base-url`. */
  baseUrl: string
  origin: string
  port: number
  /** Every request received, in arrival order (across routes). */
  requests: RecordedRequest[]
  requestsTo(path: string): RecordedRequest[]
  /** Replaces the behaviour of one route: the nth matching request gets the nth behaviour, the last repeats. */
  script(route: string, ...behaviours: Behaviour[]): void
  /** Forgets recorded requests, per-route counters and scripts given after start. */
  reset(): void
  close(): Promise<void>
}

export const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small']

export function modelsListFixture(models: readonly string[]): Fixture {
  return { status: 200, body: { object: 'list', data: models.map(modelObject) } }
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const validKeys = new Set(options.validKeys ?? [])
  const models = options.models ?? DEFAULT_MODELS
  const initialRoutes = Object.entries(options.routes ?? {}).map(([route, behaviours]) => [
    route,
    Array.isArray(behaviours) ? behaviours : [behaviours]
  ]) as [string, Behaviour[]][]
  let routes = new Map(initialRoutes)
  let hits = new Map<string, number>()
  const requests: RecordedRequest[] = []
  const timers = new Set<NodeJS.Timeout>()

  function routeFor(method: string, path: string): string | undefined {
    const pathOnly = path.split('?')[0]
    const candidates = [`${method} ${pathOnly}`, pathOnly]
    for (const candidate of candidates) if (routes.has(candidate)) return candidate
    for (const route of routes.keys()) {
      const [routeMethod, routePath] = route.includes(' ') ? route.split(' ', 2) : [undefined, route]
      if (routeMethod && routeMethod !== method) continue
      if (routePath.endsWith('/*') && pathOnly.startsWith(routePath.slice(0, -1))) return route
    }
    return undefined
  }

  function behaviourFor(method: string, path: string): Behaviour {
    const route = routeFor(method, path)
    if (route === undefined) return respond.likeOpenAI()
    const count = hits.get(route) ?? 0
    hits.set(route, count + 1)
    const sequence = routes.get(route) ?? []
    return sequence[Math.min(count, sequence.length - 1)] ?? respond.likeOpenAI()
  }

  function answerLikeOpenAI(request: IncomingMessage): Fixture {
    const authorization = options.stripAuthorization ? undefined : request.headers.authorization
    const key = credentialFrom(authorization)
    if (key === undefined) return fresh(MISSING_BEARER)
    if (key === '') return fresh(NO_API_KEY)
    if (!validKeys.has(key)) return fresh(invalidApiKeyFor(key))
    const organization = request.headers['openai-organization']
    if (options.organization && organization && organization !== options.organization) {
      return fresh(MISMATCHED_ORGANIZATION)
    }
    const project = request.headers['openai-project']
    if (options.project && project && project !== options.project) return fresh(MISMATCHED_PROJECT)

    const method = request.method ?? 'GET'
    const path = (request.url ?? '/').split('?')[0]
    const invalidUrl: Fixture = {
      status: 404,
      body: {
        error: {
          message: `Invalid URL (${method} ${path})`,
          type: 'invalid_request_error',
          param: null,
          code: null
        }
      }
    }
    if (method !== 'GET') return invalidUrl
    const successHeaders = {
      'openai-organization': options.organization ?? 'user-fake0organization0000',
      'openai-processing-ms': '42',
      'openai-version': '2020-10-01'
    }
    if (path === '/v1/models') return { ...modelsListFixture(models), headers: successHeaders }
    const modelMatch = /^\/v1\/models\/([^/]+)$/.exec(path)
    if (!modelMatch) return invalidUrl
    const modelId = decodeURIComponent(modelMatch[1])
    if (!models.includes(modelId)) {
      return fresh({
        ...MODEL_NOT_FOUND,
        body: MODEL_NOT_FOUND.body.replace('`does-not-exist`', `\`${modelId}\``)
      })
    }
    return { status: 200, body: modelObject(modelId), headers: successHeaders }
  }

  function perform(behaviour: Behaviour, request: IncomingMessage, response: ServerResponse): void {
    switch (behaviour.kind) {
      case 'reply':
        return send(response, behaviour.fixture)
      case 'like-openai':
        return send(response, answerLikeOpenAI(request))
      case 'hang':
        return
      case 'reset':
        request.socket.resetAndDestroy()
        return
      case 'reset-mid-body': {
        const body = bodyText(behaviour.fixture)
        response.writeHead(behaviour.fixture.status, {
          ...jsonHeaders(behaviour.fixture),
          'content-length': Buffer.byteLength(body)
        })
        response.write(body.slice(0, Math.floor(body.length / 2)))
        later(30, () => request.socket.resetAndDestroy())
        return
      }
      case 'drip': {
        response.writeHead(behaviour.status, jsonHeaders({ status: behaviour.status, body: '' }))
        response.write(behaviour.chunk)
        const timer = setInterval(() => response.write(behaviour.chunk), behaviour.intervalMs)
        timers.add(timer)
        response.on('close', () => {
          clearInterval(timer)
          timers.delete(timer)
        })
        return
      }
      case 'truncated-json': {
        const body = bodyText(behaviour.fixture)
        return send(response, { ...behaviour.fixture, body: body.slice(0, Math.floor(body.length / 2)) })
      }
    }
  }

  function later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer)
      action()
    }, ms)
    timers.add(timer)
  }

  const server = createServer((request, response) => {
    const method = request.method ?? 'GET'
    const path = request.url ?? '/'
    requests.push({ method, path, headers: { ...request.headers } })
    const behaviour = behaviourFor(method, path)
    // Answer only after the request body (normally empty) is read, as a real server would.
    request.resume()
    request.on('end', () => perform(behaviour, request, response))
  })
  const loopback = await listenOnLoopback(server)
  const { port, origin } = loopback

  return {
    baseUrl: `${origin}/v1`,
    origin,
    port,
    requests,
    requestsTo: path => requests.filter(request => request.path.split('?')[0] === path),
    script(route, ...behaviours) {
      routes.set(route, behaviours)
      hits.delete(route)
    },
    reset() {
      requests.length = 0
      routes = new Map(initialRoutes)
      hits = new Map()
    },
    async close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      await loopback.close()
    }
  }
}

/** The credential after `Bearer ` (or Basic's password); '' when absent or empty; undefined for another scheme. */
function credentialFrom(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return ''
  const bearer = /^Bearer(?:\s+(.*))?$/i.exec(authorization)
  if (bearer) return (bearer[1] ?? '').trim()
  const basic = /^Basic\s+(.*)$/i.exec(authorization)
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8')
    return decoded.slice(decoded.indexOf(':') + 1)
  }
  return authorization.trim() === '' ? '' : undefined
}

function modelObject(id: string): object {
  return { id, object: 'model', created: 1715367049, owned_by: id.startsWith('gpt') ? 'system' : 'openai' }
}

function bodyText(fixture: Fixture): string {
  return typeof fixture.body === 'string' ? fixture.body : JSON.stringify(fixture.body)
}

/** A recorded fixture with a new request id, as each real response has its own. */
function fresh(fixture: Fixture): Fixture {
  return { ...fixture, requestId: undefined }
}

function jsonHeaders(fixture: Fixture): Record<string, string> {
  return {
    'content-type': fixture.contentType ?? 'application/json; charset=utf-8',
    [fixture.requestIdHeader ?? 'x-request-id']:
      fixture.requestId ?? `req_${randomBytes(16).toString('hex')}`,
    ...fixture.headers
  }
}

function send(response: ServerResponse, fixture: Fixture): void {
  const body = bodyText(fixture)
  response.writeHead(fixture.status, { ...jsonHeaders(fixture), 'content-length': Buffer.byteLength(body) })
  response.end(body)
}
