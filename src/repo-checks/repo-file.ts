import { compareCodeUnits } from '../core/order.js'

/** One repository file as the checks see it: a workspace-relative POSIX path and its UTF-8 text. */
export interface RepoFile {
  path: string
  text: string
}

/** Whether the text (or the bytes: the words are ASCII, so found alike before decoding) holds any of the words. */
export function holdsAny(content: string | Buffer, words: readonly string[]): boolean {
  return words.some(word => content.includes(word))
}

/** Maps character offsets of one text to 1-based line numbers. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return offset => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle] <= offset) low = middle
      else high = middle - 1
    }
    return low + 1
  }
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** '' for a file at the repository root. */
export function dirName(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash === -1 ? '' : path.slice(0, slash)
}

export function isWorkflowPath(path: string): boolean {
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path)
}

/** `.env`, `.env.example`, `.env.local.sample`, `example.env`, …: files that document env var names. */
export function isDotenvPath(path: string): boolean {
  const name = baseName(path)
  return /^\.env(\.[\w.-]+)?$/.test(name) || /^[\w.-]+\.env$/.test(name)
}

export const JS_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']

export function isJsPath(path: string): boolean {
  return JS_EXTENSIONS.some(extension => path.endsWith(extension))
}

export function byPathThenLine(a: { path: string; line: number }, b: { path: string; line: number }): number {
  return compareCodeUnits(a.path, b.path) || a.line - b.line
}
