/** Small pieces every provider module uses: URLs under `base-url`, verdicts, JWT shapes. */
import type { Cause, KeyStatus } from '../core/vocabulary.js'
import type { ErrorAnswer, ProviderRequest, Verdict } from './types.js'

/** `{base}/{path}`, keeping the base's path and query (gateways need some), dropping any fragment. */
export function under(baseUrl: URL, path: string): URL {
  const url = new URL(baseUrl)
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`
  url.hash = ''
  return url
}

export function get(url: URL): ProviderRequest {
  return { url }
}

/** A verdict whose detail restates its cause's explanation, plus the `facts` it adds, if any. */
export function verdict(status: KeyStatus, cause: Cause, detail: string, facts?: string): Verdict {
  return { status, cause, detail, ...(facts ? { facts } : {}) }
}

/** A verdict whose detail is all news to its cause's explanation: the verdict's cause appends it whole. */
export function verdictAdding(status: KeyStatus, cause: Cause, detail: string): Verdict {
  return { status, cause, detail, facts: detail }
}

/** A JSON Web Token (`eyJ….….…`): an OAuth or Entra ID access token, not an API key. */
export function isJwt(value: string): boolean {
  return /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/.test(value)
}

/** The smallest chat request: a few input tokens, one output token. */
export function chatCompletion(
  url: URL,
  model: string,
  tokenLimit: 'max_tokens' | 'max_completion_tokens'
): ProviderRequest {
  return {
    url,
    body: { model, messages: [{ role: 'user', content: 'Say OK' }], [tokenLimit]: 1 }
  }
}

/** The answer's `code` or `type` is one of these. */
export function codeOrType(answer: ErrorAnswer, ...values: string[]): boolean {
  return values.includes(answer.code) || values.includes(answer.type)
}
