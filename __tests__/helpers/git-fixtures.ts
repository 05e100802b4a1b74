/**
 * Real git repositories in a temp dir: a bare "origin" configured like GitHub (any reachable SHA can be
 * fetched), a working clone that commits and pushes, and checkouts made the way actions/checkout makes them
 * (depth 1 over file://, so depth applies).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Git configuration isolated from the machine running the tests. */
export const FIXTURE_GIT_ENV: Record<string, string> = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Fixture Author',
  GIT_AUTHOR_EMAIL: 'author@example.test',
  GIT_COMMITTER_NAME: 'Fixture Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.test',
  GIT_TERMINAL_PROMPT: '0'
}

export type FileContent = string | Buffer | null

export interface ImportedCommit {
  files: Record<string, string>
  message?: string
}

export class GitFixture {
  readonly root: string
  readonly originDir: string
  readonly originUrl: string
  readonly work: string
  private clones = 0
  private clock = 1_700_000_000

  constructor() {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-git-')))
    this.originDir = path.join(this.root, 'origin.git')
    this.originUrl = `file://${this.originDir}`
    this.work = path.join(this.root, 'work')
    this.git(this.root, ['init', '--quiet', '--bare', '--initial-branch=main', this.originDir])
    this.git(this.originDir, ['config', 'uploadpack.allowReachableSHA1InWant', 'true'])
    this.git(this.root, ['init', '--quiet', '--initial-branch=main', this.work])
    this.git(this.work, ['remote', 'add', 'origin', this.originUrl])
  }

  /** Run git with the isolated configuration; returns stdout (trimmed of the final newline). */
  git(cwd: string, args: string[], input?: string | Buffer): string {
    const env = {
      ...process.env,
      ...FIXTURE_GIT_ENV,
      GIT_AUTHOR_DATE: this.date(),
      GIT_COMMITTER_DATE: this.date()
    }
    return execFileSync('git', args, {
      cwd,
      env,
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 << 20
    })
      .toString('utf8')
      .replace(/\n$/, '')
  }

  /** Write (string/Buffer) or delete (null) files in the working clone and commit them; returns the SHA. */
  commit(files: Record<string, FileContent>, message = 'change'): string {
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(this.work, name)
      if (content === null) {
        fs.rmSync(file, { force: true })
      } else {
        fs.mkdirSync(path.dirname(file), { recursive: true })
        fs.writeFileSync(file, content)
      }
    }
    this.git(this.work, ['add', '--all'])
    this.git(this.work, ['commit', '--quiet', '--allow-empty', '-m', message])
    return this.head()
  }

  head(cwd = this.work, revision = 'HEAD'): string {
    return this.git(cwd, ['rev-parse', revision])
  }

  /** Many commits at once through `git fast-import` on `branch`, starting from `from`; returns their SHAs in order. */
  importCommits(branch: string, from: string, commits: ImportedCommit[]): string[] {
    const chunks: string[] = []
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`
    commits.forEach((commit, index) => {
      const when = `${this.tick()} +0000`
      chunks.push(`commit refs/heads/${branch}\nmark :${index + 1}\n`)
      chunks.push(`author Fixture Author <author@example.test> ${when}\n`)
      chunks.push(`committer Fixture Committer <committer@example.test> ${when}\n`)
      chunks.push(data(commit.message ?? `commit ${index + 1}`))
      if (index === 0) chunks.push(`from ${from}\n`)
      for (const [name, content] of Object.entries(commit.files))
        chunks.push(`M 100644 inline ${name}\n${data(content)}`)
      chunks.push('\n')
    })
    const marks = path.join(this.root, `marks-${this.tick()}`)
    this.git(this.work, ['fast-import', '--quiet', `--export-marks=${marks}`], chunks.join(''))
    const shaByMark = new Map(
      fs
        .readFileSync(marks, 'utf8')
        .trim()
        .split('\n')
        .map(line => line.split(' ') as [string, string])
    )
    return commits.map((_, index) => shaByMark.get(`:${index + 1}`) as string)
  }

  push(refspec: string, force = false): void {
    this.git(this.work, ['push', '--quiet', ...(force ? ['--force'] : []), 'origin', refspec])
  }

  /**
   * A checkout like actions/checkout's default: an empty repository, `origin` set, `git fetch --depth=1 origin
   * <ref>` and a detached checkout of it (`refs/pull/N/merge` for a pull request, the pushed SHA for a push).
   */
  actionsCheckout(ref: string, depth = 1): string {
    const dir = path.join(this.root, `checkout-${++this.clones}`)
    this.git(this.root, ['init', '--quiet', dir])
    this.git(dir, ['remote', 'add', 'origin', this.originUrl])
    this.git(dir, ['fetch', '--quiet', '--no-tags', `--depth=${depth}`, 'origin', ref])
    this.git(dir, ['checkout', '--quiet', '--detach', 'FETCH_HEAD'])
    return dir
  }

  /** `git clone --depth <n> file://origin` of a branch. */
  shallowClone(branch: string, depth = 1): string {
    const dir = path.join(this.root, `clone-${++this.clones}`)
    this.git(this.root, ['clone', '--quiet', `--depth=${depth}`, '--branch', branch, this.originUrl, dir])
    return dir
  }

  isShallow(dir: string): boolean {
    return this.git(dir, ['rev-parse', '--is-shallow-repository']) === 'true'
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true })
  }

  private date(): string {
    return `${this.tick()} +0000`
  }

  private tick(): number {
    return ++this.clock
  }
}

/** Consume a line source completely, leaving out the lines that are file names (tests of content lines). */
export async function drainContent<T extends { inFileName?: true }>(lines: AsyncIterable<T>): Promise<T[]> {
  return (await drain(lines)).filter(line => !line.inFileName)
}

/** Consume a line source completely. */
export async function drain<T>(lines: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const line of lines) all.push(line)
  return all
}
