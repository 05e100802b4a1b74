import { CheckoutReader, NOT_FOLLOWED } from '../git/checkout-reader.js'
import { parseAllowlist, type Allowlist } from '../scan/allowlist.js'
import type { Finding } from '../scan/types.js'

export const ALLOWLIST_FILE = '.openai-key-doctor-ignore'
export const INLINE_MARKER = 'openai-key-doctor:allow'
/** A real allowlist is a few KiB; a bigger "allowlist" is not one worth holding in memory. */
export const MAX_ALLOWLIST_BYTES = 1024 * 1024

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
  return parseAllowlistFile(await readAllowlistFile(workspace))
}

/** The allow-list as a commit has it (a pull request's base), from the file's bytes; undefined: no file. */
export async function allowlistFromBytes(bytes: Buffer | undefined): Promise<LoadedAllowlist> {
  if (bytes === undefined) return parseAllowlistFile({})
  if (bytes.length > MAX_ALLOWLIST_BYTES) {
    return parseAllowlistFile({
      problem: `${ALLOWLIST_FILE} is larger than 1 MiB: not read, so it allows nothing`
    })
  }
  return parseAllowlistFile({ text: bytes.toString('utf8') })
}

/**
 * A pull request's own changes to the allow-list do not take effect (the base's applies): what they would accept
 * is said, so a reviewer sees it before merging. `proposed` is the checkout's allow-list, `findings` what the
 * base's let through.
 */
export function proposedAllowlistNote(
  proposed: Allowlist,
  findings: readonly Finding[],
  changed: boolean
): string | undefined {
  const accepted = findings.filter(finding => proposed.allowedBy(finding, '') !== undefined).length
  if (!changed && accepted === 0) return undefined
  const would =
    accepted === 0
      ? 'it would accept none of the findings'
      : `it would accept ${accepted} of the findings reported here`
  return (
    `This pull request changes ${ALLOWLIST_FILE}; the base branch's version applies until it is merged, so the ` +
    `change hides nothing now: ${would}. Review it before merging.`
  )
}

async function parseAllowlistFile({
  text,
  problem
}: {
  text?: string
  problem?: string
}): Promise<LoadedAllowlist> {
  const globs: string[] = []
  const fingerprintLines = (text ?? '').split(/\r?\n/).map(line => {
    const glob = /^\s*path:\s*(.+?)\s*$/.exec(line.replace(/\s#.*$/, ''))
    if (!glob) return line
    globs.push(glob[1])
    return ''
  })
  const globProblems: string[] = []
  const isAllowedPath =
    globs.length > 0
      ? (await import('../scan/path-globs.js')).compilePathGlobs(globs, problem =>
          globProblems.push(`${ALLOWLIST_FILE}: ${problem}`)
        )
      : undefined
  const allowlist = parseAllowlist(
    text === undefined ? undefined : fingerprintLines.join('\n'),
    isAllowedPath
  )
  const problems = allowlist.invalidLines.map(
    line =>
      `${ALLOWLIST_FILE} line ${line} is neither a fingerprint (detector:16 hex digits), a \`path: <glob>\` nor a comment`
  )
  return {
    allowlist,
    found: text !== undefined || problem !== undefined,
    problems: [...(problem ? [problem] : []), ...problems, ...globProblems]
  }
}

/**
 * The file comes from the checked-out change, so it is hostile: it is read through the checkout reader (a
 * symbolic link, which could point at any file of the runner, or at a FIFO or /dev/zero, is not followed; only
 * a regular file of bounded size is read).
 */
async function readAllowlistFile(workspace: string): Promise<{ text?: string; problem?: string }> {
  const notRead = (why: string) => ({ problem: `${ALLOWLIST_FILE} ${why}: not read, so it allows nothing` })
  let read
  try {
    read = (await CheckoutReader.at(workspace)).readWhole(ALLOWLIST_FILE, MAX_ALLOWLIST_BYTES)
  } catch {
    return {}
  }
  if ('bytes' in read) return { text: read.bytes.toString('utf8') }
  if ('tooLarge' in read) return notRead('is larger than 1 MiB')
  if ('missing' in read) return {}
  if (read.refused.reason === NOT_FOLLOWED) return notRead('is a symbolic link')
  return notRead(read.refused.unreadable ? read.refused.reason : 'is not a regular file')
}
