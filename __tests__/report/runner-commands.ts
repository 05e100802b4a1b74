/**
 * How the Actions runner reads a step's stdout, ported from actions/runner (ActionCommand.TryParseV2 and the
 * legacy TryParse, ActionCommandManager.TryProcessCommand): lines as .NET StreamReader.ReadLine splits them
 * (CR, LF, CRLF); a line is a command when, after trimming leading whitespace, it starts with `::name` of a
 * registered command, or when it contains `##[name` anywhere.
 */

export const REGISTERED_COMMANDS = new Set([
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo'
])

export interface ParsedCommand {
  command: string
  properties: Record<string, string>
  data: string
  legacy: boolean
}

function unescapeData(text: string): string {
  return text.split('%0D').join('\r').split('%0A').join('\n').split('%25').join('%')
}

function unescapeProperty(text: string): string {
  return text
    .split('%0D')
    .join('\r')
    .split('%0A')
    .join('\n')
    .split('%3A')
    .join(':')
    .split('%2C')
    .join(',')
    .split('%25')
    .join('%')
}

/** .NET Char.IsWhiteSpace, which TrimStart uses. */
const DOTNET_LEADING_WHITESPACE =
  /^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

export function parseV2(line: string): ParsedCommand | undefined {
  const message = line.replace(DOTNET_LEADING_WHITESPACE, '')
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const command = space < 0 ? info : info.slice(0, space)
  if (!REGISTERED_COMMANDS.has(command.toLowerCase())) return undefined
  const properties: Record<string, string> = {}
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')
      .filter(Boolean)) {
      const eq = pair.indexOf('=')
      if (eq > 0 && eq < pair.length - 1) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1))
    }
  }
  return { command, properties, data: unescapeData(message.slice(end + 2)), legacy: false }
}

export function parseLegacy(line: string): ParsedCommand | undefined {
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const close = line.indexOf(']', prefix)
  if (close < 0) return undefined
  const info = line.slice(prefix + 3, close)
  const space = info.indexOf(' ')
  const command = space < 0 ? info : info.slice(0, space)
  if (!REGISTERED_COMMANDS.has(command.toLowerCase())) return undefined
  return { command, properties: {}, data: line.slice(close + 1), legacy: true }
}

/** Every command the runner would execute from this stdout, in order. */
export function commandsIn(stdout: string): ParsedCommand[] {
  const commands: ParsedCommand[] = []
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const command = parseV2(line) ?? parseLegacy(line)
    if (command) commands.push(command)
  }
  return commands
}

/** Lines of stdout that are not commands. */
export function plainLines(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/).filter(line => line !== '' && !parseV2(line) && !parseLegacy(line))
}
