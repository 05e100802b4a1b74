/**
 * Writes the parts of README.md and docs/ that repeat facts the code holds, as actions/checkout writes its
 * usage from action.yml: the inputs and outputs from action.yml, the causes (status, meaning, fix) from
 * CAUSE_INFO, the CLI's flags from its own usage text. Each part sits between markers:
 *
 *   <!-- BEGIN GENERATED inputs (npm run docs) -->
 *   …
 *   <!-- END GENERATED inputs -->
 *
 * `npm run docs` rewrites them; `npm run docs -- --check` (and __tests__/release/docs.test.ts) fails when a
 * committed file differs from what the code says.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { format, resolveConfig } from 'prettier'
import { parse as parseYaml } from 'yaml'
import { CAUSE_INFO } from '../src/core/causes.js'
import { KEY_STATUSES, type Cause, type KeyStatus } from '../src/core/vocabulary.js'
import { CLI_USAGE } from '../src/settings/cli-args.js'

interface ActionManifest {
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
}

/** The files with generated parts, and which parts each holds. */
export const GENERATED_FILES: Readonly<Record<string, readonly string[]>> = {
  'README.md': ['inputs', 'outputs', 'causes-at-a-glance'],
  'docs/causes.md': ['causes'],
  'docs/cli-and-hooks.md': ['cli-usage']
}

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')
}

function table(header: string[], rows: string[][]): string {
  return [header, header.map(() => '---'), ...rows].map(row => `| ${row.map(cell).join(' | ')} |`).join('\n')
}

function causesByStatus(): [KeyStatus, Cause[]][] {
  const causes = Object.keys(CAUSE_INFO) as Cause[]
  return KEY_STATUSES.map(status => [status, causes.filter(cause => CAUSE_INFO[cause].status === status)])
}

function renderParts(root: string): Record<string, string> {
  const manifest = parseYaml(readFileSync(path.join(root, 'action.yml'), 'utf8')) as ActionManifest
  const defaultOf = (value: string | undefined) => (value ? `\`${value}\`` : 'empty')
  return {
    inputs: table(
      ['input', 'default', 'meaning'],
      Object.entries(manifest.inputs).map(([name, spec]) => [
        `\`${name}\``,
        defaultOf(spec.default),
        spec.description
      ])
    ),
    outputs: table(
      ['output', 'values'],
      Object.entries(manifest.outputs).map(([name, spec]) => [`\`${name}\``, spec.description])
    ),
    'causes-at-a-glance': table(
      ['key-status', 'cause', 'in short (the fix is in docs/causes.md)'],
      causesByStatus().flatMap(([status, causes]) =>
        causes.map(cause => [
          `\`${status}\``,
          `\`${cause}\``,
          `[${CAUSE_INFO[cause].title}](docs/causes.md#${cause})`
        ])
      )
    ),
    causes: causesByStatus()
      .filter(([, causes]) => causes.length > 0)
      .map(([status, causes]) =>
        [
          `## \`${status}\``,
          ...causes.map(cause => {
            const info = CAUSE_INFO[cause]
            return `### ${cause}\n\n**${info.title}.** ${info.explanation}\n\n**Fix:** ${info.fix}`
          })
        ].join('\n\n')
      )
      .join('\n\n'),
    'cli-usage': ['```', 'openai-key-doctor --help', '', CLI_USAGE, '```'].join('\n')
  }
}

const marker = (edge: 'BEGIN' | 'END', part: string) =>
  edge === 'BEGIN' ? `<!-- BEGIN GENERATED ${part} (npm run docs) -->` : `<!-- END GENERATED ${part} -->`

/** `text` with each part's markers' content replaced; throws when a file lacks a part's markers. */
export function withGeneratedParts(file: string, text: string, parts: Record<string, string>): string {
  let result = text
  for (const part of GENERATED_FILES[file]) {
    const begin = result.indexOf(marker('BEGIN', part))
    const end = result.indexOf(marker('END', part))
    if (begin < 0 || end < begin) throw new Error(`${file} has no "${marker('BEGIN', part)}" … END markers`)
    const start = begin + marker('BEGIN', part).length
    result = `${result.slice(0, start)}\n\n${parts[part]}\n\n${result.slice(end)}`
  }
  return result
}

/**
 * Every file with generated parts: its content now, and what the code says it should be, formatted as
 * `prettier --check` (npm run lint) wants it.
 */
export async function renderDocs(
  root: string
): Promise<{ file: string; current: string; expected: string }[]> {
  const parts = renderParts(root)
  return Promise.all(
    Object.keys(GENERATED_FILES).map(async file => {
      const filepath = path.join(root, file)
      const current = readFileSync(filepath, 'utf8')
      const options = { ...(await resolveConfig(filepath)), filepath }
      return { file, current, expected: await format(withGeneratedParts(file, current, parts), options) }
    })
  )
}

async function main(argv: string[]): Promise<number> {
  const root = process.cwd()
  const check = argv.includes('--check')
  let drifted = 0
  for (const { file, current, expected } of await renderDocs(root)) {
    if (current === expected) continue
    drifted++
    if (check) console.error(`${file}: generated parts differ from the code; run npm run docs`)
    else writeFileSync(path.join(root, file), expected)
  }
  if (!check)
    console.log(drifted === 0 ? 'docs are up to date' : `rewrote ${drifted} file${drifted === 1 ? '' : 's'}`)
  return check && drifted > 0 ? 1 : 0
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  process.exitCode = await main(process.argv.slice(2))
}
