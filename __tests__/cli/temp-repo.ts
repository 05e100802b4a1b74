/** A real git repository in a temp dir, committed to with isolated git configuration (CLI and contract tests). */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { FIXTURE_GIT_ENV } from '../helpers/git-fixtures.js'

export class TempRepo {
  readonly dir: string
  private clock = 1_700_000_000

  constructor(init = true) {
    this.dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'okd-cli-')))
    if (init) this.git('init', '--quiet', '--initial-branch=main')
  }

  git(...args: string[]): string {
    const date = `${++this.clock} +0000`
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...process.env, ...FIXTURE_GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      stdio: ['ignore', 'pipe', 'pipe']
    })
      .toString('utf8')
      .trim()
  }

  /** Writes (string) or deletes (null) files, without touching the index. */
  write(files: Record<string, string | null>): void {
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(this.dir, name)
      if (content === null) {
        rmSync(file, { force: true })
      } else {
        mkdirSync(path.dirname(file), { recursive: true })
        writeFileSync(file, content)
      }
    }
  }

  stage(files: Record<string, string | null>): void {
    this.write(files)
    this.git('add', '--all', '--', ...Object.keys(files))
  }

  /** Writes, stages and commits `files`; returns the new commit's SHA. */
  commit(files: Record<string, string | null>, message = 'change'): string {
    this.stage(files)
    this.git('commit', '--quiet', '--allow-empty', '-m', message)
    return this.git('rev-parse', 'HEAD')
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}
