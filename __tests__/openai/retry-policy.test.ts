import { describe, expect, it } from '@jest/globals'
import { waitingWontHelp } from '../../src/core/classify.js'
import { openai } from '../../src/providers/openai.js'
import { decideRetry, retryAfterMs, type AttemptResult } from '../../src/openai/retry-policy.js'
import {
  ACCESS_TERMINATED,
  BILLING_NOT_ACTIVE,
  CREDIT_BALANCE_EXHAUSTED,
  INSUFFICIENT_QUOTA,
  INVALID_API_KEY,
  PROXY_HTML_502,
  RATE_LIMIT_EXCEEDED
} from '../fixtures/openai-bodies.js'

const NOW = Date.parse('2026-03-01T12:00:00Z')
const limits = { maxRetryAfterMs: 10_000, random: () => 0, now: () => NOW }

function response(status: number, body = '', headers: Record<string, string> = {}): AttemptResult {
  return { kind: 'response', status, body, headers }
}

describe('waitingWontHelp (a 429 that waiting does not clear, by the provider rules)', () => {
  it.each([
    ['insufficient_quota', INSUFFICIENT_QUOTA.body],
    ['credit_balance_exhausted', CREDIT_BALANCE_EXHAUSTED.body],
    ['billing_not_active', BILLING_NOT_ACTIVE.body],
    ['access_terminated with code null', ACCESS_TERMINATED.body],
    [
      'project_spend_limit_exceeded',
      '{"error":{"message":"limit","type":"insufficient_quota","param":null,"code":"project_spend_limit_exceeded"}}'
    ],
    [
      'the 2023 quota body with code null and no type marker',
      '{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"requests","param":null,"code":null}}'
    ]
  ])('recognises %s', (_name, body) => {
    expect(waitingWontHelp(429, body, openai)).toBe(true)
  })

  it.each([
    ['rate_limit_exceeded', RATE_LIMIT_EXCEEDED.body],
    [
      'slow_down',
      '{"error":{"message":"Please slow down","type":"rate_limit_error","param":null,"code":"slow_down"}}'
    ],
    ['an HTML page', PROXY_HTML_502.body],
    ['an empty body', ''],
    ['a JSON array', '[1,2]'],
    ['a string error', '{"error":"Too many requests"}']
  ])('does not mistake %s for quota', (_name, body) => {
    expect(waitingWontHelp(429, body, openai)).toBe(false)
  })
})

describe('retryAfterMs', () => {
  it('prefers retry-after-ms over retry-after', () => {
    expect(retryAfterMs({ 'retry-after-ms': '1500.2', 'retry-after': '30' }, NOW)).toBe(1501)
  })

  it('reads seconds, fractional seconds and an HTTP-date', () => {
    expect(retryAfterMs({ 'retry-after': '20' }, NOW)).toBe(20_000)
    expect(retryAfterMs({ 'retry-after': '0.5' }, NOW)).toBe(500)
    expect(retryAfterMs({ 'retry-after': 'Sun, 01 Mar 2026 12:00:07 GMT' }, NOW)).toBe(7000)
  })

  it('treats a date in the past as no wait and garbage as absent', () => {
    expect(retryAfterMs({ 'retry-after': 'Sun, 01 Mar 2026 11:00:00 GMT' }, NOW)).toBe(0)
    expect(retryAfterMs({ 'retry-after': 'soon' }, NOW)).toBeUndefined()
    expect(retryAfterMs({ 'retry-after': '-5' }, NOW)).toBeUndefined()
    expect(retryAfterMs({}, NOW)).toBeUndefined()
  })
})

describe('decideRetry', () => {
  it.each([400, 401, 403, 404, 408, 409, 422])('never retries a %i', status => {
    expect(decideRetry(response(status, INVALID_API_KEY.body), 1, limits)).toEqual({ retry: false })
  })

  it.each([500, 502, 503, 504, 529])('retries a %i with backoff', status => {
    expect(decideRetry(response(status), 1, limits)).toEqual({ retry: true, waitMs: 500 })
  })

  it('doubles the backoff per retry, subtracts up to 25 % jitter, and never exceeds 8 s', () => {
    expect(decideRetry({ kind: 'timeout' }, 2, limits)).toEqual({ retry: true, waitMs: 1000 })
    expect(decideRetry({ kind: 'timeout' }, 2, { ...limits, random: () => 0.999 })).toEqual({
      retry: true,
      waitMs: 750
    })
    expect(decideRetry({ kind: 'timeout' }, 10, limits)).toEqual({ retry: true, waitMs: 8000 })
    expect(decideRetry({ kind: 'timeout' }, 10, { ...limits, maxRetryAfterMs: 3000 })).toEqual({
      retry: true,
      waitMs: 3000
    })
  })

  it('honours retry-after on a 503 and gives up when it is beyond the cap', () => {
    expect(decideRetry(response(503, '', { 'retry-after': '4' }), 1, limits)).toEqual({
      retry: true,
      waitMs: 4000
    })
    expect(decideRetry(response(503, '', { 'retry-after': '11' }), 1, limits)).toEqual({ retry: false })
  })

  it('retries transient connection errors and not TLS or proxy refusals', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET']) {
      expect(decideRetry({ kind: 'network-error', code, message: code }, 1, limits).retry).toBe(true)
    }
    for (const code of ['CERT_HAS_EXPIRED', 'PROXY_ERROR', 'INVALID_HEADER']) {
      expect(decideRetry({ kind: 'network-error', code, message: code }, 1, limits).retry).toBe(false)
    }
  })
})
