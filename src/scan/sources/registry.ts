/**
 * Every source of lines to scan, registered once (like gitleaks' sources): the mode it reports in the coverage,
 * what it covers in the reports' words, and how it opens. The action, the CLI and the reports look a source up
 * here by its mode instead of switching on mode strings.
 *
 * git and the GitHub REST API are adapters (src/git, src/github) that stream lines into the CoverageRecorder a
 * source gives them; they never import each other. A range source reads with git, then with its `fallback` for
 * what git could not get: `changed` (an event's commits, on a runner with a token) has the REST API, the CLI's
 * `range` has none.
 */
import { planRevisionRange, stagedLines, type CollectOptions, type RangeFiles } from '../../git/collect.js'
import { collectHistoryLines, type HistoryScanOptions } from '../../git/history-log.js'
import { collectTreeLines, type TreeOptions } from '../../git/tree.js'
import { restAddedLines } from '../../github/rest-fallback.js'
import { CoverageRecorder, type LineSource } from '../coverage.js'
import type { ScanCoverage, ScanSourceId } from '../types.js'
import { rangeLinesWithFallback, type GitHubApiOptions, type RangeFallback } from './changed.js'
import type { RangePlan } from './event-range.js'

/** What to scan: a source's mode and what that source needs to know. */
export type SourceRequest =
  | { kind: 'working-tree' }
  | { kind: 'all' }
  | { kind: 'staged' }
  /** CLI `--range A..B` (or `A...B`). */
  | { kind: 'range'; range: string }
  /** `ref` defaults to HEAD. */
  | { kind: 'history'; ref?: string }
  | { kind: 'changed'; plan: RangePlan }

/** Where and how the sources read: the checkout, limits and timeouts, and who reads the fixes. */
export type SourceContext = CollectOptions &
  Omit<HistoryScanOptions, 'ref'> &
  Omit<TreeOptions, 'includeUntracked'> & {
    /** The REST API, for a `changed` range git cannot get. */
    github?: GitHubApiOptions
  }

interface ScanSource<Request extends SourceRequest> {
  /** What was scanned, for "Scanned <covers>: 3 files, 1.2 kB." */
  covers(coverage: ScanCoverage): string
  /** Lines not committed yet: a key found there is taken out of the files, and revoked only if it was shared. */
  uncommitted?: boolean
  /** Reads the commits git could not get (a range source only). */
  fallback?: RangeFallback
  /** Every commit reachable from a ref: searching the history again for the configured key adds nothing. */
  wholeHistory?: boolean
  open(request: Request, context: SourceContext): LineSource | Promise<LineSource>
}

type Registry = { [Mode in ScanSourceId]: ScanSource<Extract<SourceRequest, { kind: Mode }>> }

const addedBy = (what: string) => `the lines added by ${what}`
/** What a range source (the CLI's `range`, an event's `changed`) covered. */
const everyCommitOfRange = (coverage: ScanCoverage) =>
  addedBy(`every commit of ${coverage.range ?? 'the range'}`)

const SCAN_SOURCES: Registry = {
  'working-tree': {
    covers: () => 'the working tree (tracked and untracked files, not ignored ones)',
    open: (_, context) =>
      collectTreeLines(
        context.cwd,
        { ...context, includeUntracked: true },
        new CoverageRecorder('working-tree', 'working tree')
      )
  },
  all: {
    covers: () => 'every tracked file',
    open: (_, context) => collectTreeLines(context.cwd, context, new CoverageRecorder('all', 'working tree'))
  },
  staged: {
    covers: () => addedBy('the staged changes'),
    uncommitted: true,
    open(_, context) {
      const coverage = new CoverageRecorder('staged', 'staged changes (git index)', 'staged changes')
      return { lines: stagedLines(context, coverage), coverage: () => coverage.snapshot() }
    }
  },
  range: {
    covers: everyCommitOfRange,
    async open(request, context) {
      const plan = await planRevisionRange(context.cwd, request.range, context.timeoutMs)
      return rangeSource(plan, context, 'range')
    }
  },
  changed: {
    covers: everyCommitOfRange,
    fallback: { reader: 'GitHub REST API', read: restAddedLines },
    open: (request, context) => rangeSource(request.plan, context, 'changed')
  },
  history: {
    covers: coverage => addedBy(`every commit reachable from ${coverage.range ?? 'HEAD'}`),
    wholeHistory: true,
    open: (request, context) =>
      collectHistoryLines(
        { ...context, ref: request.ref },
        new CoverageRecorder('history', 'git', request.ref ?? 'HEAD')
      )
  }
}

/** Opens the source a request names. */
export async function openScanSource(request: SourceRequest, context: SourceContext): Promise<LineSource> {
  const source = SCAN_SOURCES[request.kind] as ScanSource<SourceRequest>
  return source.open(request, context)
}

/** The source a scan's coverage came from. */
export function scanSourceOf(coverage: ScanCoverage): ScanSource<SourceRequest> {
  return SCAN_SOURCES[coverage.mode] as ScanSource<SourceRequest>
}

/** Whether the keys a scan found are only staged (a blocked commit), not in git history yet. */
export function scannedUncommitted(coverage: ScanCoverage | undefined): boolean {
  return coverage !== undefined && scanSourceOf(coverage).uncommitted === true
}

/** A range of commits, read with git and then the mode's fallback: the CLI's (git only) or an event's. */
function rangeSource(plan: RangePlan, context: SourceContext, mode: 'range' | 'changed'): LineSource {
  const coverage = new CoverageRecorder(mode, 'git', plan.label)
  const read: RangeFiles = {}
  return {
    lines: rangeLinesWithFallback(plan, context, coverage, read, SCAN_SOURCES[mode].fallback),
    coverage: () => coverage.snapshot(),
    head: () => read.head,
    base: () => read.base
  }
}
