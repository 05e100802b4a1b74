/**
 * The one way anything reads a file of the checkout (the working tree a pull request controls): the tree scan,
 * the repository checks and the allow-list file. A hostile checkout (or an earlier step of the job) can put a
 * symbolic link, a FIFO or a device where a file was listed, or swap one in between a check and a read, so:
 *
 * - a name is opened with O_NOFOLLOW (a link in its last component is refused, never followed) and O_NONBLOCK
 *   (a FIFO without a writer never blocks the open or the read);
 * - the parent directories are checked to be real directories inside the checkout (one lstat per directory,
 *   remembered), so a directory swapped for a link cannot lead outside;
 * - what was opened is checked with fstat on the open descriptor, not on the name: what is read is what was
 *   checked;
 * - reads are bounded: a file is read whole only up to the caller's limit.
 *
 * Reads are synchronous: a tree is thousands of small files, and a thread-pool round trip per open, stat, read
 * and close costs more than reading a typical source file.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync
} from 'node:fs'
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { DEFAULT_GIT_TIMEOUT_MS, runGit } from './git.js'

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)
/** `a//b`, `/a`, `a/`, `../a`, `a/..`: a name git would never list, so one that must not be followed. */
const EMPTY_OR_PARENT_COMPONENT = /(?:^|\/)(?:\.\.)?(?:\/|$)/

/** Why a listed file was not read. `unreadable`: it has content that could not be read (an error). */
export interface Refusal {
  reason: string
  unreadable: boolean
}

export const NOT_FOLLOWED = 'symbolic link: not followed'
export const NOT_REGULAR = 'not a regular file: not read'
export const OUTSIDE = 'outside the repository (through a symbolic link): not read'

/** A regular file of the checkout, open for reading. Close it. */
export interface OpenFile {
  descriptor: number
  size: number
}

/** A whole file: its bytes (a view of the reader's buffer, valid until its next read), or why there are none. */
export type WholeFile =
  { bytes: Buffer } | { missing: true } | { tooLarge: true; size: number } | { refused: Refusal }

export class CheckoutReader {
  private readonly insideRoot = new Map<string, boolean>()
  private readonly rootSlash: Buffer
  /** What names are opened under: nothing when the root is the working directory (shorter lookups). */
  private readonly openPrefix: Buffer
  private buffer: Buffer | undefined

  /** `root`: the real path of the checkout's top directory. */
  constructor(readonly root: Buffer) {
    this.rootSlash = Buffer.concat([root, Buffer.from('/')])
    this.openPrefix = isWorkingDirectory(root) ? Buffer.alloc(0) : this.rootSlash
  }

  static async at(directory: string): Promise<CheckoutReader> {
    return new CheckoutReader(await realpath(directory, { encoding: 'buffer' }))
  }

  /**
   * Opens `relativePath` ('/'-separated, as git lists it; `name` its bytes when they are not UTF-8) if it is a
   * regular file inside the checkout: a file that is gone is `undefined`, anything else is refused with a reason.
   */
  open(relativePath: string, name: Buffer = Buffer.from(relativePath)): OpenFile | Refusal | undefined {
    if (EMPTY_OR_PARENT_COMPONENT.test(relativePath) || !this.directoryInside(relativePath, name)) {
      return { reason: OUTSIDE, unreadable: false }
    }
    let descriptor: number
    try {
      descriptor = openSync(this.pathOf(name), OPEN_FLAGS)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
      if (code === 'ELOOP') return { reason: NOT_FOLLOWED, unreadable: false }
      // ENXIO: a socket (or a FIFO opened for writing); nothing a checkout holds as a file.
      if (code === 'ENXIO') return { reason: NOT_REGULAR, unreadable: false }
      return { reason: `could not be read (${code ?? 'error'})`, unreadable: true }
    }
    let size: number | undefined
    try {
      const stats = fstatSync(descriptor)
      if (stats.isFile()) size = stats.size
    } catch {
      // Not knowable: treated as not a regular file.
    }
    if (size === undefined) {
      closeSync(descriptor)
      return { reason: NOT_REGULAR, unreadable: false }
    }
    return { descriptor, size }
  }

  /** The whole file if it holds at most `maxBytes` (checked on what is read, not only on the size fstat saw). */
  readWhole(relativePath: string, maxBytes: number, name?: Buffer): WholeFile {
    const opened = this.open(relativePath, name)
    if (opened === undefined) return { missing: true }
    if (!isOpen(opened)) return { refused: opened }
    try {
      if (opened.size > maxBytes) return { tooLarge: true, size: opened.size }
      return this.readOpen(opened, maxBytes)
    } finally {
      closeSync(opened.descriptor)
    }
  }

  /** The rest of an open file, whole, if it holds at most `maxBytes`; the descriptor stays open. */
  readOpen(file: OpenFile, maxBytes: number): WholeFile {
    if (this.buffer === undefined || this.buffer.length < maxBytes + 1) {
      // Its pages are touched only as large files need them.
      this.buffer = Buffer.allocUnsafe(maxBytes + 1)
    }
    let length: number
    try {
      // One byte more than the limit allows: a file that grew past it is caught, not cut.
      length = readFully(file.descriptor, this.buffer, maxBytes + 1, file.size)
    } catch (error) {
      return {
        refused: {
          reason: `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
          unreadable: true
        }
      }
    }
    if (length > maxBytes) return { tooLarge: true, size: Math.max(length, file.size) }
    return { bytes: this.buffer.subarray(0, length) }
  }

  private pathOf(name: Buffer): Buffer {
    return this.openPrefix.length === 0 ? name : Buffer.concat([this.openPrefix, name])
  }

  /** The real directory of `name` is the checkout or inside it (no symlinked directory leads out). */
  private directoryInside(relativePath: string, name: Buffer): boolean {
    // Keyed by the decoded path, whose slashes are the name's (decodeText never makes or takes one).
    const slash = relativePath.lastIndexOf('/')
    if (slash === -1) return true
    const directoryPath = relativePath.slice(0, slash)
    let inside = this.insideRoot.get(directoryPath)
    if (inside === undefined) {
      const directory = name.subarray(0, name.lastIndexOf(0x2f))
      inside = this.directoryInside(directoryPath, directory) && this.resolvesInside(directory)
      this.insideRoot.set(directoryPath, inside)
    }
    return inside
  }

  /**
   * `directory`, whose parents are known to be inside, is a real directory or a link to one inside the
   * checkout. One lstat per directory; realpath only for links.
   */
  private resolvesInside(directory: Buffer): boolean {
    const location = this.pathOf(directory)
    try {
      if (!lstatSync(location).isSymbolicLink()) return true
      const real = realpathSync.native(location, { encoding: 'buffer' })
      return real.equals(this.root) || real.subarray(0, this.rootSlash.length).equals(this.rootSlash)
    } catch (error) {
      // A directory deleted from the working tree: its files are simply gone, as a deleted file is.
      return (error as NodeJS.ErrnoException).code === 'ENOENT'
    }
  }
}

export function isOpen(opened: OpenFile | Refusal): opened is OpenFile {
  return 'descriptor' in opened
}

/**
 * Reads until `length` bytes or the end. A read that returns less than asked once the `sizeSeen` bytes fstat
 * counted are in is the end (for a regular file a read returns less only there), so a whole file costs one read,
 * not a second one to hear that nothing is left; before that, a short read only means reading on.
 */
export function readFully(descriptor: number, into: Buffer, length: number, sizeSeen = length): number {
  let filled = 0
  while (filled < length) {
    const read = readSync(descriptor, into, filled, length - filled, null)
    if (read === 0) break
    filled += read
    if (filled >= sizeSeen && filled < length) break
  }
  return filled
}

/**
 * The checkout's top directory. `cwd` itself when it holds `.git` (a checkout's root, as GITHUB_WORKSPACE
 * is) and no GIT_DIR/GIT_WORK_TREE points elsewhere: starting git only to hear that costs more than a tenth of
 * a small tree's scan. Throws git's GitError when `cwd` is in no repository.
 */
export async function checkoutRoot(cwd: string, timeoutMs = DEFAULT_GIT_TIMEOUT_MS): Promise<string> {
  const gitDirectoryChosen = process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined
  if (!gitDirectoryChosen && existsSync(path.join(cwd, '.git'))) return path.resolve(cwd)
  const { stdout } = await runGit(['rev-parse', '--show-toplevel'], { cwd, timeoutMs })
  return stdout.replace(/\n$/, '')
}

function isWorkingDirectory(directory: Buffer): boolean {
  try {
    return directory.equals(Buffer.from(process.cwd()))
  } catch {
    return false
  }
}
