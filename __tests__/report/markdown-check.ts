/** Test-side readers for the markdown we produce: GFM table cell splitting and our escaping, reversed. */

const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'

/** Cells of a GFM table row, split as cmark-gfm does: at every pipe not preceded by a backslash. */
export function tableCells(row: string): string[] {
  const body = row.trim().replace(/^\|/, '')
  const cells: string[] = []
  let cell = ''
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '|') {
      cell += '\\|'
      i++
    } else if (body[i] === '|') {
      cells.push(cell)
      cell = ''
    } else {
      cell += body[i]
    }
  }
  if (cell.trim() !== '') cells.push(cell)
  return cells.map(c => c.trim())
}

/**
 * The text a reader sees for escapeMarkdown output, or an error when some character would be markdown or HTML
 * syntax (unescaped punctuation, a raw `<`, an `&` that is not one of our entities).
 */
export function readEscaped(markdown: string): string {
  let text = ''
  for (let i = 0; i < markdown.length; i++) {
    const char = markdown[i]
    if (char === '\\') {
      const next = markdown[i + 1]
      if (next === undefined || !ASCII_PUNCTUATION.includes(next)) throw new Error(`stray backslash at ${i}`)
      text += next
      i++
    } else if (char === '&') {
      const entity = /^&(amp|lt|gt);/.exec(markdown.slice(i))
      if (!entity) throw new Error(`raw & at ${i}`)
      text += { amp: '&', lt: '<', gt: '>' }[entity[1] as 'amp' | 'lt' | 'gt']
      i += entity[0].length - 1
    } else if (ASCII_PUNCTUATION.includes(char) && char !== '@' && char !== '%') {
      throw new Error(`unescaped ${JSON.stringify(char)} at ${i} in ${JSON.stringify(markdown)}`)
    } else {
      text += char
    }
  }
  return text
}

/** The content of a code span we produced (one fence each side, one padding space each side). */
export function readCodeSpan(markdown: string, where: 'inline' | 'table' = 'inline'): string {
  const match = /^(`+) ([\s\S]*) \1$/.exec(markdown)
  if (!match) throw new Error(`not a padded code span: ${JSON.stringify(markdown)}`)
  if (new RegExp(`(^|[^\`])${match[1]}([^\`]|$)`).test(match[2]))
    throw new Error('fence appears inside the span')
  return where === 'table' ? match[2].replace(/\\\|/g, '|') : match[2]
}
