/**
 * Escaping for hostile data (paths, commit fields, API text) on its way into markdown and the runner's log.
 * Workflow-command escaping itself (`%`, CR, LF, and `:`/`,` in properties) is left to @actions/core, which
 * does it for every annotation; see src/runner/report.ts and __tests__/report/runner-report.test.ts.
 */

const INVISIBLE_OR_BREAKING =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * One printable line: C0/C1 controls (newlines, CR, tab, escape) become their visible control pictures,
 * and line separators and bidirectional overrides (the "Trojan source" trick) become `<U+XXXX>`.
 */
export function printable(text: string): string {
  return text.replace(INVISIBLE_OR_BREAKING, char => {
    const code = char.charCodeAt(0)
    if (code < 0x20) return String.fromCharCode(0x2400 + code)
    if (code === 0x7f) return '\u2421'
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`
  })
}

/** At most `max` characters (UTF-16 units), ending in `…` when cut; never splits a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  let cut = text.slice(0, Math.max(0, max - 1))
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1)
  return `${cut}…`
}

/**
 * Hostile text as literal inline markdown, safe in a GFM table cell: one line, no HTML (`<`, `>`, `&` as
 * entities), no markdown syntax (every other ASCII punctuation backslash-escaped, which CommonMark allows for
 * all of them, so pipes cannot split a cell), no `@mention` (a zero-width joiner after an `@` that starts a
 * word, and only there: `openai@^4` is no mention and stays exactly what a reader copies), and no autolinks (a
 * zero-width space breaks `://` and `www.`).
 */
export function escapeMarkdown(text: string): string {
  return printable(text)
    .replace(/:\/\//g, ':\u200b//')
    .replace(/www\./gi, match => `${match.slice(0, 3)}\u200b.`)
    .replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9_-])/g, '$1@\u200d')
    .replace(/[&<>]|[!"#$'()*+,\-./:;=?[\\\]^_`{|}~]/g, char => {
      switch (char) {
        case '&':
          return '&amp;'
        case '<':
          return '&lt;'
        case '>':
          return '&gt;'
        default:
          return `\\${char}`
      }
    })
}

/** Links our own prose carries (each stays clickable and exact to copy); any other URL is shown as text. */
const TRUSTED_LINK =
  /https:\/\/(?:platform\.openai\.com|help\.openai\.com|status\.openai\.com|docs\.github\.com|openrouter\.ai)(?:\/[A-Za-z0-9\-._~/?#=&%+]*)?/

/**
 * Our own prose (which may quote hostile text): text between single backticks becomes a code span, links to
 * OpenAI's and GitHub's documentation stay clickable, everything else goes through escapeMarkdown.
 */
export function escapeProse(text: string, where: 'inline' | 'table' = 'inline'): string {
  const tokens = new RegExp(`\`([^\`\\r\\n]+)\`|${TRUSTED_LINK.source}`, 'g')
  let result = ''
  let last = 0
  for (const match of text.matchAll(tokens)) {
    let token = match[0]
    let markdown: string
    if (match[1] !== undefined) {
      markdown = codeSpan(match[1], where)
    } else {
      token = token.replace(/[.,;:!?]+$/, '')
      markdown = `<${token}>`
    }
    result += escapeMarkdown(text.slice(last, match.index)) + markdown
    last = match.index + token.length
  }
  return result + escapeMarkdown(text.slice(last))
}

/**
 * Hostile text as a code span: nothing inside is interpreted (no HTML, links or mentions). The fence is one
 * backtick longer than any run inside; in a table cell pipes are written `\|`, which GFM removes before the
 * cell is parsed, so they show as `|` even inside the span.
 */
export function codeSpan(text: string, where: 'inline' | 'table' = 'inline'): string {
  const line = printable(text)
  if (line === '') return '*(empty)*'
  let longestRun = 0
  for (const run of line.match(/`+/g) ?? []) longestRun = Math.max(longestRun, run.length)
  const fence = '`'.repeat(longestRun + 1)
  const body = where === 'table' ? line.replace(/\|/g, '\\|') : line
  return `${fence} ${body} ${fence}`
}

/**
 * A hostile string made safe for a plain log line (core.info, core.debug): one line, never starting with
 * `::` (the runner reads any such line as a workflow command, after trimming leading whitespace), and no
 * legacy `##[command]` anywhere in it (the runner finds those mid-line). A zero-width space does both:
 * .NET does not count it as whitespace.
 */
export function logSafe(text: string): string {
  return printable(text)
    .replace(/^(\s*)::/, '\u200b$1::')
    .replace(/##\[/g, '#\u200b#[')
}
