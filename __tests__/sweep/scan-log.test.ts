/**
 * The scan job's log line per repository (describeResult), as the runner reads it: what a result says comes
 * from the swept repository (its history's paths and git's messages about it) and from the git server, so no
 * part of the line may become a workflow command, at the start of a line or (legacy `##[`) anywhere in it.
 */
import { describe, expect, it } from '@jest/globals'
import { describeResult } from '../../src/sweep/scan.js'
import type { SweepResult } from '../../src/sweep/results.js'
import { commandsIn } from '../report/runner-commands.js'

const HOSTILE = [
  'vendor/lib\n::warning title=pwned::forged annotation',
  'x ##[set-output name=live-keys;]0',
  '\r::add-mask::hide-the-next-line',
  'a\u2028::stop-commands::end'
]

const result = (fields: Partial<SweepResult>): SweepResult => ({
  sweepResult: 1,
  repository: 'acme/api',
  leakCount: 1,
  liveLeakCount: 0,
  notScanned: [],
  error: null,
  ...fields
})

describe('describeResult', () => {
  it('keeps what was not scanned in one inert line', () => {
    const line = describeResult(result({ notScanned: HOSTILE.map(text => `${text}: submodule`) }))
    expect(commandsIn(line)).toEqual([])
    expect(line.split(/\r\n|\r|\n/)).toHaveLength(1)
    expect(line).toMatch(/^acme\/api: 1 key found; not fully scanned: vendor\/lib/)
  })

  it('keeps an error and a hostile repository name inert too', () => {
    for (const text of HOSTILE) {
      const line = describeResult(result({ repository: text, leakCount: null, error: text }))
      expect({ text, commands: commandsIn(line) }).toEqual({ text, commands: [] })
      expect(line.split(/\r\n|\r|\n/)).toHaveLength(1)
    }
  })
})
