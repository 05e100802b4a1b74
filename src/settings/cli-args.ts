import { parseArgs } from 'node:util'
import { InputError, parseSettings } from './action-inputs.js'
import type { Settings } from './settings.js'

export type CliScan =
  { kind: 'working-tree' } | { kind: 'all' } | { kind: 'staged' } | { kind: 'range'; range: string }

export interface CliOptions {
  settings: Settings
  scan: CliScan
  json: boolean
  sarifFile: string
  color: boolean
  /** --staged and --range only check the key when OPENAI_API_KEY is set, and a missing key never fails them. */
  scanOnly: boolean
  help: boolean
  version: boolean
}

export const CLI_USAGE = `Usage: openai-key-doctor [options]

Checks the OpenAI key in $OPENAI_API_KEY (format offline, then liveness against the API, no tokens spent)
and scans for committed sk- keys. With no scan flag it scans the working tree (tracked and untracked files).

Scan (pick one):
  --staged              only the lines added in staged changes (for a pre-commit hook)
  --range A..B          every commit of a range, added lines only
  --all                 every tracked file at HEAD
Key check:
  --no-liveness         offline format checks only, no network
  --base-url URL        API root (default https://api.openai.com/v1, or $OPENAI_BASE_URL)
  --organization ID     send OpenAI-Organization (default: none)
  --project ID          send OpenAI-Project (default: none)
  --required-models L   comma separated models the key must reach
  --timeout SECONDS     per request (default 10)
Leaks:
  --no-verify-leaks     do not check found keys live
Reports:
  --json                print a JSON report instead of text
  --sarif FILE          write a SARIF 2.1.0 report
  --fail-on LIST        key,leak,live-leak,quota,unreachable or none (default key,leak)
  --no-color            plain text even on a terminal
  -h, --help            this help
  -v, --version         the version

Exit codes: 0 clean, 1 findings that fail the policy, 2 usage or runtime error.`

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv, isTty: boolean): CliOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        staged: { type: 'boolean' },
        range: { type: 'string' },
        all: { type: 'boolean' },
        'no-liveness': { type: 'boolean' },
        'base-url': { type: 'string' },
        organization: { type: 'string' },
        project: { type: 'string' },
        'required-models': { type: 'string' },
        timeout: { type: 'string' },
        'no-verify-leaks': { type: 'boolean' },
        json: { type: 'boolean' },
        sarif: { type: 'string' },
        'fail-on': { type: 'string' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' }
      }
    })
  } catch (error) {
    throw new InputError((error as Error).message)
  }
  const flags = parsed.values
  const chosen = [flags.staged, flags.range !== undefined, flags.all].filter(Boolean).length
  if (chosen > 1) throw new InputError('Choose one of --staged, --range A..B and --all.')
  if (flags.range !== undefined && !/^[^\s.][^\s]*\.\.\.?[^\s]+$/.test(flags.range)) {
    throw new InputError(`--range takes A..B (two commits or refs), got ${JSON.stringify(flags.range)}.`)
  }
  const scan: CliScan = flags.staged
    ? { kind: 'staged' }
    : flags.range !== undefined
      ? { kind: 'range', range: flags.range }
      : flags.all
        ? { kind: 'all' }
        : { kind: 'working-tree' }

  const inputs: Record<string, string | undefined> = {
    'api-key': env.OPENAI_API_KEY ?? '',
    'base-url': flags['base-url'] ?? env.OPENAI_BASE_URL,
    organization: flags.organization,
    project: flags.project,
    liveness: flags['no-liveness'] ? 'false' : 'true',
    'required-models': flags['required-models'],
    scan: 'changed',
    'verify-leaks': flags['no-verify-leaks'] ? 'false' : 'true',
    'fail-on': flags['fail-on'],
    'sarif-file': flags.sarif,
    timeout: flags.timeout
  }
  const settings = parseSettings(name => inputs[name] ?? '')
  return {
    settings,
    scan,
    json: flags.json ?? false,
    sarifFile: flags.sarif ?? '',
    color: isTty && !flags['no-color'] && !env.NO_COLOR,
    scanOnly: scan.kind === 'staged' || scan.kind === 'range',
    help: flags.help ?? false,
    version: flags.version ?? false
  }
}
