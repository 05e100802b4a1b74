/**
 * A git on PATH that writes every command line it is given to a file, then runs the real git; with
 * `fetchDelaySeconds`, a fetch waits that long first (a slow origin).
 */
import fs from 'node:fs'
import path from 'node:path'

export function recordingGit(
  dir: string,
  { fetchDelaySeconds = 0 } = {}
): { pathEnv: string; commandLines: () => string } {
  const bin = path.join(dir, 'bin')
  const record = path.join(dir, 'git-command-lines.txt')
  const realGit = process.env.PATH?.split(path.delimiter)
    .map(entry => path.join(entry, 'git'))
    .find(candidate => fs.existsSync(candidate))
  fs.mkdirSync(bin, { recursive: true })
  fs.writeFileSync(
    path.join(bin, 'git'),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${record}'\n` +
      (fetchDelaySeconds > 0 ? `case " $* " in *" fetch "*) sleep ${fetchDelaySeconds} ;; esac\n` : '') +
      `exec '${realGit}' "$@"\n`,
    { mode: 0o755 }
  )
  return {
    pathEnv: `${bin}${path.delimiter}${process.env.PATH}`,
    commandLines: () => (fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : '')
  }
}
