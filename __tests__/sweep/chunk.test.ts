import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { chunkRepositories, MATRIX_JOB_LIMIT, matrixOf } from '../../src/sweep/chunk.js'
import type { ListedRepository } from '../../src/sweep/list-repositories.js'

const repos = (count: number, sizeKb = (index: number) => index): ListedRepository[] =>
  Array.from({ length: count }, (_, index) => ({
    fullName: `acme/r${String(index).padStart(4, '0')}`,
    sizeKb: sizeKb(index)
  }))

describe('chunkRepositories', () => {
  it('gives each repository its own job while they fit in one matrix', () => {
    const jobs = chunkRepositories(repos(3), MATRIX_JOB_LIMIT)
    expect(jobs).toEqual([['acme/r0000'], ['acme/r0001'], ['acme/r0002']])
  })

  it('puts several repositories in a job past 256, never more than 256 jobs', () => {
    const jobs = chunkRepositories(
      repos(600, () => 10),
      MATRIX_JOB_LIMIT
    )
    expect(jobs).toHaveLength(256)
    expect(jobs.flat().sort()).toEqual(repos(600).map(repo => repo.fullName))
    // Equal sizes: balanced by count, 600 = 88 jobs of 3 and 168 of 2.
    expect(jobs.map(job => job.length).sort()).toEqual([...Array(168).fill(2), ...Array(88).fill(3)])
  })

  it('balances by size: the largest repositories go to different jobs', () => {
    const sizes: Record<string, number> = { 'acme/big': 900, 'acme/huge': 1000, 'acme/a': 100, 'acme/b': 100 }
    const listed = Object.entries(sizes).map(([fullName, sizeKb]) => ({ fullName, sizeKb }))
    const jobs = chunkRepositories(listed, 2)
    // huge, big, then a to the lighter job (big's), then b to the job with fewer on a tie of 1000 KB.
    expect(jobs).toEqual([
      ['acme/a', 'acme/big'],
      ['acme/b', 'acme/huge']
    ])
  })

  it('spreads repositories of size 0 evenly instead of piling them on one job', () => {
    const jobs = chunkRepositories(
      repos(10, () => 0),
      4
    )
    expect(jobs.map(job => job.length).sort()).toEqual([2, 2, 3, 3])
  })

  it('makes no job for no repositories', () => {
    expect(chunkRepositories([], 256)).toEqual([])
    expect(matrixOf({ sweepPlan: 1, organization: 'acme', jobs: [] })).toEqual({ include: [] })
  })

  it.each([0, 257, 1.5, Number.NaN])('refuses max-jobs %p', maxJobs => {
    expect(() => chunkRepositories(repos(3), maxJobs)).toThrow(
      'max-jobs must be a whole number from 1 to 256'
    )
  })

  it('covers every repository exactly once, in at most max-jobs non-empty jobs', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ fullName: fc.string({ minLength: 1 }), sizeKb: fc.nat(10_000) }), {
          selector: repo => repo.fullName,
          maxLength: 300
        }),
        fc.integer({ min: 1, max: 256 }),
        (listed, maxJobs) => {
          const jobs = chunkRepositories(listed, maxJobs)
          expect(jobs).toHaveLength(Math.min(maxJobs, listed.length))
          expect(jobs.every(job => job.length > 0)).toBe(true)
          expect(jobs.flat().sort()).toEqual(listed.map(repo => repo.fullName).sort())
        }
      )
    )
  })
})

describe('matrixOf', () => {
  it('numbers the jobs from 1 and labels each with its first repository and how many more', () => {
    const matrix = matrixOf({
      sweepPlan: 1,
      organization: 'acme',
      jobs: [['acme/api'], ['acme/a', 'acme/b', 'acme/c']]
    })
    expect(matrix).toEqual({
      include: [
        { job: 1, label: 'acme/api' },
        { job: 2, label: 'acme/a and 2 more' }
      ]
    })
  })

  it('keeps labels on one line whatever a name holds', () => {
    const matrix = matrixOf({ sweepPlan: 1, organization: 'acme', jobs: [['acme/x\n::error::boom']] })
    expect(matrix.include[0].label).not.toContain('\n')
  })
})
