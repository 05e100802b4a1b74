/**
 * Hostile pull-request content through the built action, with real git repositories: names and lines built
 * to inject workflow commands, markdown and HTML; symbolic links out of the workspace (to a file holding a
 * key, to a FIFO that would hang any reader, and as the allowlist file); a submodule; invalid UTF-8; a 1 GiB
 * sparse file. The runner must see only our commands, the summary must stay inert, nothing outside the
 * workspace may be read, and the summary must say what was skipped and why.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js'
import { GitFixture } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'
import { cleanup, runAction, type ActionRun } from '../helpers/runner-harness.js'
import { commandsIn } from '../report/runner-commands.js'
import { leakRows } from '../helpers/summary-leaks.js'
import { readCodeSpan } from '../report/markdown-check.js'
import { markdownInjections, unpicture } from './markdown-safety.js'
import { expectNoKey } from '../helpers/no-key.js'
import { expectCleanEnd, readable } from './support.js'

/** Names and contents that try every injection; each holds one key, so each gets an annotation. */
const HOSTILE_FILES: Array<{ name: string; content: (key: string) => string }> = [
  { name: 'evil\n::warning title=pwned::injected.txt', content: key => `OPENAI_API_KEY=${key}\n` },
  { name: '100%25 done%0A::error::x.txt', content: key => `key: "${key}"\n` },
  { name: 'a:b,c::d,e=f.env', content: key => `${key}\n` },
  { name: '<img src=x onerror=alert(1)>.md', content: key => `<img src=x onerror=alert(1)> ${key}\n` },
  {
    name: '[x](javascript:alert(1)).md',
    content: key => `[click](javascript:alert(document.cookie)) ${key}\n`
  },
  { name: '@org/team.md', content: key => `@org/team please review ${key}\n` },
  { name: '# Heading\t|pipe| `tick`.txt', content: key => `# ${key} | |\n` },
  {
    name: 'commands.sh',
    content: key =>
      [
        '::stop-commands::pwned',
        '::add-mask::not-a-secret',
        '::set-output name=x::y',
        '::warning file=x,line=1::injected warning',
        '##[error]legacy injected error',
        `  ::error title=mid::${key} ::endgroup::`,
        '::pwned::'
      ].join('\n') + '\n'
  }
]
const KEYS = HOSTILE_FILES.map((_, index) =>
  makeKey((['project', 'legacy', 'service-account', 'admin', 'none'] as const)[index % 5], 900 + index)
)
/** Invalid UTF-8 in the name and around the key. */
const LATIN1_NAME = Buffer.from([0x62, 0x61, 0x64, 0x2d, 0xff, 0xfe, 0x2e, 0x74, 0x78, 0x74])
const LATIN1_KEY = makeKey('project', 950)
const OUTSIDE_KEY = makeKey('project', 951)
/** Checked against the fake API, which does not know it: invalid, so the repository checks run too. */
const CONFIGURED_KEY = makeKey('project', 952)
const ALL_KEYS = [...KEYS, LATIN1_KEY, OUTSIDE_KEY, CONFIGURED_KEY]
const HOSTILE_COMMIT_MESSAGE = '::stop-commands::x\n\n::warning::from a commit message\n##[error]legacy'
const OUR_TITLE =
  /^(Committed OpenAI .* key( \(LIVE\))?|openai-key-doctor|Part of the change was not scanned for keys|File not scanned for keys|(OpenAI key [a-z-]+ \([a-z-]+\)(; )?)?(\d+ committed keys? found(, \d+ live)?)?((; )?not everything could be scanned for keys)?)$/

let fx: GitFixture
let outside: string
const runs: ActionRun[] = []
let fake: FakeOpenAI
let checkout: string
let event: Record<string, unknown>
let headSha: string

beforeAll(async () => {
  fx = new GitFixture()
  outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-outside-')))
  fake = await startFakeOpenAI({ validKeys: [] })
  fs.writeFileSync(path.join(outside, 'secret.txt'), `OPENAI_API_KEY=${OUTSIDE_KEY}\n`)
  fs.writeFileSync(path.join(outside, 'allow-everything'), 'path: **\n')
  execFileSync('mkfifo', [path.join(outside, 'fifo')])

  const base = fx.commit({ 'README.md': 'base\n' }, 'base')
  fx.push('main')
  fx.git(fx.work, ['checkout', '--quiet', '-b', 'feature'])
  fx.commit(
    {
      ...Object.fromEntries(HOSTILE_FILES.map((file, index) => [file.name, file.content(KEYS[index])])),
      'huge.js': 'small for now\n'
    },
    HOSTILE_COMMIT_MESSAGE
  )
  fs.writeFileSync(
    Buffer.concat([Buffer.from(`${fx.work}/`), LATIN1_NAME]),
    Buffer.concat([
      Buffer.from([0xff, 0xc3, 0x20]),
      Buffer.from(LATIN1_KEY),
      Buffer.from([0x20, 0xe2, 0x82, 0x0a])
    ])
  )
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(fx.work, 'link-out.txt'))
  fs.symlinkSync(path.join(outside, 'fifo'), path.join(fx.work, 'link-fifo.js'))
  fs.symlinkSync(path.join(outside, 'allow-everything'), path.join(fx.work, '.openai-key-doctor-ignore'))
  fx.git(fx.work, ['add', '--all'])
  fx.git(fx.work, ['commit', '--quiet', '-m', 'links and bytes'])
  fx.git(fx.work, ['update-index', '--add', '--cacheinfo', `160000,${base},vendor/lib`])
  fx.git(fx.work, ['commit', '--quiet', '-m', 'a submodule'])
  headSha = fx.head()
  fx.push('feature')

  checkout = fx.actionsCheckout(headSha)
  event = {
    repository: { full_name: 'octo/app' },
    pull_request: {
      number: 5,
      commits: 3,
      title: '::warning::hostile title <img src=x onerror=alert(1)>',
      base: { sha: base, ref: 'main', repo: { full_name: 'octo/app' } },
      head: { sha: headSha, ref: 'feature', repo: { full_name: 'octo/app' } }
    }
  }
})
afterAll(async () => {
  await fake?.close()
  fx?.cleanup()
  if (outside) fs.rmSync(outside, { recursive: true, force: true })
})
afterEach(() => {
  for (const run of runs.splice(0)) cleanup(run)
})

async function doctor(scan: string, options: Parameters<typeof runAction>[0] = {}): Promise<ActionRun> {
  const run = await runAction({
    eventName: 'pull_request',
    event,
    workspace: checkout,
    timeoutMs: 30_000,
    ...options,
    inputs: { 'api-key': CONFIGURED_KEY, 'base-url': fake.baseUrl, scan, timeout: '2' }
  })
  runs.push(run)
  expectCleanEnd(run)
  expectNoKey(run, ...ALL_KEYS)
  expectOnlyOurCommands(run)
  expect(markdownInjections(run.summary)).toEqual([])
  // The key behind the link outside the workspace was never read: never found, never masked.
  expect(run.masks).not.toContain(OUTSIDE_KEY)
  return run
}

/** Every command the runner would act on is ours: masks of known keys, our annotations, nothing else. */
function expectOnlyOurCommands(run: ActionRun): void {
  for (const command of commandsIn(run.stdout)) {
    expect({ command: command.command, legacy: command.legacy }).toEqual({
      command: expect.stringMatching(/^(add-mask|error|warning|notice|debug)$/),
      legacy: false
    })
    if (command.command === 'add-mask') expect(ALL_KEYS).toContain(command.data)
    if (command.properties.title !== undefined) expect(command.properties.title).toMatch(OUR_TITLE)
  }
  expect(run.stdout).not.toMatch(/^\s*::(stop-commands|set-output|set-env|add-path|pwned|endgroup)/m)
}

/** Files the leak table links to, decoded from the link (exact) and from the code span shown (visible form). */
function linkedFiles(summary: string): Array<{ fromUrl: string; shown: string }> {
  return leakRows(summary).map(({ cells }) => {
    const link = /^\[(.*)\]\(https:\/\/github\.com\/octo\/app\/blob\/[0-9a-f]{40}\/(.*)#L\d+\)$/.exec(
      cells.File
    )
    if (!link) throw new Error(`file cell is not a repository link: ${cells.File.slice(0, 80)}`)
    return {
      fromUrl: link[2].split('/').map(decodeURIComponent).join('/'),
      shown: unpicture(readCodeSpan(link[1], 'table').replace(/:\d+$/, ''))
    }
  })
}

describe('a pull request built to attack the runner and the summary (scan: changed)', () => {
  it('annotates each hostile file by its exact name and injects nothing', async () => {
    const run = await doctor('changed')
    expect(run.outputs).toMatchObject({
      'key-status': 'invalid',
      leaks: String(HOSTILE_FILES.length + 1),
      'live-leaks': '0'
    })
    expect(run.exitCode).toBe(1)

    // As the runner parses them: file properties decode back to the exact hostile names.
    const annotated = commandsIn(run.stdout)
      .filter(command => command.command === 'error' && command.properties.file !== undefined)
      .map(command => command.properties.file)
    for (const file of HOSTILE_FILES) expect(annotated).toContain(file.name)
    expect(annotated).toHaveLength(HOSTILE_FILES.length + 1)

    const linked = linkedFiles(run.summary)
    for (const file of HOSTILE_FILES) {
      expect(linked).toContainEqual({ fromUrl: file.name, shown: file.name })
    }
    // The allowlist behind a symbolic link was not followed (it would have allowed everything), and says so.
    expect(readable(run.summary)).toContain('.openai-key-doctor-ignore is a symbolic link: not read')
    // What could not be scanned is listed with the reason.
    expect(readable(run.summary)).toMatch(
      /submodule: scan it in its own repository[^\n]*\n\s+- ` vendor\/lib `/
    )
  })
})

describe('the same tree scanned whole (scan: all) with a 1 GiB sparse file', () => {
  it('skips the huge file without reading it, does not follow links, and says why', async () => {
    fs.truncateSync(path.join(checkout, 'huge.js'), 1024 ** 3)
    const ioReport = path.join(outside, 'io.txt')
    const probe = path.join(outside, 'io-probe.cjs')
    fs.writeFileSync(
      probe,
      "process.on('exit', () => { try { require('fs').writeFileSync(process.env.OKD_IO_REPORT, require('fs').readFileSync('/proc/self/io', 'utf8')) } catch {} })\n"
    )
    const started = Date.now()
    const run = await doctor('all', {
      eventName: 'push',
      event: { after: headSha, repository: { full_name: 'octo/app' } },
      env: { NODE_OPTIONS: `--require ${probe}`, OKD_IO_REPORT: ioReport }
    })
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(run.outputs).toMatchObject({ leaks: String(HOSTILE_FILES.length + 1) })
    const summary = readable(run.summary)
    expect(summary).toMatch(/larger than 256 MiB: not scanned[^\n]*\n\s+- ` huge\.js `/)
    expect(summary).toMatch(/symbolic link: not followed[^\n]*\n(\s+- ` [^\n]+ `\n)*\s+- ` link-out\.txt `/)
    expect(summary).toMatch(/submodule: scan it in its own repository[^\n]*\n\s+- ` vendor\/lib `/)
    if (fs.existsSync('/proc/self/io')) {
      const readBytes = Number(/^rchar: (\d+)$/m.exec(fs.readFileSync(ioReport, 'utf8'))?.[1])
      expect(readBytes).toBeLessThan(100 * 1024 * 1024)
    }
  })
})

describe('the same pull request scanned whole-history (scan: history) from a depth-1 checkout', () => {
  it('fetches the history, annotates each hostile file by its exact name and injects nothing', async () => {
    const run = await doctor('history', {
      eventName: 'push',
      event: { after: headSha, repository: { full_name: 'octo/app' } }
    })
    expect(run.outputs).toMatchObject({ leaks: String(HOSTILE_FILES.length + 1) })
    const annotated = commandsIn(run.stdout)
      .filter(command => command.command === 'error' && command.properties.file !== undefined)
      .map(command => command.properties.file)
    for (const file of HOSTILE_FILES) expect(annotated).toContain(file.name)
    expect(readable(run.summary)).toMatch(
      /submodule: scan it in its own repository[^\n]*\n\s+- ` vendor\/lib `/
    )
  })
})

describe('the injection check used above', () => {
  it('flags every kind of markup hostile text could create, and passes the same text made inert', () => {
    for (const raw of [
      '| x | <img src=x onerror=alert(1)> |',
      'see [x](javascript:alert(1))',
      'ping @org/team',
      '# Heading from a file name',
      'visit https://evil.test/x',
      '[`a`](https://evil.test/)'
    ]) {
      expect({ raw, flagged: markdownInjections(raw).length > 0 }).toEqual({ raw, flagged: true })
    }
    for (const inert of [
      '| x | ` <img src=x onerror=alert(1)> ` |',
      'see \\[x\\]\\(javascript\\:alert\\(1\\)\\)',
      'ping @\u200dorg/team',
      '\\# Heading from a file name',
      'visit https:\u200b//evil.test/x',
      '[` a `](https://github.com/octo/app/blob/0/a#L1)'
    ]) {
      expect({ inert, problems: markdownInjections(inert) }).toEqual({ inert, problems: [] })
    }
  })
})
