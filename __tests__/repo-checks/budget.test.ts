/** The repository checks' budget: a clock it is given decides when time is up (no timed test), and caps. */
import { afterAll, describe, expect, it } from '@jest/globals'
import { CheckBudget } from '../../src/repo-checks/budget.js'
import { runRepoChecks } from '../../src/repo-checks/index.js'
import { TempTrees } from './temp-tree.js'

const trees = new TempTrees()
afterAll(() => trees.removeAll())

/** A clock that moves one millisecond each time it is read. */
function tickingClock(): () => number {
  let now = 0
  return () => now++
}

describe('CheckBudget', () => {
  it('hands out items while time lasts, then stops and records the cut', () => {
    const budget = new CheckBudget(3, tickingClock())
    expect([...budget.take([1, 2, 3, 4, 5, 6])]).toEqual([1, 2, 3])
    expect(budget.cuts()).toEqual([
      { limit: 'time', detail: 'their time budget ran out before every file was checked' }
    ])
  })

  it('caps a list and says how many there were', () => {
    const budget = new CheckBudget()
    expect(budget.cap([1, 2, 3], 3, 'names')).toEqual([1, 2, 3])
    expect(budget.cuts()).toEqual([])
    expect(budget.cap([1, 2, 3, 4], 2, 'names')).toEqual([1, 2])
    expect(budget.cuts()).toEqual([{ limit: 'names', detail: 'only the first 2 names were compared (of 4)' }])
  })
})

describe('runRepoChecks with a spent budget', () => {
  it('says the repository was not fully checked because the time ran out', async () => {
    const workspace = trees.create({
      'requirements.txt': 'openai==0.28.1\n',
      'app.py': 'import openai\nopenai.ChatCompletion.create()\n'
    })
    const result = await runRepoChecks(workspace, { budget: new CheckBudget(0, tickingClock()) })
    expect(result.notFullyChecked.map(cut => cut.limit)).toEqual(['time'])
    expect(result.checkedLibraries).toBe(true)
  })
})
