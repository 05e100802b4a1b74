/**
 * A range of commits read with git, and by the range's fallback reader when git cannot get them (`scan: changed`
 * has the GitHub REST API: no history, no credentials to fetch it). Whatever none could read is skipped as
 * `incomplete`.
 */
import { rangeLines, type CollectOptions, type GitRangeGap, type RangeFiles } from '../../git/collect.js'
import type { GitHubClientOptions } from '../../github/client.js'
import type { RestOptions, RestRange } from '../../github/rest-fallback.js'
import type { CoverageRecorder } from '../coverage.js'
import type { RepositoryName } from '../revisions.js'
import type { AddedLine } from '../types.js'
import type { RangePlan } from './event-range.js'

/**
 * The REST fallback: the GitHub client's options less the token and the log (the scan's own); without it (or
 * without a token) a range git cannot get is reported as not scanned.
 */
export type GitHubApiOptions = Omit<GitHubClientOptions, 'token' | 'log'> & {
  /** Defaults to the event payload's repository. */
  repository?: RepositoryName
}

type ChangedOptions = CollectOptions & { github?: GitHubApiOptions }

/** Reads the commits git could not get, from elsewhere (registered with its source in ./registry.ts). */
export interface RangeFallback {
  /** Who reads, for the log: "reading it through <reader>". */
  reader: string
  read(
    range: RestRange,
    options: RestOptions,
    coverage: CoverageRecorder,
    label: string
  ): AsyncIterable<AddedLine>
}

/** The plan's commits with git; what git could not get, from the fallback reader when there is one to ask. */
export async function* rangeLinesWithFallback(
  plan: RangePlan,
  options: ChangedOptions,
  coverage: CoverageRecorder,
  read: RangeFiles,
  fallback: RangeFallback | undefined
): AsyncGenerator<AddedLine> {
  const gap = yield* rangeLines(plan, options, coverage, read)
  if (gap === undefined || plan.kind === 'nothing' || plan.kind === 'unplannable') return
  const gitGap = { what: `${plan.label} (git)`, reason: gap.reason, fix: gap.fix }
  const rest = restRangeOf(plan, gap)
  const repository = options.github?.repository ?? plan.repository
  if (!fallback || !rest || !options.github || !options.token || !repository) {
    coverage.skip(gitGap, true)
    return
  }
  options.log?.(`git could not get the range (${gap.reason}); reading it through the ${fallback.reader}`)
  const { apiUrl, requestTimeoutMs, retries, retryDelayMs } = options.github
  yield* fallback.read(
    rest,
    {
      apiUrl,
      token: options.token,
      repository,
      maxLineBytes: options.maxLineBytes,
      requestTimeoutMs,
      retries,
      retryDelayMs,
      log: options.log
    },
    coverage,
    plan.label
  )
  if (coverage.incomplete) coverage.skip(gitGap, true)
}

/** The same commits as the REST API names them, with what git learnt (HEAD, the base that replaced a removed one). */
function restRangeOf(
  plan: Exclude<RangePlan, { kind: 'nothing' | 'unplannable' }>,
  gap: GitRangeGap
): RestRange | undefined {
  switch (plan.kind) {
    case 'last-commit': {
      const head = plan.head ?? gap.head
      return head ? { kind: 'commit', sha: head } : undefined
    }
    case 'range':
      if (gap.comparedWith !== undefined) return { kind: 'compare', base: gap.comparedWith, head: plan.head }
      return plan.pullNumber !== undefined
        ? { kind: 'pull', pullNumber: plan.pullNumber, expectedCommits: plan.expectedCommits }
        : { kind: 'compare', base: plan.base, head: plan.head }
    case 'new-branch':
      return plan.defaultBranch ? { kind: 'compare', base: plan.defaultBranch, head: plan.head } : undefined
  }
}
