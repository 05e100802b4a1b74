import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { BUILTIN_DETECTORS } from '../../src/detectors/registry.js'
import { shannonEntropy } from '../../src/scan/entropy.js'
import { FINGERPRINT_PATTERN, fingerprint } from '../../src/scan/fingerprint.js'
import { createScanner } from '../../src/scan/scanner.js'
import { OPENAI_SHAPES, seededRandom } from '../helpers/keys.js'

describe('fingerprint', () => {
  it('is the detector id and the first 16 hex digits of sha256(secret): users store it in ignore files', () => {
    const expected = createHash('sha256').update('some secret').digest('hex').slice(0, 16)
    expect(fingerprint('openai-project-key', 'some secret')).toBe(`openai-project-key:${expected}`)
    expect(fingerprint('openai-project-key', 'some secret')).toMatch(FINGERPRINT_PATTERN)
  })

  it('differs by detector and by secret, and does not contain the secret', () => {
    const key = OPENAI_SHAPES[0].make(seededRandom(31))
    const values = new Set([fingerprint('a', key), fingerprint('b', key), fingerprint('a', `${key}x`)])
    expect(values.size).toBe(3)
    for (const value of values) expect(value.includes(key.slice(3, 15))).toBe(false)
  })

  it('stays the same across paths, lines, columns and commits (rebases, squash merges, moved code)', () => {
    const key = OPENAI_SHAPES[4].make(seededRandom(32))
    const scanner = createScanner({ detectors: BUILTIN_DETECTORS })
    const findings = [
      ...scanner.scanLine({ path: 'a.ts', line: 1, text: `k="${key}"`, commit: '1111' }),
      ...scanner.scanLine({ path: 'lib/b.py', line: 300, text: `    key = '${key}'`, commit: '2222' }),
      ...scanner.scanLine({ path: 'c.env', line: 2, text: key })
    ]
    expect(findings).toHaveLength(3)
    expect(new Set(findings.map(f => f.fingerprint))).toEqual(
      new Set([fingerprint('openai-project-key', key)])
    )
  })
})

describe('shannonEntropy', () => {
  it.each([
    ['', 0],
    ['aaaa', 0],
    ['ab', 1],
    ['aabb', 1],
    ['abcd', 2],
    ['abcdefgh', 3],
    ['éa', 1],
    ['éééé', 0]
  ])('of %j is %d bits per character', (text, bits) => {
    expect(shannonEntropy(text)).toBeCloseTo(bits, 10)
  })

  it('measures only the given range, without carrying counts from one call to the next', () => {
    expect(shannonEntropy('zzabcdzz', 2, 6)).toBeCloseTo(2, 10)
    expect(shannonEntropy('abcd')).toBeCloseTo(2, 10)
    expect(shannonEntropy('aaaa')).toBe(0)
    expect(shannonEntropy('xyz', 2, 2)).toBe(0)
  })
})
