import { KEY_REJECTED_STATUSES, type FailOnValue, type KeyStatus } from './vocabulary.js'
import { plural } from './words.js'

export interface PolicyInput {
  failOn: ReadonlySet<FailOnValue>
  keyStatus: KeyStatus
  /** `required-models` is set: a restricted key then fails `key` too (pre-deploy gate). */
  requiredModelsSet: boolean
  leaks: number
  liveLeaks: number
  /** The leaks are staged lines (a pre-commit hook), not commits yet. */
  staged?: boolean
  /**
   * What the leak scan could not read: files (too large, unreadable) and whether part of the requested range
   * itself was not scanned (`wholeHistory`: the range is every commit of the history). Either fails `fail-on:
   * leak`: a key there would otherwise pass unseen.
   */
  unscanned?: { files: number; range: boolean; wholeHistory?: boolean }
}

/**
 * What can fail a run: a `fail-on` value (`unscanned`: `fail-on: leak` for what the scan could not read), an output the user asked for that could not be written, or an
 * unexpected error.
 */
export type FailTrigger = Exclude<FailOnValue, 'none'> | 'unscanned' | 'sarif-file' | 'error'

/** One reason a run fails, typed by what triggered it, with its line for the reader. */
export interface FailReason {
  trigger: FailTrigger
  /** e.g. "fail-on key: the key is invalid", "fail-on leak: committed keys found" (the leak section counts them). */
  text: string
}

export interface PolicyDecision {
  fail: boolean
  /** One per fail-on value that triggered. */
  reasons: FailReason[]
}

/** design.md `fail-on`: which outcomes fail the step. `none` adds no condition; `skipped` never fails. */
export function shouldFail(args: PolicyInput): PolicyDecision {
  const reasons: FailReason[] = []
  const add = (trigger: FailTrigger, text: string): void => {
    reasons.push({ trigger, text })
  }
  const { failOn, keyStatus } = args
  if (failOn.has('key')) {
    if (KEY_REJECTED_STATUSES.has(keyStatus)) add('key', `fail-on key: the key is ${keyStatus}`)
    else if (keyStatus === 'restricted' && args.requiredModelsSet) {
      add('key', 'fail-on key: the key is restricted and required-models is set')
    }
  }
  if (failOn.has('quota') && keyStatus === 'no-quota')
    add('quota', 'fail-on quota: the key has no quota or credit')
  if (failOn.has('unreachable') && keyStatus === 'unreachable') {
    add('unreachable', 'fail-on unreachable: the key could not be checked')
  }
  // A staged key is not committed yet (the hook blocks the commit). The count is the leak section's to say
  // (every report has one when keys were found): the reason names the rule and what failed, once.
  const keys = (count: number): string => {
    const kind = args.staged ? 'staged' : 'committed'
    return count === 1 ? `a ${kind} key` : `${kind} keys`
  }
  if (failOn.has('leak') && args.leaks > 0) add('leak', `fail-on leak: ${keys(args.leaks)} found`)
  if (failOn.has('leak') && args.unscanned?.range)
    add(
      'unscanned',
      `fail-on leak: part of the ${args.unscanned.wholeHistory ? 'history' : 'change'} could not be scanned for keys`
    )
  if (failOn.has('leak') && (args.unscanned?.files ?? 0) > 0) {
    add(
      'unscanned',
      `fail-on leak: ${plural(args.unscanned?.files ?? 0, 'file')} could not be scanned for keys`
    )
  }
  if (failOn.has('live-leak') && args.liveLeaks > 0) {
    add('live-leak', `fail-on live-leak: ${keys(args.liveLeaks)} verified live`)
  }
  return { fail: reasons.length > 0, reasons }
}
