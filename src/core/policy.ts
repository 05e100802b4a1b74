import type { FailOnValue, KeyStatus } from './vocabulary.js'

export interface PolicyInput {
  failOn: ReadonlySet<FailOnValue>
  keyStatus: KeyStatus
  /** `required-models` is set: a restricted key then fails `key` too (pre-deploy gate). */
  requiredModelsSet: boolean
  leaks: number
  liveLeaks: number
}

export interface PolicyDecision {
  fail: boolean
  /** One line per fail-on value that triggered, e.g. "fail-on key: the key is invalid". */
  reasons: string[]
}

const KEY_FAILURES: ReadonlySet<KeyStatus> = new Set(['invalid', 'misconfigured', 'malformed', 'missing'])

/** design.md `fail-on`: which outcomes fail the step. `none` adds no condition; `skipped` never fails. */
export function shouldFail(args: PolicyInput): PolicyDecision {
  const reasons: string[] = []
  const { failOn, keyStatus } = args
  if (failOn.has('key')) {
    if (KEY_FAILURES.has(keyStatus)) reasons.push(`fail-on key: the key is ${keyStatus}`)
    else if (keyStatus === 'restricted' && args.requiredModelsSet) {
      reasons.push('fail-on key: the key is restricted and required-models is set')
    }
  }
  if (failOn.has('quota') && keyStatus === 'no-quota')
    reasons.push('fail-on quota: the key has no quota or credit')
  if (failOn.has('unreachable') && keyStatus === 'unreachable') {
    reasons.push('fail-on unreachable: the key could not be checked')
  }
  if (failOn.has('leak') && args.leaks > 0)
    reasons.push(`fail-on leak: ${plural(args.leaks, 'committed key')} found`)
  if (failOn.has('live-leak') && args.liveLeaks > 0) {
    reasons.push(`fail-on live-leak: ${plural(args.liveLeaks, 'committed key')} verified live`)
  }
  return { fail: reasons.length > 0, reasons }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
