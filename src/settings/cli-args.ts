import { parseArgs } from 'node:util'
import { InputError, parseSettings } from './action-inputs.js'
import type { Settings } from './settings.js'

export type CliScan =
  | { kind: 'working-tree' }
  | { kind: 'all' }
  | { kind: 'staged' }
  | { kind: 'range'; range: string }
  | { kind: 'history'; ref: string }

export interface CliOptions {
  settings: Settings
  scan: CliScan
  json: boolean
  sarifFile: string
  color: boolean
  /** --staged, --range and --history only check the key when OPENAI_API_KEY is set, and a missing key never fails them. */
  scanOnly: boolean
  help: boolean
  version: boolean
}

export const CLI_USAGE = `Usage: openai-key-doctor [options]

Checks the OpenAI key in $OPENAI_API_KEY (its format offline, then GET /models, which spends no tokens) and
scans the git repository you are in for committed sk- keys. Keys are only ever shown redacted.

What to scan (pick one; default: the working tree, tracked and untracked files, not ignored ones):
  --staged              the lines added by the staged changes (for a pre-commit hook)
  --range A..B          the lines added by every commit of a range (A...B: since the merge base)
  --all                 every tracked file
  --history [REF]       the lines added by every commit reachable from REF (default HEAD), each with the
                        commit that added it and whether the key is still there at REF
  --staged, --range and --history check the key only when OPENAI_API_KEY is set: a missing key never fails them.
Key check:
  --no-liveness         offline format checks only: no network at all
  --base-url URL        API root (default $OPENAI_BASE_URL, else https://api.openai.com/v1)
  --provider NAME       auto (from the host), openai, azure, azure-apim, cloudflare, litellm, openrouter, compatible
  --auth-scheme S       auto, bearer or api-key (Azure resource keys go in api-key)
  --gateway-header H    header for the gateway's own credential, read from $OPENAI_KEY_DOCTOR_GATEWAY_TOKEN
  --inference-check     one minimal billable request per required model (a fraction of a cent each), so
                        quota, billing, project model blocks and the model.request scope are checked
  --organization ID     send OpenAI-Organization (default: none)
  --project ID          send OpenAI-Project (default: none)
  --required-models L   comma separated models the key must reach
  --timeout SECONDS     per request (default 10)
Committed keys:
  --no-verify-leaks     do not check found keys live
Reports:
  --json                print a JSON report (schemaVersion 1) instead of text
  --sarif FILE          also write a SARIF 2.1.0 report to FILE (inside the current directory
                        or $RUNNER_TEMP; symbolic links are not followed)
  --fail-on LIST        key,leak,live-leak,quota,unreachable or none (default key,leak)
  --no-color            plain text even on a terminal (so does NO_COLOR=1)
  -h, --help            this help
  -v, --version         the version

Exit codes: 0 clean, 1 findings that fail the policy (--fail-on), 2 usage or runtime error.`

/** `--history` takes an optional REF: alone (last, or before another option) it means HEAD. */
function withHistoryRef(argv: string[]): string[] {
  return argv.map((arg, index) =>
    arg === '--history' && (index === argv.length - 1 || argv[index + 1].startsWith('-'))
      ? '--history=HEAD'
      : arg
  )
}

/** The CLI names of the shared settings, for error messages. */
const FLAG_NAMES: Record<string, string> = {
  'api-key': 'OPENAI_API_KEY',
  'base-url': '--base-url (or OPENAI_BASE_URL)',
  'gateway-token': 'OPENAI_KEY_DOCTOR_GATEWAY_TOKEN'
}

/**
 * `--timeout -1` as `--timeout=-1`: parseArgs takes a value that starts with `-` for an option, and would answer
 * with its own puzzle ("argument is ambiguous") instead of the usage error every other bad value gets.
 */
function withNegativeValues(argv: string[]): string[] {
  return argv.flatMap((arg, index) =>
    arg === '--timeout' && /^-\d/.test(argv[index + 1] ?? '')
      ? [`--timeout=${argv[index + 1]}`]
      : index > 0 && argv[index - 1] === '--timeout' && /^-\d/.test(arg)
        ? []
        : [arg]
  )
}

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv, isTty: boolean): CliOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: withHistoryRef(withNegativeValues(argv)),
      allowPositionals: false,
      options: {
        staged: { type: 'boolean' },
        range: { type: 'string' },
        all: { type: 'boolean' },
        history: { type: 'string' },
        'no-liveness': { type: 'boolean' },
        'base-url': { type: 'string' },
        provider: { type: 'string' },
        'auth-scheme': { type: 'string' },
        'gateway-header': { type: 'string' },
        'inference-check': { type: 'boolean' },
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
  const help = flags.help ?? false
  const version = flags.version ?? false
  const chosen = [flags.staged, flags.range !== undefined, flags.all, flags.history !== undefined].filter(
    Boolean
  ).length
  if (chosen > 1) throw new InputError('Choose one of --staged, --range A..B, --history [REF] and --all.')
  if (flags.range !== undefined && !/^[^\s.][^\s]*\.\.\.?[^\s]+$/.test(flags.range)) {
    throw new InputError(`--range takes A..B (two commits or refs), got ${JSON.stringify(flags.range)}.`)
  }
  const scan: CliScan = flags.staged
    ? { kind: 'staged' }
    : flags.range !== undefined
      ? { kind: 'range', range: flags.range }
      : flags.history !== undefined
        ? { kind: 'history', ref: flags.history }
        : flags.all
          ? { kind: 'all' }
          : { kind: 'working-tree' }

  const inputs: Record<string, string | undefined> = {
    'api-key': env.OPENAI_API_KEY ?? '',
    'base-url': flags['base-url'] ?? env.OPENAI_BASE_URL,
    provider: flags.provider,
    'auth-scheme': flags['auth-scheme'],
    'gateway-token': env.OPENAI_KEY_DOCTOR_GATEWAY_TOKEN ?? '',
    'gateway-header': flags['gateway-header'],
    'inference-check': flags['inference-check'] ? 'true' : 'false',
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
  let settings: Settings
  try {
    // --help and --version must work whatever the environment holds.
    settings = parseSettings(name => (help || version ? '' : (inputs[name] ?? '')))
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    throw new InputError(
      error.message.replace(/Input '([\w-]+)'/g, (_, name: string) => FLAG_NAMES[name] ?? `--${name}`)
    )
  }
  return {
    settings,
    scan,
    json: flags.json ?? false,
    sarifFile: flags.sarif ?? '',
    color: isTty && !flags['no-color'] && !env.NO_COLOR,
    scanOnly: scan.kind === 'staged' || scan.kind === 'range' || scan.kind === 'history',
    help,
    version
  }
}
