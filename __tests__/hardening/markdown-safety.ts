/**
 * What GitHub would render from our summary, checked without a renderer: hostile text may only appear as
 * literal text (inside code spans, or backslash-escaped), never as HTML, a link, a mention or a heading.
 */

/** A line with its code spans (CommonMark: equal backtick runs) replaced by a placeholder. */
export function outsideCodeSpans(line: string): string {
  let result = ''
  let index = 0
  while (index < line.length) {
    if (line[index] === '\\') {
      result += line.slice(index, index + 2)
      index += 2
      continue
    }
    const run = /^`+/.exec(line.slice(index))
    if (!run) {
      result += line[index++]
      continue
    }
    const close = findClosingRun(line, index + run[0].length, run[0].length)
    if (close === -1) {
      result += run[0]
      index += run[0].length
    } else {
      result += '⟦code⟧'
      index = close + run[0].length
    }
  }
  return result
}

function findClosingRun(line: string, from: number, length: number): number {
  const pattern = /`+/g
  pattern.lastIndex = from
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    if (match[0].length === length) return match.index
  }
  return -1
}

/** Links our summary may hold: the repository's own files and commits, the run, and documentation. */
const ALLOWED_LINK =
  /^https:\/\/(github\.com\/octo\/app\/|platform\.openai\.com\/|help\.openai\.com\/|docs\.github\.com\/)/

/** Headings the summary builder writes; any other heading would come from hostile text. */
const OUR_HEADINGS =
  /^#{2,4} (🔑 OpenAI Key Doctor|\S+ Key: |Key: not checked|(\S+ )?Committed keys: |(\S+ )?What was scanned|Required models|401 checklist: |What the repository shows|Allow-listing a false positive)/

/** Problems a renderer would turn into markup from hostile text; empty when the summary is inert. */
export function markdownInjections(summary: string): string[] {
  const problems: string[] = []
  for (const [number, line] of summary.split('\n').entries()) {
    const where = `summary line ${number + 1}`
    // Our own collapsible sections are the only HTML: a whole line, with no hostile text in its tags.
    const text = outsideCodeSpans(line).replace(/^<details><summary>|<\/summary>$|^<\/details>$/g, '')
    if (/^\s{0,3}#/.test(text) && !OUR_HEADINGS.test(line)) problems.push(`${where}: a heading not ours`)
    for (const tag of text.matchAll(/<([^>\s]*)/g)) {
      if (!/^https:\/\/(platform\.openai\.com|help\.openai\.com|docs\.github\.com)/.test(tag[1]))
        problems.push(`${where}: raw HTML or autolink <${tag[1].slice(0, 20)}`)
    }
    for (const link of text.matchAll(/\]\(([^)\s]*)/g)) {
      if (!ALLOWED_LINK.test(link[1])) problems.push(`${where}: link to ${link[1].slice(0, 40)}`)
    }
    if (/(?<!\\)javascript:/i.test(text)) problems.push(`${where}: javascript: outside a code span`)
    if (/(^|[^\w\\])@[A-Za-z0-9]/.test(text)) problems.push(`${where}: an @mention`)
    if (
      /(?<![\\<])\bhttps?:\/\/(?!github\.com\/octo\/app\/|platform\.openai|help\.openai|docs\.github)/.test(
        text
      )
    )
      problems.push(`${where}: a bare URL that GitHub would autolink`)
  }
  return problems
}

/** Control pictures (U+2400…) back to the control characters they show. */
export function unpicture(text: string): string {
  return text
    .replace(/[\u2400-\u241f]/g, char => String.fromCharCode(char.charCodeAt(0) - 0x2400))
    .replace(/\u2421/g, '\u007f')
}
