import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseAllowlist, type Allowlist } from '../scan/allowlist.js'

export const ALLOWLIST_FILE = '.openai-key-doctor-ignore'
export const INLINE_MARKER = 'openai-key-doctor:allow'

export interface LoadedAllowlist {
  allowlist: Allowlist
  /** True when the repository has an allowlist file. */
  found: boolean
  /** Problems to tell the user, e.g. lines that are neither a fingerprint nor a path glob. */
  problems: string[]
}

/**
 * Reads `.openai-key-doctor-ignore` from the repository root: one finding fingerprint per line
 * (`detector:16 hex digits`, shown in the summary and SARIF) or `path: <glob>`; `#` starts a comment.
 */
export async function loadAllowlist(workspace: string): Promise<LoadedAllowlist> {
  const text = await readFile(path.join(workspace, ALLOWLIST_FILE), 'utf8').catch(() => undefined)
  const globs: string[] = []
  const fingerprintLines = (text ?? '').split(/\r?\n/).map(line => {
    const glob = /^\s*path:\s*(.+?)\s*$/.exec(line.replace(/\s#.*$/, ''))
    if (!glob) return line
    globs.push(glob[1])
    return ''
  })
  const allowlist = parseAllowlist(text === undefined ? undefined : fingerprintLines.join('\n'), globs)
  const problems = allowlist.invalidLines.map(
    line =>
      `${ALLOWLIST_FILE} line ${line} is neither a fingerprint (detector:16 hex digits), a \`path: <glob>\` nor a comment`
  )
  return { allowlist, found: text !== undefined, problems }
}
