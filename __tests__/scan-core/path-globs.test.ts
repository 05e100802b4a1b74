/**
 * The allowlist's path globs: the usual syntax (checked against picomatch with `dot: true`, the matcher used
 * before), whatever the repository writes matched in linear time, and what cannot be honoured reported.
 */
import { describe, expect, it } from '@jest/globals'
import picomatch from 'picomatch'
import { compilePathGlobs } from '../../src/scan/path-globs.js'

const GLOBS = [
  'test/fixtures/**',
  '**/*.env',
  'src/*.ts',
  '**',
  'a/**/b',
  '*.{js,ts}',
  'docs/[a-c]?.md',
  'docs/[^a]?.md',
  '.env*',
  '**/fixtures/**',
  'x\\*y',
  'a/**',
  '{src,lib}/**/*.{test,spec}.ts'
]
const PATHS = [
  'test/fixtures/a.env',
  'test/fixtures/deep/x/y.ts',
  'test/fixtures',
  'a.env',
  'x/y/.env',
  'src/a.ts',
  'src/b/a.ts',
  'a/b',
  'a/x/y/b',
  'a/xb',
  'q.js',
  'q.tsx',
  'docs/ab.md',
  'docs/db.md',
  '.env.local',
  'x/fixtures/y/z',
  'x*y',
  'xay',
  'a',
  'lib/deep/er/one.spec.ts',
  'src/one.test.ts',
  'src/one.test.tsx'
]

describe('compilePathGlobs', () => {
  it.each(GLOBS)('matches %s as picomatch does', glob => {
    const matches = compilePathGlobs([glob])
    const expected = picomatch(glob, { dot: true })
    for (const path of PATHS) expect([path, matches(path)]).toEqual([path, expected(path)])
  })

  it('negates a class with `!` as git does (picomatch reads `[!a]` otherwise)', () => {
    const matches = compilePathGlobs(['docs/[!a]?.md'])
    expect(matches('docs/db.md')).toBe(true)
    expect(matches('docs/ab.md')).toBe(false)
  })

  it('reports and ignores what it cannot honour, and keeps the other globs', () => {
    const problems: string[] = []
    const matches = compilePathGlobs(['*(*)x', '!src/**', '[[:alpha:]]', 'x'.repeat(300), 'ok/**'], problem =>
      problems.push(problem)
    )
    expect(problems).toHaveLength(4)
    expect(problems[0]).toMatch(/"\*\(\*\)x" is ignored: extended globs/)
    expect(problems[1]).toMatch(/negation/)
    expect(problems[2]).toMatch(/POSIX classes/)
    expect(problems[3]).toMatch(/longer than 256 characters/)
    expect(matches('ok/a')).toBe(true)
    expect(matches('src/a')).toBe(false)
    expect(matches('aax')).toBe(false)
  })

  it('refuses a brace bomb instead of expanding it', () => {
    const problems: string[] = []
    compilePathGlobs(['{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}'], problem => problems.push(problem))
    expect(problems[0]).toMatch(/more than 64 alternatives/)
  })

  it('runs a pathological glob over a long path in steps proportional to their lengths', () => {
    // A backtracking matcher takes exponential time here (picomatch's extglob mode, or a regex of many stars).
    const matches = compilePathGlobs(['*a*a*a*a*a*a*a*a*a*a*a*a*b'])
    const path = 'a'.repeat(4000)
    // Bounded by counting, not by timing: the whole run visits at most (path length + 1) × states states.
    expect(matches(path)).toBe(false)
    expect(matches(`${path}b`)).toBe(true)
  })
})
