/** The `key-status` and `cause` vocabulary of design.md. Users key their workflows off these exact strings. */
export const KEY_STATUSES = [
  'valid',
  'invalid',
  'misconfigured',
  'restricted',
  'no-quota',
  'malformed',
  'missing',
  'skipped',
  'unchecked',
  'unreachable'
] as const
export type KeyStatus = (typeof KEY_STATUSES)[number]

/** A key that needs nothing more than a line: it works, was not checked live, or was skipped on purpose. */
export const KEY_FINE_STATUSES: ReadonlySet<KeyStatus> = new Set(['valid', 'unchecked', 'skipped'])

/** A key the API (or the format check) rejected: what `fail-on: key` fails on and the 401 checklist explains. */
export const KEY_REJECTED_STATUSES: ReadonlySet<KeyStatus> = new Set([
  'invalid',
  'misconfigured',
  'malformed',
  'missing'
])

export const CAUSE_CODES = [
  'none',
  'invalid-api-key',
  'account-deactivated',
  'no-organization',
  'access-terminated',
  'wrong-credential',
  'project-archived',
  'organization-mismatch',
  'unknown-organization',
  'project-mismatch',
  'auth-header-stripped',
  'ip-not-authorized',
  'unsupported-region',
  'gateway-auth-failed',
  'auth-scheme-mismatch',
  'endpoint-not-found',
  'missing-scopes',
  'model-not-accessible',
  'insufficient-quota',
  'billing-not-active',
  'whitespace',
  'quotes',
  'placeholder',
  'bearer-prefix',
  'env-assignment',
  'not-openai-key',
  'unknown-format',
  'missing-secret',
  'fork-pull-request',
  'dependabot',
  'timeout',
  'network-error',
  'server-error',
  'rate-limited',
  'request-blocked'
] as const
export type Cause = (typeof CAUSE_CODES)[number]

export type KeyType = 'user' | 'project' | 'service-account' | 'admin' | 'unknown'

export const FAIL_ON_VALUES = ['key', 'leak', 'live-leak', 'quota', 'unreachable', 'none'] as const
export type FailOnValue = (typeof FAIL_ON_VALUES)[number]

export const SCAN_MODES = ['changed', 'all', 'history', 'none'] as const
export type ScanMode = (typeof SCAN_MODES)[number]
