// The git repositories the benchmark scans: the big tree corpus (cached between runs) and the origin of a
// pull request. Both are written with `git fast-import`, which is many times faster than `git add`.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { codeLine, keyLine, makeKey, pick, prng, writeCorpus } from './corpus.mjs'
import { fastImport, readMarks, run } from './measure.mjs'
import { plantedEntry } from './score.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const AUTHOR = 'Bench Dev <bench@example.com>'

/**
 * Streams the files at `paths` (their bytes from `readData`) into one commit on `main` of the repository at `cwd`;
 * speed over pack size.
 */
async function importTree(cwd, paths, readData) {
  const args = [
    '-c',
    'core.compression=0',
    '-c',
    'pack.compression=0',
    'fast-import',
    '--quiet',
    '--big-file-threshold=1k'
  ]
  await fastImport(cwd, args, async write => {
    for (const [index, relative] of paths.entries()) {
      const data = readData(relative)
      await write(`blob\nmark :${index + 1}\ndata ${data.length}\n`)
      await write(data)
      await write('\n')
    }
    let commit = `commit refs/heads/main\nauthor ${AUTHOR} 1700000000 +0000\ncommitter ${AUTHOR} 1700000000 +0000\ndata 7\ncorpus\n`
    for (const [index, relative] of paths.entries()) commit += `M 100644 :${index + 1} ${relative}\n`
    await write(`${commit}\n`)
  })
}

/**
 * The tree corpus under `baseDir`, generated and committed unless an identical one (same generator source and
 * parameters) is already there. Returns `{ repo, manifest, reused }`; the manifest holds planted keys only as
 * file, line, redacted form and hash.
 */
export async function ensureTreeCorpus(baseDir, params) {
  const stamp = createHash('sha256')
    .update(readFileSync(path.join(here, 'corpus.mjs')))
    .update(JSON.stringify(params))
    .digest('hex')
    .slice(0, 12)
  const dir = path.join(baseDir, `tree-${stamp}`)
  const repo = path.join(dir, 'repo')
  const manifestFile = path.join(dir, 'manifest.json')
  if (existsSync(manifestFile) && existsSync(path.join(repo, '.git'))) {
    return { repo, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')), reused: true }
  }
  mkdirSync(baseDir, { recursive: true })
  for (const entry of readdirSync(baseDir)) {
    if (/^tree-[0-9a-f]{12}$/.test(entry)) rmSync(path.join(baseDir, entry), { recursive: true, force: true })
  }
  const started = performance.now()
  const corpus = writeCorpus(repo, params)
  const generatedMs = performance.now() - started
  run('git', ['init', '-q', '-b', 'main', repo])
  await importTree(repo, corpus.paths, relative => readFileSync(path.join(repo, relative)))
  // The index, without hashing every file again: `scan: all` lists files with `git ls-files --stage`.
  run('git', ['read-tree', 'main'], { cwd: repo })
  const manifest = {
    params,
    files: corpus.files,
    bytes: corpus.bytes,
    extensions: corpus.extensions,
    planted: corpus.planted.map(plantedEntry),
    lookAlikes: corpus.lookAlikes,
    generatedMs,
    committedMs: performance.now() - started - generatedMs
  }
  writeFileSync(manifestFile, JSON.stringify(manifest))
  return { repo, manifest, reused: false }
}

const PR_EXTENSIONS = ['ts', 'ts', 'js', 'py', 'py', 'go', 'md', 'yaml', 'json']

/**
 * A bare origin with a base history on `main` and a pull-request branch of `prCommits` commits that touch a
 * few hundred files and plant keys: in edited files, in new files, in a renamed file, and one key that a later
 * commit removes (still a leak: it stays in history); one commit deletes a file. `main` moves on after the fork, as it does in real life.
 * Returns `{ origin, branch, event, headSha, planted, commits, touchedFiles }`.
 */
export function buildPullRequestOrigin(
  dir,
  { seed = 7, baseFiles = 600, baseCommits = 20, prCommits = 50 } = {}
) {
  const random = prng(seed)
  const files = new Map()
  let stream = ''
  let mark = 0
  let time = 1_700_000_000
  const planted = []
  const touched = new Set()

  const newFile = (relative, ext) => {
    const lines = []
    const target = Math.round(300 * Math.exp(random() * Math.log(130)))
    for (let size = 0; size < target;) {
      const line = codeLine(random, ext)
      lines.push(...line.split('\n'))
      size += line.length + 1
    }
    files.set(relative, { ext, lines })
    return relative
  }
  const fileData = relative => `${files.get(relative).lines.join('\n')}\n`
  const commit = (branch, message, changes, from) => {
    mark++
    time += 97
    let text = `commit refs/heads/${branch}\nmark :${mark}\nauthor ${AUTHOR} ${time} +0000\ncommitter ${AUTHOR} ${time} +0000\n`
    text += `data ${Buffer.byteLength(message)}\n${message}\n`
    if (from !== undefined) text += `from :${from}\n`
    for (const change of changes) {
      if (change.deleted) {
        text += `D ${change.path}\n`
        continue
      }
      if (change.renamedFrom) text += `R ${change.renamedFrom} ${change.path}\n`
      const data = fileData(change.path)
      text += `M 100644 inline ${change.path}\ndata ${Buffer.byteLength(data)}\n${data}\n`
    }
    stream += text
    return mark
  }
  /** Inserts a block of ordinary lines at a random place. */
  const edit = relative => {
    const file = files.get(relative)
    const block = []
    const size = 2 + Math.floor(random() * 28)
    for (let i = 0; i < size; i++) block.push(...codeLine(random, file.ext).split('\n'))
    file.lines.splice(Math.floor(random() * (file.lines.length + 1)), 0, ...block)
  }
  /** Inserts a few lines ending with one that holds a new key; its line number is known once the commit is. */
  const plant = (relative, commitMark) => {
    const file = files.get(relative)
    const key = makeKey(random)
    const lines = []
    for (let i = Math.floor(random() * 6); i > 0; i--) lines.push(...codeLine(random, file.ext).split('\n'))
    const { text, context } = keyLine(random, file.ext, key)
    lines.push(text)
    file.lines.splice(Math.floor(random() * (file.lines.length + 1)), 0, ...lines)
    planted.push({ key, file: relative, commitMark, context, text })
  }

  const areas = ['api', 'web', 'worker', 'shared', 'infra']
  for (let i = 0; i < baseFiles; i++) {
    const ext = pick(random, PR_EXTENSIONS)
    newFile(`${pick(random, areas)}/${pick(random, ['src', 'lib', 'test', 'docs'])}/module${i}.${ext}`, ext)
  }
  const all = [...files.keys()]
  let baseMark = commit(
    'main',
    'Initial import',
    all.map(p => ({ path: p }))
  )
  for (let i = 1; i < baseCommits; i++) {
    const changes = [...new Set([...Array(10)].map(() => pick(random, all)))]
    for (const relative of changes) edit(relative)
    baseMark = commit(
      'main',
      `Base change ${i}`,
      changes.map(p => ({ path: p }))
    )
  }

  const pool = all.filter(() => random() < 0.5).slice(0, 300)
  const branch = 'feature/bench-pr'
  let headMark
  let removable
  for (let i = 1; i <= prCommits; i++) {
    const changes = new Map()
    for (const relative of new Set([...Array(6 + Math.floor(random() * 9))].map(() => pick(random, pool)))) {
      edit(relative)
      changes.set(relative, { path: relative })
    }
    const nextMark = mark + 1
    if (i % 3 === 1) {
      const relative = [...changes.keys()][0]
      plant(relative, nextMark)
      if (i === 4) removable = planted.at(-1)
    }
    if (i % 10 === 0) {
      const relative = newFile(`web/src/feature${i}.ts`, 'ts')
      plant(relative, nextMark)
      changes.set(relative, { path: relative })
    }
    if (i === 12) {
      const from = pool.find(relative => !changes.has(relative) && files.get(relative).ext === 'py')
      const to = from.replace(/module(\d+)\.py$/, 'renamed_module$1.py')
      files.set(to, files.get(from))
      files.delete(from)
      pool.splice(pool.indexOf(from), 1, to)
      plant(to, nextMark)
      changes.set(to, { path: to, renamedFrom: from })
    }
    if (i === 20) {
      const relative = `.env.${i}.example`
      files.set(relative, { ext: 'env', lines: ['# copy to .env'] })
      plant(relative, nextMark)
      plant(relative, nextMark)
      changes.set(relative, { path: relative })
    }
    if (i === 40) {
      const gone = pool.find(relative => !changes.has(relative) && relative !== removable?.file)
      files.delete(gone)
      pool.splice(pool.indexOf(gone), 1)
      changes.set(gone, { path: gone, deleted: true })
    }
    if (i === 33 && removable) {
      // A later commit deletes the line: the key is still in history, reported with the commit that added it.
      const file = files.get(removable.file)
      file.lines.splice(file.lines.indexOf(removable.text), 1)
      changes.set(removable.file, { path: removable.file })
    }
    for (const relative of changes.keys()) touched.add(relative)
    headMark = commit(branch, `PR change ${i}`, [...changes.values()], i === 1 ? baseMark : undefined)
  }
  // Findings are placed in the pull request's head: a key's line there, or none when a later commit removed it.
  for (const entry of planted) {
    const at = files.get(entry.file)?.lines.indexOf(entry.text) ?? -1
    entry.line = at === -1 ? undefined : at + 1
  }
  const touchedFiles = touched.size
  // main moves on after the fork, in files the pull request does not touch.
  let mainMark = baseMark
  for (let i = 1; i <= 2; i++) {
    const relative = all.find(
      candidate => !touched.has(candidate) && files.has(candidate) && !pool.includes(candidate)
    )
    edit(relative)
    mainMark = commit('main', `Main moves on ${i}`, [{ path: relative }], i === 1 ? baseMark : undefined)
  }

  const origin = path.join(dir, 'origin.git')
  run('git', ['init', '-q', '--bare', '-b', 'main', origin])
  for (const [name, value] of [
    ['uploadpack.allowAnySHA1InWant', 'true'],
    ['uploadpack.allowReachableSHA1InWant', 'true'],
    ['uploadpack.allowFilter', 'true']
  ]) {
    run('git', ['config', name, value], { cwd: origin })
  }
  const marksFile = path.join(dir, 'marks')
  run('git', ['fast-import', '--quiet', `--export-marks=${marksFile}`], { cwd: origin, input: stream })
  const shaOf = readMarks(marksFile)
  const baseSha = shaOf.get(mainMark)
  const headSha = shaOf.get(headMark)
  const repository = { full_name: 'octo/app', name: 'app', owner: { login: 'octo' }, default_branch: 'main' }
  const event = {
    action: 'synchronize',
    number: 42,
    pull_request: {
      number: 42,
      commits: prCommits,
      base: { sha: baseSha, ref: 'main', repo: { full_name: 'octo/app' } },
      head: { sha: headSha, ref: branch, repo: { full_name: 'octo/app' } }
    },
    repository
  }
  return {
    origin,
    branch,
    event,
    headSha,
    commits: prCommits,
    touchedFiles,
    bytes: Buffer.byteLength(stream),
    planted: planted.map(entry => plantedEntry({ ...entry, commit: shaOf.get(entry.commitMark) }))
  }
}
