/**
 * `command: gather`: every repository of the plan with its result, in one table for the job summary: keys found,
 * live keys, and what was not scanned. Repositories that need a look come first; a repository without a result (its
 * job failed or was cancelled) is listed as such, never counted as clean. Names are escaped: they come from the API.
 */
import { clip, escapeMarkdown } from '../report/escape.js'
import { formatCount, plural } from '../report/format.js'
import type { SweepPlan } from './chunk.js'
import { compareCodeUnits } from '../core/order.js'
import type { SweepResult } from './results.js'

/**
 * The runner refuses a job summary over 1 MiB: rows that would take the table past this many bytes are left out
 * (the least urgent, clean repositories first) and counted instead.
 */
export const SUMMARY_BUDGET_BYTES = 900 * 1024

export const FAIL_ON = ['leak', 'live-leak', 'incomplete', 'none'] as const
export type FailOn = (typeof FAIL_ON)[number]

export interface SweepTotals {
  repositories: number
  withKeys: number
  keys: number
  liveKeys: number
  /** Scanned, but not the whole history; or not scanned at all; or no result. */
  notFullyScanned: number
}

interface Row {
  repository: string
  result: SweepResult | undefined
}

export function gatherTotals(plan: SweepPlan, results: readonly SweepResult[]): SweepTotals {
  const rows = rowsOf(plan, results)
  return {
    repositories: rows.length,
    withKeys: rows.filter(row => (row.result?.leakCount ?? 0) > 0).length,
    keys: rows.reduce((total, row) => total + (row.result?.leakCount ?? 0), 0),
    liveKeys: rows.reduce((total, row) => total + (row.result?.liveLeakCount ?? 0), 0),
    notFullyScanned: rows.filter(row => !fullyScanned(row.result)).length
  }
}

export function gatherSummary(plan: SweepPlan, results: readonly SweepResult[]): string {
  const rows = rowsOf(plan, results).sort(byAttention)
  const totals = gatherTotals(plan, results)
  const organization = escapeMarkdown(plan.organization)
  const lines = [
    `## OpenAI Key Doctor: sweep of ${organization}`,
    '',
    `${plural(totals.repositories, 'repository', 'repositories')}: ` +
      `${formatCount(totals.withKeys)} with committed keys (${plural(totals.keys, 'key')}, ${formatCount(totals.liveKeys)} live), ` +
      `${formatCount(totals.notFullyScanned)} not fully scanned.`,
    ''
  ]
  if (rows.length === 0) return `${lines.join('\n')}\n`
  lines.push('| Repository | Keys found | Live keys | Not fully scanned |', '| --- | ---: | ---: | --- |')
  let bytes = Buffer.byteLength(lines.join('\n'))
  let shown = 0
  for (const row of rows) {
    const line = tableRow(row)
    bytes += Buffer.byteLength(line) + 1
    if (bytes > SUMMARY_BUDGET_BYTES) break
    lines.push(line)
    shown++
  }
  if (shown < rows.length)
    lines.push(
      '',
      `${plural(rows.length - shown, 'more repository', 'more repositories')} left out of this table (the ` +
        'least urgent); every result is in the `okd-sweep-results-*` artifacts.'
    )
  return `${lines.join('\n')}\n`
}

/** Why the sweep fails under `fail-on`, one sentence each; empty when it passes. */
export function failReasons(totals: SweepTotals, failOn: readonly FailOn[]): string[] {
  const reasons: string[] = []
  if (failOn.includes('leak') && totals.keys > 0)
    reasons.push(
      `${plural(totals.keys, 'committed key')} found in ${plural(totals.withKeys, 'repository', 'repositories')} (fail-on: leak).`
    )
  if (failOn.includes('live-leak') && totals.liveKeys > 0)
    reasons.push(`${plural(totals.liveKeys, 'live committed key')} found (fail-on: live-leak).`)
  if (failOn.includes('incomplete') && totals.notFullyScanned > 0)
    reasons.push(
      `${plural(totals.notFullyScanned, 'repository was', 'repositories were')} not fully scanned (fail-on: incomplete).`
    )
  return reasons
}

function rowsOf(plan: SweepPlan, results: readonly SweepResult[]): Row[] {
  const byName = new Map(results.map(result => [result.repository, result]))
  const planned = plan.jobs.flat()
  const inPlan = new Set(planned)
  const unplanned = results.filter(result => !inPlan.has(result.repository)).map(result => result.repository)
  return [...planned, ...unplanned].map(repository => ({ repository, result: byName.get(repository) }))
}

function fullyScanned(result: SweepResult | undefined): boolean {
  return result !== undefined && result.error === null && result.notScanned.length === 0
}

/** Live keys first, then keys, then gaps, then by name. */
function byAttention(a: Row, b: Row): number {
  return (
    (b.result?.liveLeakCount ?? 0) - (a.result?.liveLeakCount ?? 0) ||
    (b.result?.leakCount ?? 0) - (a.result?.leakCount ?? 0) ||
    Number(fullyScanned(a.result)) - Number(fullyScanned(b.result)) ||
    compareCodeUnits(a.repository, b.repository)
  )
}

function tableRow({ repository, result }: Row): string {
  const cells = [escapeMarkdown(repository)]
  if (result === undefined) cells.push('—', '—', 'no result: its scan job did not finish')
  else if (result.error !== null)
    cells.push('—', '—', `not scanned: ${escapeMarkdown(clip(result.error, 300))}`)
  else
    cells.push(
      formatCount(result.leakCount ?? 0),
      result.liveLeakCount === null ? 'not checked' : formatCount(result.liveLeakCount),
      result.notScanned.length === 0 ? 'no' : escapeMarkdown(clip(result.notScanned.join('; '), 300))
    )
  return `| ${cells.join(' | ')} |`
}
