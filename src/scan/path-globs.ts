import picomatch from 'picomatch'

/**
 * The allowlist's `path:` globs as one matcher: picomatch, dotfiles included (`test/fixtures/**`). Its own
 * module, loaded only when an allowlist has globs: picomatch costs start-up time most runs never need.
 */
export function compilePathGlobs(globs: readonly string[]): (path: string) => boolean {
  const patterns = globs.map(glob => glob.trim()).filter(glob => glob !== '')
  return patterns.length > 0 ? picomatch(patterns, { dot: true }) : () => false
}
