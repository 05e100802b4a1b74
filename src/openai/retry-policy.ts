/**
 * When a probe may be repeated and how long to wait first. Pure: the HTTP client feeds it what one
 * attempt produced. Quota, billing and policy 429s look like rate limits but never clear by waiting
 * (openai-errors.md §2.12), so they are answered at once instead of costing retries; which 429s those are
 * is the provider's rules' decision (src/providers/), not a second list here.
 */
import { waitingWontHelp } from '../core/classify.js'
import { openai } from '../providers/openai.js'
import type { Provider } from '../providers/types.js'

/** Connection failures worth another attempt; anything else (TLS, proxy refusal, bad header) is not transient. */
const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED'
])

const INITIAL_BACKOFF_MS = 500
const MAX_BACKOFF_MS = 8000

/** What one attempt produced, as far as the retry decision cares. */
export type AttemptResult =
  | { kind: 'response'; status: number; body: string; headers: Record<string, string | string[] | undefined> }
  | { kind: 'timeout' }
  | { kind: 'network-error'; code: string; message: string }

export type RetryDecision = { retry: false } | { retry: true; waitMs: number }

export interface RetryLimits {
  /** Longest wait accepted from `retry-after`; a longer demand ends the probe instead of stalling the step. */
  maxRetryAfterMs: number
  /** In [0, 1); injected so tests can pin the jitter. */
  random: () => number
  now: () => number
}

/** `retryNumber` counts from 1 (the wait before the second attempt). */
export function decideRetry(
  result: AttemptResult,
  retryNumber: number,
  limits: RetryLimits,
  provider: Provider = openai
): RetryDecision {
  if (result.kind === 'timeout') return backoff(retryNumber, limits)
  if (result.kind === 'network-error') {
    return TRANSIENT_NETWORK_CODES.has(result.code) ? backoff(retryNumber, limits) : { retry: false }
  }
  if (waitingWontHelp(result.status, result.body, provider)) return { retry: false }
  if (result.status !== 429 && result.status < 500) return { retry: false }

  const demandedMs = retryAfterMs(result.headers, limits.now())
  if (demandedMs === undefined) return backoff(retryNumber, limits)
  if (demandedMs > limits.maxRetryAfterMs) return { retry: false }
  return { retry: true, waitMs: demandedMs }
}

/**
 * The server's requested wait: `retry-after-ms` (OpenAI, non-standard) first, then `retry-after` as
 * seconds or an HTTP-date. Undefined when absent or unreadable.
 */
export function retryAfterMs(
  headers: Record<string, string | string[] | undefined>,
  nowMs: number
): number | undefined {
  const milliseconds = Number.parseFloat(firstValue(headers['retry-after-ms']) ?? '')
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return Math.ceil(milliseconds)

  const retryAfter = firstValue(headers['retry-after'])?.trim()
  if (!retryAfter) return undefined
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number.parseFloat(retryAfter) * 1000)
  // An HTTP-date always names a day and month; without letters, Date.parse would read "-5" as a year.
  const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}

function backoff(retryNumber: number, limits: RetryLimits): RetryDecision {
  const exponential = Math.min(INITIAL_BACKOFF_MS * 2 ** (retryNumber - 1), MAX_BACKOFF_MS)
  const jittered = exponential * (1 - 0.25 * limits.random())
  return { retry: true, waitMs: Math.round(Math.min(jittered, limits.maxRetryAfterMs)) }
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
