import { redact } from '../core/redact.js'
import { FAIL_ON_VALUES, SCAN_MODES, type FailOnValue, type ScanMode } from '../core/vocabulary.js'
import { AUTH_SCHEME_CHOICES, PROVIDER_CHOICES } from '../providers/registry.js'
import type { Settings } from './settings.js'

/** A bad input value: the message names the input and its allowed values. */
export class InputError extends Error {}

const DEFAULT_BASE_URL = 'https://api.openai.com/v1'

/** Validation shared by the action and the CLI: `read` returns the raw string of an input, '' when unset. */
export function parseSettings(read: (name: string) => string): Settings {
  const text = (name: string): string => read(name).trim()
  return {
    apiKey: read('api-key'),
    baseUrl: parseBaseUrl(text('base-url') || DEFAULT_BASE_URL),
    organization: text('organization'),
    project: text('project'),
    provider: parseChoice('provider', text('provider'), PROVIDER_CHOICES),
    authScheme: parseChoice('auth-scheme', text('auth-scheme'), AUTH_SCHEME_CHOICES),
    gatewayToken: read('gateway-token').trim(),
    gatewayHeader: parseHeaderName(text('gateway-header')),
    liveness: parseBoolean('liveness', text('liveness'), true),
    requiredModels: parseRequiredModels(read('required-models')),
    inferenceCheck: parseBoolean('inference-check', text('inference-check'), false),
    scan: parseScan(text('scan')),
    verifyLeaks: parseBoolean('verify-leaks', text('verify-leaks'), true),
    failOn: parseFailOn(text('fail-on')),
    sarifFile: text('sarif-file'),
    githubToken: text('github-token'),
    timeoutMs: parseTimeout(text('timeout'))
  }
}

export function parseList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,\n]/)
        .map(item => item.trim())
        .filter(Boolean)
    )
  ]
}

function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  if (/^(true|yes|on|1)$/i.test(value)) return true
  if (/^(false|no|off|0)$/i.test(value)) return false
  throw new InputError(`Input '${name}' must be true or false, got ${quote(value)}.`)
}

function parseChoice<T extends string>(name: string, value: string, choices: readonly T[]): T {
  if (value === '') return choices[0]
  const choice = value.toLowerCase()
  if ((choices as readonly string[]).includes(choice)) return choice as T
  throw new InputError(`Input '${name}' must be one of ${choices.join(', ')}; got ${quote(value)}.`)
}

/** An HTTP header name (RFC 9110 token), such as `cf-aig-authorization` or `Ocp-Apim-Subscription-Key`. */
function parseHeaderName(value: string): string {
  if (value === '' || /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/.test(value)) return value
  throw new InputError(
    `Input 'gateway-header' must be an HTTP header name such as cf-aig-authorization; got ${quote(value)}.`
  )
}

function parseScan(value: string): ScanMode {
  if (value === '') return 'changed'
  const mode = value.toLowerCase()
  if ((SCAN_MODES as readonly string[]).includes(mode)) return mode as ScanMode
  throw new InputError(`Input 'scan' must be one of ${SCAN_MODES.join(', ')}; got ${quote(value)}.`)
}

function parseFailOn(value: string): ReadonlySet<FailOnValue> {
  const items = parseList(value === '' ? 'key,leak' : value.toLowerCase())
  const unknown = items.filter(item => !(FAIL_ON_VALUES as readonly string[]).includes(item))
  if (unknown.length > 0) {
    throw new InputError(
      `Input 'fail-on' accepts a comma separated list of ${FAIL_ON_VALUES.join(', ')}; ` +
        `unknown: ${unknown.map(quote).join(', ')}.`
    )
  }
  if (items.includes('none') && items.length > 1) {
    const conditions = FAIL_ON_VALUES.filter(item => item !== 'none').join(', ')
    throw new InputError(
      `Input 'fail-on' cannot combine 'none' with other values; use 'none' alone, or any of ${conditions}.`
    )
  }
  return new Set(items.filter(item => item !== 'none') as FailOnValue[])
}

function parseBaseUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(
      `Input 'base-url' must be an http(s) URL such as ${DEFAULT_BASE_URL}; got ${quoteNonUrl(value)}.`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `Input 'base-url' must use https:// (or http:// for a local gateway); got ${quote(`${url.protocol}//${url.host}`)}.`
    )
  }
  if (url.username || url.password) {
    throw new InputError(`Input 'base-url' must not contain credentials; pass the key in 'api-key'.`)
  }
  return url.toString().replace(/\/+$/, '')
}

/** Each entry costs a request per run (and an inference request with `inference-check`). */
export const MAX_REQUIRED_MODELS = 50

/** A model id: provider ids such as `openai/gpt-4o` have segments; none may be empty, `.` or `..`. */
const MODEL_ID = /^[\w.:@+-]{1,128}(\/[\w.:@+-]{1,128}){0,4}$/

function parseRequiredModels(value: string): string[] {
  const models = parseList(value)
  if (models.length > MAX_REQUIRED_MODELS) {
    throw new InputError(
      `Input 'required-models' lists ${models.length} models; at most ${MAX_REQUIRED_MODELS} are checked per run.`
    )
  }
  for (const model of models) {
    if (!MODEL_ID.test(model) || model.split('/').some(segment => segment === '.' || segment === '..')) {
      throw new InputError(
        `Input 'required-models' has ${quote(model)}, which is not a model id (letters, digits and . _ - : @ +, segments separated by /, none of them . or ..).`
      )
    }
  }
  return models
}

function parseTimeout(value: string): number {
  if (value === '') return 10_000
  const seconds = Number(value)
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 300) {
    throw new InputError(
      `Input 'timeout' must be a number of seconds above 0 and at most 300; got ${quote(value)}.`
    )
  }
  return Math.round(seconds * 1000)
}

/** A host name with an optional port and path, such as `api.openai.com/v1`: a URL missing its scheme. */
const HOST_LIKE = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/[\w./-]*)?$/i

/**
 * A `base-url` that is no URL: shown when it is a host name missing its scheme, else redacted whatever its length,
 * since it may be a key pasted into the wrong input.
 */
function quoteNonUrl(value: string): string {
  const trimmed = value.trim()
  return trimmed.length <= 60 && HOST_LIKE.test(trimmed)
    ? JSON.stringify(trimmed)
    : `${JSON.stringify(redact(trimmed))} (redacted)`
}

/** Looks like a key pasted into the wrong input: shown redacted, as every key is. */
const KEY_LIKE = /sk-[\w-]{6,}/g

/** Longer values may be a secret pasted into the wrong input (a gateway key is no `sk-` key): shown redacted. */
const MAX_ECHOED_LENGTH = 24

/** Input values are user data: show them on one line, and never a key or anything longer than a word in full. */
function quote(value: string): string {
  const oneLine = value.replace(/[\r\n]+/g, ' ').trim()
  if (oneLine.length > MAX_ECHOED_LENGTH) return `${JSON.stringify(redact(oneLine))} (redacted)`
  return JSON.stringify(oneLine.replace(KEY_LIKE, key => redact(key)))
}
