/**
 * How high a version requirement can go, to tell "can only install an old major". Ranges are parsed by the
 * libraries of each ecosystem: npm ranges (and Poetry's `^`/`~`, which mean the same) by `semver`, PEP 440
 * specifiers by `@renovatebot/pep440`.
 */
import { explain as explainPep440, valid as validPep440 } from '@renovatebot/pep440'
import {
  parse as parsePep440Specifier,
  validRange as validPep440Range
} from '@renovatebot/pep440/lib/specifier.js'
import semver from 'semver'

export type Version = readonly [number, number, number]

/** How high a version spec can go: `bounded` (below or up to a version), `open` (no ceiling), or `unknown` (a URL, a tag). */
export type Ceiling =
  | { kind: 'bounded'; version: Version; inclusive: boolean; exact: boolean }
  | { kind: 'open' }
  | { kind: 'unknown' }

/** npm: `3.3` means 3.3.x. python (PEP 440, Poetry, Pipfile): a bare `0.28` means exactly 0.28.0. */
export type Dialect = 'npm' | 'python'

const OPEN: Ceiling = { kind: 'open' }
const UNKNOWN: Ceiling = { kind: 'unknown' }

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
}

export function formatVersion(version: Version): string {
  return version.join('.')
}

function padded(numbers: readonly number[]): Version {
  return [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0]
}

/** The release numbers a lockfile records: `3.3.0`, `4.20.0(zod@3.22.4)`, `0.28.1`. */
export function leadingVersion(text: string): Version | undefined {
  const version = semver.coerce(text)
  return version ? [version.major, version.minor, version.patch] : undefined
}

/** True when nothing the spec allows reaches `threshold`. */
export function onlyBelow(ceiling: Ceiling, threshold: Version): boolean {
  if (ceiling.kind !== 'bounded') return false
  const order = compareVersions(ceiling.version, threshold)
  return order < 0 || (order === 0 && !ceiling.inclusive)
}

function higher(a: Ceiling, b: Ceiling): boolean {
  if (a.kind !== 'bounded' || b.kind !== 'bounded') return false
  const order = compareVersions(a.version, b.version)
  return order > 0 || (order === 0 && a.inclusive && !b.inclusive)
}

/** Of alternatives (`||`), the highest ceiling: any open one makes the whole open, any unknown one unknown. */
function highestOf(ceilings: Ceiling[]): Ceiling {
  if (ceilings.some(ceiling => ceiling.kind === 'unknown')) return UNKNOWN
  if (ceilings.some(ceiling => ceiling.kind === 'open')) return OPEN
  return ceilings.reduce((highest, ceiling) => (higher(ceiling, highest) ? ceiling : highest))
}

/** Of requirements that must all hold, the lowest ceiling; exact only when it is the one requirement. */
function lowestOf(ceilings: Ceiling[]): Ceiling {
  let lowest = OPEN
  for (const ceiling of ceilings) {
    if (ceiling.kind === 'unknown') return UNKNOWN
    if (ceiling.kind === 'bounded' && (lowest.kind === 'open' || higher(lowest, ceiling))) lowest = ceiling
  }
  return lowest.kind === 'bounded' && ceilings.length > 1 ? { ...lowest, exact: false } : lowest
}

export function ceilingOf(spec: string, dialect: Dialect): Ceiling {
  const text = spec.trim()
  if (text === '' || text === '*' || /^latest$/i.test(text)) return OPEN
  if (dialect === 'npm') return npmCeiling(text)
  return highestOf(text.split('||').map(alternative => pythonCeiling(alternative.trim())))
}

/** semver's comparator sets: `^3.2.1` is `>=3.2.1 <4.0.0-0`, whose `<4.0.0-0` means below 4.0.0. */
function npmCeiling(range: string): Ceiling {
  let parsed: semver.Range
  try {
    parsed = new semver.Range(range)
  } catch {
    return UNKNOWN
  }
  return highestOf(
    parsed.set.map(comparators =>
      lowestOf(
        comparators.map((comparator): Ceiling => {
          // `*` and `x` are the comparator that matches any version, with an empty value.
          if (comparator.value === '') return OPEN
          const { major, minor, patch } = comparator.semver
          const version: Version = [major, minor, patch]
          if (comparator.operator === '') return { kind: 'bounded', version, inclusive: true, exact: true }
          if (comparator.operator === '<' || comparator.operator === '<=') {
            return { kind: 'bounded', version, inclusive: comparator.operator === '<=', exact: false }
          }
          return OPEN
        })
      )
    )
  )
}

/**
 * A PEP 440 specifier (`~=0.27`, `>=0.27,<1`, `==0.28.*`), a bare version (Poetry and Pipfile: exactly that
 * version), or Poetry's npm-style `^0.28` / `~0.28` / `>=0.27 <1`.
 */
function pythonCeiling(spec: string): Ceiling {
  if (spec === '*') return OPEN
  const specifier = validPep440(spec) ? `==${spec}` : spec
  if (validPep440Range(specifier)) {
    return lowestOf(
      parsePep440Specifier(specifier).map(({ operator, version, prefix }): Ceiling => {
        const release = explainPep440(version)?.release ?? []
        switch (operator) {
          case '<':
          case '<=':
            return { kind: 'bounded', version: padded(release), inclusive: operator === '<=', exact: false }
          case '==':
          case '===':
            if (prefix === '.*') return firstPast(release, release.length - 1)
            return { kind: 'bounded', version: padded(release), inclusive: true, exact: true }
          case '~=':
            return release.length >= 2 ? firstPast(release, release.length - 2) : UNKNOWN
          default:
            return OPEN
        }
      })
    )
  }
  return npmCeiling(spec)
}

/** The first version past `release` at position `index`: firstPast([0, 28], 1) is 0.29.0, a ceiling it stays below. */
function firstPast(release: readonly number[], index: number): Ceiling {
  const version = padded(release.slice(0, index + 1).map((value, i) => (i === index ? value + 1 : value)))
  return { kind: 'bounded', version, inclusive: false, exact: false }
}
