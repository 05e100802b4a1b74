/**
 * Which commits a run must scan, decided from the event payload alone (pure, no I/O).
 *
 * Payload values are hostile: every SHA is checked by `isSha` and every branch name against a
 * conservative pattern before it can reach a git command line; anything else makes the plan say so.
 */

import { isSha, shortSha, type RepositoryName, type Sha } from '../revisions.js'

const ZERO_SHA_PATTERN = /^0+$/
const OWNER_OR_REPO_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/

interface PlanCommon {
  /** The event name, e.g. "pull_request", or "cli". */
  trigger: string
  /** Human description for the coverage line, with short SHAs, e.g. "pull_request #12 1a2b3c4..5d6e7f8". */
  label: string
  repository?: RepositoryName
}

/** Every commit reachable from `head` and not from `base` (git's `base..head`). */
export interface CommitRangePlan extends PlanCommon {
  kind: 'range'
  base: Sha
  head: Sha
  /** Commit count the event announces (PR `commits`, push `commits.length`): a fetch-depth hint only. */
  expectedCommits?: number
  pullNumber?: number
  /** A forced push: `base` may be unrelated to `head` or gone from the server. */
  forced: boolean
  /** Compared against when `base` cannot be obtained (force-pushed away): the default branch. */
  fallbackBranch?: string
}

/** A push that created a branch (all-zero `before`): the commits of `head` that are not on `defaultBranch`. */
export interface NewBranchPlan extends PlanCommon {
  kind: 'new-branch'
  head: Sha
  /** Undefined when the push created the default branch itself (first push of a repository): scan all of `head`. */
  defaultBranch?: string
  expectedCommits?: number
}

/** One commit: the last one (`workflow_dispatch`, `schedule`, ... with `scan: changed`). */
export interface LastCommitPlan extends PlanCommon {
  kind: 'last-commit'
  /** Undefined: whatever HEAD is. */
  head?: Sha
}

/** The event cannot have added anything (a branch deletion). */
export interface NothingToScanPlan extends PlanCommon {
  kind: 'nothing'
  reason: string
}

/** The payload lacks what the event needs, or carries values that are not what they claim to be. */
export interface UnplannablePlan extends PlanCommon {
  kind: 'unplannable'
  reason: string
  fix: string
}

export type RangePlan = CommitRangePlan | NewBranchPlan | LastCommitPlan | NothingToScanPlan | UnplannablePlan

export interface ScanEvent {
  name: string
  // The webhook payload is untyped JSON from the runner: every field is checked before use.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: any
  /** GITHUB_SHA. */
  sha?: string
}

/**
 * A branch name safe to put on a git command line: a strict subset of git's check-ref-format (ASCII letters,
 * digits, `._/-`, no `..`, `//`, `@{`, no leading `-`, `.` or `/`, no trailing `/`, `.` or `.lock`).
 */
export function isSafeBranchName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= 255 &&
    /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(value) &&
    !value.includes('..') &&
    !value.includes('//') &&
    !value.includes('/.') &&
    !value.endsWith('/') &&
    !value.endsWith('.') &&
    !value.endsWith('.lock')
  )
}

/** `scan: changed`: the commits the event brought. */
export function planScanRange(event: ScanEvent): RangePlan {
  const payload: unknown = event.payload
  const trigger = String(event.name)
  const repository = repositoryOf(payload)
  const common = { trigger, repository }

  switch (trigger) {
    case 'pull_request':
    case 'pull_request_target':
      return planPullRequest(field(payload, 'pull_request'), common)
    case 'push':
      return planPush(payload, common)
    case 'merge_group':
      return planMergeGroup(field(payload, 'merge_group'), common)
    default:
      return planLastCommit(event.sha, common)
  }
}

type Common = { trigger: string; repository?: RepositoryName }

function planPullRequest(pr: unknown, common: Common): RangePlan {
  const base = field(field(pr, 'base'), 'sha')
  const head = field(field(pr, 'head'), 'sha')
  const number = field(pr, 'number')
  if (!isSha(base) || !isSha(head)) {
    return unplannable(common, 'the event payload has no valid pull_request.base.sha / head.sha')
  }
  const pullNumber = isPositiveInteger(number) ? number : undefined
  const pr_ = pullNumber === undefined ? '' : ` #${pullNumber}`
  return {
    kind: 'range',
    ...common,
    label: `${common.trigger}${pr_} ${shortSha(base)}..${shortSha(head)}`,
    base,
    head,
    pullNumber,
    expectedCommits: countHint(field(pr, 'commits')),
    forced: false
  }
}

function planPush(payload: unknown, common: Common): RangePlan {
  const ref = field(payload, 'ref')
  const refLabel = typeof ref === 'string' && isSafeBranchName(ref) ? ` ${ref}` : ''
  if (field(payload, 'deleted') === true) {
    return {
      kind: 'nothing',
      ...common,
      label: `push${refLabel}: deletion`,
      reason: 'the push deleted a branch or tag, so it added no lines'
    }
  }
  const before = field(payload, 'before')
  const after = field(payload, 'after')
  if (!isSha(after)) return unplannable(common, 'the push event payload has no valid `after` SHA')
  const commits = field(payload, 'commits')
  const expectedCommits = Array.isArray(commits) ? commits.length : undefined
  const defaultBranch = field(field(payload, 'repository'), 'default_branch')
  const safeDefault = isSafeBranchName(defaultBranch) ? defaultBranch : undefined

  if (typeof before === 'string' && ZERO_SHA_PATTERN.test(before)) {
    const createsDefault = safeDefault === undefined || ref === `refs/heads/${safeDefault}`
    return {
      kind: 'new-branch',
      ...common,
      label: createsDefault
        ? `push${refLabel} (first push): every commit of ${shortSha(after)}`
        : `push${refLabel} (new branch): ${safeDefault}..${shortSha(after)}`,
      head: after,
      defaultBranch: createsDefault ? undefined : safeDefault,
      expectedCommits
    }
  }
  if (!isSha(before)) return unplannable(common, 'the push event payload has no valid `before` SHA')
  if (before === after) {
    return {
      kind: 'last-commit',
      ...common,
      label: `push${refLabel}: last commit ${shortSha(after)}`,
      head: after
    }
  }
  const forced = field(payload, 'forced') === true
  return {
    kind: 'range',
    ...common,
    label: `push${refLabel}${forced ? ' (forced)' : ''} ${shortSha(before)}..${shortSha(after)}`,
    base: before,
    head: after,
    expectedCommits,
    forced,
    fallbackBranch: safeDefault
  }
}

function planMergeGroup(group: unknown, common: Common): RangePlan {
  const base = field(group, 'base_sha')
  const head = field(group, 'head_sha')
  if (!isSha(base) || !isSha(head)) {
    return unplannable(common, 'the event payload has no valid merge_group.base_sha / head_sha')
  }
  return {
    kind: 'range',
    ...common,
    label: `merge_group ${shortSha(base)}..${shortSha(head)}`,
    base,
    head,
    forced: false
  }
}

function planLastCommit(sha: string | undefined, common: Common): LastCommitPlan {
  const head = isSha(sha) ? sha : undefined
  return {
    kind: 'last-commit',
    ...common,
    label: `${common.trigger}: last commit ${head ? shortSha(head) : 'HEAD'}`,
    head
  }
}

function unplannable(common: Common, reason: string): UnplannablePlan {
  return {
    kind: 'unplannable',
    ...common,
    label: `${common.trigger}: range unknown`,
    reason,
    fix: 'run the action on a genuine GitHub event, or use `scan: all` to scan the whole tree'
  }
}

function repositoryOf(payload: unknown): RepositoryName | undefined {
  const fullName = field(field(payload, 'repository'), 'full_name')
  if (typeof fullName !== 'string') return undefined
  const [owner, repo, extra] = fullName.split('/')
  if (
    extra !== undefined ||
    !OWNER_OR_REPO_PATTERN.test(owner ?? '') ||
    !OWNER_OR_REPO_PATTERN.test(repo ?? '')
  ) {
    return undefined
  }
  return { owner, repo }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

function countHint(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined
}
