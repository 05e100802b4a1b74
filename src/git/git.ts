/** A thin typed wrapper over the git CLI: argument arrays (never a shell), a timeout on every call, no prompts. */
import { spawn, type ChildProcess } from 'node:child_process'

export const DEFAULT_GIT_TIMEOUT_MS = 60_000
const STDERR_KEEP_BYTES = 8_192

export type GitErrorKind = 'not-installed' | 'not-a-repository' | 'dubious-ownership' | 'timeout' | 'failed'

export class GitError extends Error {
  constructor(
    readonly kind: GitErrorKind,
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string
  ) {
    super(message)
    this.name = 'GitError'
  }
}

export interface GitCallOptions {
  cwd: string
  timeoutMs?: number
  /** Extra environment on top of the process environment (e.g. GIT_CONFIG_COUNT for a token). */
  env?: Record<string, string>
  input?: string
  /** Exit codes that are answers rather than failures, e.g. 1 for `merge-base` ("none"). Default [0]. */
  okExitCodes?: number[]
  /** Buffered calls only: stop collecting stdout beyond this many bytes (default 64 MiB). */
  maxStdoutBytes?: number
}

export interface GitResult {
  exitCode: number
  stdout: string
  stderr: string
}

/**
 * Options in front of every command: no pager, paths printed raw (only control characters, `"` and `\` are
 * C-quoted), no signature verification or colour from the user's configuration leaking into parsed output.
 */
function gitArgs(args: readonly string[]): string[] {
  return [
    '--no-pager',
    '-c',
    'core.quotepath=false',
    '-c',
    'log.showSignature=false',
    '-c',
    'color.ui=false',
    ...args
  ]
}

function gitEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    GIT_PAGER: 'cat',
    GIT_OPTIONAL_LOCKS: '0',
    LC_ALL: 'C',
    ...extra
  }
}

/** Run git to completion and return its output; throws GitError on a failure exit, a timeout or a missing git. */
export async function runGit(args: readonly string[], options: GitCallOptions): Promise<GitResult> {
  const stream = streamGit(args, options)
  const chunks: Buffer[] = []
  let size = 0
  const limit = options.maxStdoutBytes ?? 64 * 1024 * 1024
  for await (const chunk of stream.stdout) {
    if (size < limit) chunks.push(chunk)
    size += chunk.length
  }
  const result = await stream.finished
  return { ...result, stdout: Buffer.concat(chunks).toString('utf8') }
}

export interface GitStream {
  stdout: AsyncIterable<Buffer>
  /** Resolves when git exits with an allowed code (stdout is empty here); rejects with GitError otherwise. */
  finished: Promise<GitResult>
  /** Stop git early (e.g. the consumer gave up). */
  kill(): void
}

/** Start git and expose its stdout as a stream, so arbitrarily large output never sits in memory. */
export function streamGit(args: readonly string[], options: GitCallOptions): GitStream {
  const child: ChildProcess = spawn('git', gitArgs(args), {
    cwd: options.cwd,
    env: gitEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true
  })
  let stderr = Buffer.alloc(0)
  let timedOut = false
  const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = Buffer.concat([stderr, chunk])
    if (stderr.length > STDERR_KEEP_BYTES) stderr = stderr.subarray(stderr.length - STDERR_KEEP_BYTES)
  })
  child.stdin?.on('error', () => undefined)
  child.stdin?.end(options.input ?? '')

  const command = `git ${args.slice(0, 2).join(' ')}`
  const finished = new Promise<GitResult>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(
        error.code === 'ENOENT'
          ? new GitError('not-installed', 'git is not installed or not on PATH', null, '')
          : new GitError('failed', `${command}: ${error.message}`, null, '')
      )
    })
    child.on('close', code => {
      clearTimeout(timer)
      const text = stderr.toString('utf8')
      if (timedOut) {
        reject(new GitError('timeout', `${command} did not finish within ${timeoutMs / 1000} s`, code, text))
      } else if (code !== null && (options.okExitCodes ?? [0]).includes(code)) {
        resolve({ exitCode: code, stdout: '', stderr: text })
      } else {
        reject(classify(command, code, text))
      }
    })
  })
  // Callers that only iterate stdout must not see an unhandled rejection; they await `finished` themselves.
  finished.catch(() => undefined)

  return {
    stdout: child.stdout as AsyncIterable<Buffer>,
    finished,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  }
}

function classify(command: string, code: number | null, stderr: string): GitError {
  if (/detected dubious ownership/i.test(stderr)) {
    return new GitError(
      'dubious-ownership',
      'git refuses to read the repository because it belongs to another user ("dubious ownership"). ' +
        'In a container job, run `git config --global --add safe.directory "$GITHUB_WORKSPACE"` before this step.',
      code,
      stderr
    )
  }
  if (/not a git repository/i.test(stderr)) {
    return new GitError('not-a-repository', 'not a git repository (run actions/checkout first)', code, stderr)
  }
  const firstLine = stderr.split('\n').find(line => line.trim() !== '') ?? ''
  const message = `${command} failed (exit ${code}): ${withoutUrlCredentials(firstLine.trim())}`
  return new GitError('failed', message.trim(), code, withoutUrlCredentials(stderr))
}

/** `https://user:token@host/...` becomes `https://***@host/...`: git messages can echo remote URLs. */
function withoutUrlCredentials(text: string): string {
  return text.replace(/\/\/[^/\s@]+@/g, '//***@')
}
