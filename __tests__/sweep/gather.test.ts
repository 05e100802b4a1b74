import { describe, expect, it } from '@jest/globals'
import { gatherSummary, gatherTotals, SUMMARY_BUDGET_BYTES } from '../../src/sweep/gather.js'
import type { SweepResult } from '../../src/sweep/results.js'

const names = (count: number) =>
  Array.from({ length: count }, (_, index) => `acme/repo-${String(index).padStart(5, '0')}`)

describe('gatherSummary', () => {
  it('stays under the job summary limit for a large organization, keeping the repositories that need a look', () => {
    const repositories = names(20_000)
    const results: SweepResult[] = repositories.map((repository, index) => ({
      sweepResult: 1,
      repository,
      leakCount: index % 1000 === 0 ? 2 : 0,
      liveLeakCount: index % 1000 === 0 ? 1 : 0,
      notScanned: index % 3 === 0 ? [`history of ${'.'.repeat(400)}: not scanned`] : [],
      error: null
    }))
    const plan = { sweepPlan: 1 as const, organization: 'acme', jobs: [repositories] }
    const summary = gatherSummary(plan, results)
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES + 500)
    const shown = summary.split('\n').filter(line => line.startsWith('| acme'))
    expect(shown.slice(0, 20).every(line => line.includes('| 2 | 1 |'))).toBe(true)
    expect(summary).toContain(
      `${(20_000 - shown.length).toLocaleString('en-US')} more repositories left out of this table`
    )
    expect(gatherTotals(plan, results)).toMatchObject({
      repositories: 20_000,
      withKeys: 20,
      keys: 40,
      liveKeys: 20
    })
  })
})
