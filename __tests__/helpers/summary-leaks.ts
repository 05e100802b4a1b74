/** Test-side reader of the job summary's leak tables: each row with its group (the liveness title) and cells. */
import { tableCells } from '../report/markdown-check.js'

export interface LeakRow {
  /** The title of the row's group, e.g. "🔴 2 live: revoke these first" (markdown escapes removed). */
  group: string
  /** What the table says once above itself for every row, e.g. "In commit ` abc1234 `." */
  shared: string
  /** Cells by column header (Key, Kind, File, Commit, Fingerprint). */
  cells: Record<string, string>
  row: string
}

/** Every row of every leak table (tables whose header starts with `| Key |`), in order. */
export function leakRows(markdown: string): LeakRow[] {
  const rows: LeakRow[] = []
  const blocks = markdown.split('\n\n')
  let group = ''
  let shared = ''
  for (const block of blocks) {
    const title = /^\*\*(.+?)\*\*$|^<details><summary>(.+)<\/summary>$/.exec(block)
    if (title) {
      group = (title[1] ?? title[2]).replace(/\\(.)/g, '$1')
      shared = ''
      continue
    }
    if (!block.startsWith('| Key |')) {
      if (group && !block.startsWith('#')) shared = block
      continue
    }
    const [header, , ...lines] = block.split('\n')
    const names = tableCells(header)
    for (const line of lines) {
      const values = tableCells(line)
      rows.push({
        group,
        shared,
        cells: Object.fromEntries(names.map((name, i) => [name, values[i]])),
        row: line
      })
    }
    shared = ''
  }
  return rows
}
