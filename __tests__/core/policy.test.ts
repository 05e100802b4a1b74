import { describe, expect, it } from '@jest/globals'
import { shouldFail, type PolicyInput } from '../../src/core/policy.js'
import { KEY_STATUSES, type FailOnValue, type KeyStatus } from '../../src/core/vocabulary.js'

function decide(failOn: FailOnValue[], overrides: Partial<PolicyInput> = {}) {
  return shouldFail({
    failOn: new Set(failOn),
    keyStatus: 'valid',
    requiredModelsSet: false,
    leaks: 0,
    liveLeaks: 0,
    ...overrides
  })
}

function failingStatuses(failOn: FailOnValue[], requiredModelsSet: boolean): KeyStatus[] {
  return KEY_STATUSES.filter(keyStatus => decide(failOn, { keyStatus, requiredModelsSet }).fail)
}

describe('fail-on', () => {
  it('key: fails on invalid, misconfigured, malformed and missing, never on skipped', () => {
    expect(failingStatuses(['key'], false)).toEqual(['invalid', 'misconfigured', 'malformed', 'missing'])
  })

  it('key: also fails on restricted when required-models is set', () => {
    expect(failingStatuses(['key'], true)).toEqual([
      'invalid',
      'misconfigured',
      'restricted',
      'malformed',
      'missing'
    ])
    expect(decide(['key'], { keyStatus: 'restricted', requiredModelsSet: true }).reasons).toEqual([
      { trigger: 'key', text: 'fail-on key: the key is restricted and required-models is set' }
    ])
  })

  it('quota: fails on no-quota only', () => {
    expect(failingStatuses(['quota'], true)).toEqual(['no-quota'])
  })

  it('unreachable: fails on unreachable only', () => {
    expect(failingStatuses(['unreachable'], true)).toEqual(['unreachable'])
  })

  it('leak: fails when any committed key was found', () => {
    expect(decide(['leak'], { leaks: 0 }).fail).toBe(false)
    expect(decide(['leak'], { leaks: 2, liveLeaks: 0 })).toEqual({
      fail: true,
      reasons: [{ trigger: 'leak', text: 'fail-on leak: committed keys found' }]
    })
  })

  it('leak in a pre-commit run: the keys are staged, not committed yet', () => {
    expect(decide(['leak', 'live-leak'], { leaks: 2, liveLeaks: 1, staged: true }).reasons).toEqual([
      { trigger: 'leak', text: 'fail-on leak: staged keys found' },
      { trigger: 'live-leak', text: 'fail-on live-leak: a staged key verified live' }
    ])
  })

  it('live-leak: fails only when a found key verified live', () => {
    expect(decide(['live-leak'], { leaks: 3, liveLeaks: 0 }).fail).toBe(false)
    expect(decide(['live-leak'], { leaks: 3, liveLeaks: 1 })).toEqual({
      fail: true,
      reasons: [{ trigger: 'live-leak', text: 'fail-on live-leak: a committed key verified live' }]
    })
  })

  it('none: never fails, whatever happened', () => {
    for (const keyStatus of KEY_STATUSES) {
      expect(decide(['none'], { keyStatus, requiredModelsSet: true, leaks: 5, liveLeaks: 5 })).toEqual({
        fail: false,
        reasons: []
      })
    }
  })

  it('combines values and gives one reason per value that triggered (the default key,leak)', () => {
    expect(decide(['key', 'leak'], { keyStatus: 'invalid', leaks: 1 })).toEqual({
      fail: true,
      reasons: [
        { trigger: 'key', text: 'fail-on key: the key is invalid' },
        { trigger: 'leak', text: 'fail-on leak: a committed key found' }
      ]
    })
    expect(decide(['key', 'leak'], { keyStatus: 'skipped' })).toEqual({ fail: false, reasons: [] })
  })
})

describe('fail-on leak and what the scan could not read', () => {
  it('fails on unscanned files or an unscanned range, typed apart from found keys; other fail-on values ignore them', () => {
    expect(decide(['leak'], { unscanned: { files: 2, range: false } }).reasons).toEqual([
      { trigger: 'unscanned', text: 'fail-on leak: 2 files could not be scanned for keys' }
    ])
    // Counted as every report counts (the summary says "1,234 files" too).
    expect(decide(['leak'], { unscanned: { files: 1234, range: false } }).reasons).toEqual([
      { trigger: 'unscanned', text: 'fail-on leak: 1,234 files could not be scanned for keys' }
    ])
    expect(decide(['leak'], { unscanned: { files: 0, range: true } }).reasons).toEqual([
      { trigger: 'unscanned', text: 'fail-on leak: part of the change could not be scanned for keys' }
    ])
    expect(decide(['leak'], { unscanned: { files: 0, range: true, wholeHistory: true } }).reasons).toEqual([
      { trigger: 'unscanned', text: 'fail-on leak: part of the history could not be scanned for keys' }
    ])
    expect(decide(['leak'], { unscanned: { files: 0, range: false } }).fail).toBe(false)
    expect(decide(['key', 'live-leak'], { unscanned: { files: 3, range: true } }).fail).toBe(false)
  })
})
