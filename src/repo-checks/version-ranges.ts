/** Just enough of npm semver ranges and PEP 440 / Poetry specifiers to tell "can only install an old major". */

export type Version = readonly [number, number, number]

/** How high a version spec can go: `bounded` (below or up to a version), `open` (no ceiling), or `unknown` (a URL, a tag). */
export type Ceiling =
  | { kind: 'bounded'; version: Version; inclusive: boolean; exact: boolean }
  | { kind: 'open' }
  | { kind: 'unknown' }

/** npm: `3.3` means 3.3.x. python (PEP 440, Poetry, Pipfile): a bare `0.28` means exactly 0.28.0. */
export type Dialect = 'npm' | 'python'

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
}

export function formatVersion(version: Version): string {
  return version.join('.')
}

/** The release numbers a lockfile records: `3.3.0`, `4.20.0(zod@3.22.4)`, `0.28.1`. */
export function leadingVersion(text: string): Version | undefined {
  const match = /^\s*(?:==)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text)
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined
}

/** True when nothing the spec allows reaches `threshold`. */
export function onlyBelow(ceiling: Ceiling, threshold: Version): boolean {
  if (ceiling.kind !== 'bounded') return false
  const order = compareVersions(ceiling.version, threshold)
  return order < 0 || (order === 0 && !ceiling.inclusive)
}

const OPERATOR = /^(~=|~>|===|==|!=|>=|<=|\^|~|=|>|<)?(.*)$/

export function ceilingOf(spec: string, dialect: Dialect): Ceiling {
  const text = spec.trim()
  if (text === '' || text === '*' || /^latest$/i.test(text)) return { kind: 'open' }
  const alternatives = text.split('||').map(alternative => ceilingOfAll(alternative, dialect))
  if (alternatives.some(ceiling => ceiling.kind === 'unknown')) return { kind: 'unknown' }
  if (alternatives.some(ceiling => ceiling.kind === 'open')) return { kind: 'open' }
  return alternatives.reduce((highest, ceiling) => (higher(ceiling, highest) ? ceiling : highest))
}

function higher(a: Ceiling, b: Ceiling): boolean {
  if (a.kind !== 'bounded' || b.kind !== 'bounded') return false
  const order = compareVersions(a.version, b.version)
  return order > 0 || (order === 0 && a.inclusive && !b.inclusive)
}

/** One comparator set: every comparator must hold, so the lowest ceiling wins. */
function ceilingOfAll(alternative: string, dialect: Dialect): Ceiling {
  const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alternative)
  const tokens = hyphen
    ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`]
    : alternative
        .replace(/(~=|~>|===|==|!=|>=|<=|\^|~|=|>|<)\s+/g, '$1')
        .split(/[\s,]+/)
        .filter(token => token !== '')
  if (tokens.length === 0) return { kind: 'unknown' }
  let lowest: Ceiling = { kind: 'open' }
  for (const token of tokens) {
    const ceiling = ceilingOfComparator(token, dialect)
    if (ceiling.kind === 'unknown') return ceiling
    if (ceiling.kind === 'bounded' && (lowest.kind === 'open' || higher(lowest, ceiling))) lowest = ceiling
  }
  if (lowest.kind === 'bounded' && tokens.length > 1) return { ...lowest, exact: false }
  return lowest
}

interface Parts {
  numbers: number[]
  wildcard: boolean
}

function partsOf(text: string): Parts | undefined {
  const match = /^v?((?:\d+|[xX*])(?:\.(?:\d+|[xX*]))*)(?:[-+_]?[A-Za-z][\w.+-]*|[-+][\w.+-]*)?$/.exec(text)
  if (!match) return undefined
  const numbers: number[] = []
  let wildcard = false
  for (const part of match[1].split('.')) {
    if (/^\d+$/.test(part) && !wildcard) numbers.push(Number(part))
    else wildcard = true
  }
  return { numbers, wildcard }
}

function padded(numbers: number[]): Version {
  return [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0]
}

/** The first version past `numbers` at position `index`: bump(…[0, 28], 1) = 0.29.0. */
function bumped(numbers: number[], index: number): Ceiling {
  const version = padded(numbers.slice(0, index + 1).map((value, i) => (i === index ? value + 1 : value)))
  return { kind: 'bounded', version, inclusive: false, exact: false }
}

function ceilingOfComparator(token: string, dialect: Dialect): Ceiling {
  const [, operator = '', versionText] = OPERATOR.exec(token) as RegExpExecArray
  const parts = partsOf(versionText)
  if (!parts) return { kind: 'unknown' }
  const { numbers, wildcard } = parts
  const partial = wildcard || numbers.length < 3
  switch (operator) {
    case '>':
    case '>=':
    case '!=':
      return { kind: 'open' }
    case '<':
      return { kind: 'bounded', version: padded(numbers), inclusive: false, exact: false }
    case '<=':
      if (dialect === 'npm' && partial && numbers.length > 0) return bumped(numbers, numbers.length - 1)
      return { kind: 'bounded', version: padded(numbers), inclusive: true, exact: false }
    case '^': {
      if (numbers.length === 0) return { kind: 'open' }
      const index =
        numbers[0] > 0 || numbers.length === 1 ? 0 : numbers[1] > 0 || numbers.length === 2 ? 1 : 2
      return bumped(numbers, index)
    }
    case '~':
    case '~>':
      if (numbers.length === 0) return { kind: 'open' }
      return bumped(numbers, numbers.length >= 2 ? 1 : 0)
    case '~=':
      return numbers.length >= 2 ? bumped(numbers, numbers.length - 2) : { kind: 'unknown' }
    default:
      if (numbers.length === 0) return { kind: 'open' }
      if (wildcard || (dialect === 'npm' && partial)) return bumped(numbers, numbers.length - 1)
      return { kind: 'bounded', version: padded(numbers), inclusive: true, exact: true }
  }
}
