/**
 * The one way the action and the CLI write a file of their own (today the SARIF log): only inside the places a
 * run may write to (the workspace, RUNNER_TEMP), never through a symbolic link. The checkout is hostile: a pull
 * request can commit `okd.sarif` as a link to `/etc/...`, link a parent directory out of the workspace, or leave a
 * dangling link where the file will be created.
 *
 * How: the path is resolved lexically (`..` included) and must lie under an allowed root; each missing parent
 * directory is created one level at a time, and an existing one is accepted only if its real path is still under
 * an allowed root; the target itself must not be a link or a directory. The content goes to a new temporary file
 * in the real parent directory (O_CREAT|O_EXCL|O_NOFOLLOW: never an existing file, never through a link), which is
 * then renamed onto the target: a rename replaces a link planted in between instead of following it.
 */
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  writeSync
} from 'node:fs'
import path from 'node:path'

/** A write that was refused because it would land outside the allowed roots or go through a link. */
export class UnsafeWriteError extends Error {}

export interface WriteRoot {
  /** What the user calls it, for messages: `the workspace`, `RUNNER_TEMP`. */
  label: string
  dir: string
}

export interface WriteRoots {
  /** Where a relative path is taken from (the workspace, or the working directory for the CLI). */
  base: string
  /** Directories a file may be written under (the base among them); missing ones allow nothing. */
  allowed: readonly WriteRoot[]
}

/**
 * Where a run may write: the action's workspace (GITHUB_WORKSPACE), or the CLI's working directory, and RUNNER_TEMP
 * when set. Relative paths are taken from the first.
 */
export function writeRoots(tool: 'action' | 'cli', env: NodeJS.ProcessEnv, cwd: string): WriteRoots {
  const base = tool === 'action' ? env.GITHUB_WORKSPACE || cwd : cwd
  const allowed = [{ label: tool === 'action' ? 'the workspace' : 'the working directory', dir: base }]
  if (env.RUNNER_TEMP) allowed.push({ label: 'RUNNER_TEMP', dir: env.RUNNER_TEMP })
  return { base, allowed }
}

/** O_NOFOLLOW does not exist on Windows, where creating a link needs privileges a pull request does not have. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0)

/**
 * Writes `content` to `file` (relative paths are taken from `roots.base`), creating missing parent directories.
 * Returns the absolute path written; throws UnsafeWriteError with a message for the user when refused (and the
 * file system's own error when a write fails for another reason).
 */
export function writeFileInside(file: string, content: string, roots: WriteRoots): string {
  const target = path.resolve(roots.base, file)
  const allowed = realRoots(roots.allowed)
  const start = allowed.find(root => isUnder(target, root.given) || isUnder(target, root.real))
  if (!start) {
    const places = roots.allowed.map(root => `${root.label} (${root.dir})`).join(' or ')
    throw new UnsafeWriteError(`${target} is outside ${places}: nothing was written`)
  }
  const relative = path.relative(isUnder(target, start.given) ? start.given : start.real, target)
  const parts = relative.split(path.sep)
  const name = parts.pop() as string
  let directory = start.real
  for (const part of parts) directory = enterDirectory(directory, part, allowed, target)

  const stat = lstatOrUndefined(path.join(directory, name))
  if (stat?.isSymbolicLink()) {
    throw new UnsafeWriteError(
      `${target} is a symbolic link: it is not followed and nothing was written (remove the link, or choose another path)`
    )
  }
  if (stat?.isDirectory()) throw new UnsafeWriteError(`${target} is a directory: nothing was written`)

  const temporary = path.join(directory, `.${name}.${randomBytes(6).toString('hex')}.tmp`)
  const descriptor = openSync(temporary, CREATE_NEW, 0o644)
  try {
    try {
      const bytes = Buffer.from(content, 'utf8')
      for (let offset = 0; offset < bytes.length;)
        offset += writeSync(descriptor, bytes, offset, bytes.length - offset)
    } finally {
      closeSync(descriptor)
    }
    renameSync(temporary, path.join(directory, name))
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
  return target
}

/** Why a write failed, in words for the user: the refusal's own message, or the file system's error code. */
export function writeFailure(error: unknown): string {
  if (error instanceof UnsafeWriteError) return error.message
  const { code, message } = error as NodeJS.ErrnoException
  return code ?? message ?? String(error)
}

interface Root {
  given: string
  real: string
}

function realRoots(roots: readonly WriteRoot[]): Root[] {
  const result: Root[] = []
  for (const root of roots) {
    const given = path.resolve(root.dir)
    try {
      result.push({ given, real: realpathSync(given) })
    } catch {
      // A root that does not exist allows nothing.
    }
  }
  return result
}

/** One level down from a real directory: created if missing, else its real path, which must stay inside a root. */
function enterDirectory(directory: string, part: string, allowed: Root[], target: string): string {
  const next = path.join(directory, part)
  const stat = lstatOrUndefined(next)
  if (!stat) {
    mkdirSync(next)
    return next
  }
  if (stat.isDirectory()) return next
  if (!stat.isSymbolicLink()) {
    throw new UnsafeWriteError(`${target} cannot be written: ${next} is not a directory`)
  }
  let real: string
  try {
    real = realpathSync(next)
  } catch {
    throw new UnsafeWriteError(
      `${target} cannot be written: its directory ${next} is a symbolic link that leads nowhere; it is not followed and nothing was written`
    )
  }
  if (
    !allowed.some(root => real === root.real || isUnder(real, root.real)) ||
    !lstatSync(real).isDirectory()
  ) {
    throw new UnsafeWriteError(
      `${target} cannot be written: its directory ${next} is a symbolic link out of the workspace; it is not followed and nothing was written`
    )
  }
  return real
}

function lstatOrUndefined(file: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/** Strictly below `root` (not the root itself). */
function isUnder(file: string, root: string): boolean {
  const relative = path.relative(root, file)
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  )
}
