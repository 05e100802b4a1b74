// The repository of the history benchmark: real third-party source (this checkout's node_modules) committed
// commit by commit as a project's history grows: files added, edited (blocks inserted from other real files,
// lines deleted, identifiers changed), renamed and deleted, whole packages vendored and removed, topic branches
// merged, OpenAI keys planted (some removed again later) and look-alike lines that must stay silent.
// Written with `git fast-import`, streamed (bounded memory however many commits), cached under the bench dir.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { LOOK_ALIKES, keyKind, keyLine, makeKey, pick, prng } from './corpus.mjs'
import { fastImport, readMarks, run } from './measure.mjs'
import { plantedEntry } from './score.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const AUTHORS = ['Ana Lima <ana@example.com>', 'Bo Chen <bo@example.com>', 'Dmitri K <dk@example.com>']

/** File types taken from node_modules, by extension, as the corpus's embeddings name them. */
const SOURCE_TYPES = {
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.md': 'md',
  '.json': 'json',
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.css': 'css',
  '.html': 'html',
  '.sh': 'sh',
  '.py': 'py'
}
/** A third-party file that already holds something key-shaped would be a real finding: left out. */
const KEY_SHAPED = /sk-[A-Za-z0-9_-]{16,}|T3BlbkFJ/
/** Paths fast-import takes unquoted. */
const PLAIN_PATH = /^[A-Za-z0-9._@+/-]+$/
const MIN_SOURCE_BYTES = 200
const MAX_SOURCE_BYTES = 150_000

const int = (random, min, max) => min + Math.floor(random() * (max - min + 1))

/** The source files under node_modules, in a stable order. */
function listSources(root) {
  const found = []
  const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  const walk = dir => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort(byName)) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== '.bin' && entry.name !== '.cache') walk(full)
        continue
      }
      const type = SOURCE_TYPES[path.extname(entry.name)]
      if (!type || !entry.isFile()) continue
      const relative = path.relative(root, full).split(path.sep).join('/')
      if (!PLAIN_PATH.test(relative)) continue
      const size = statSync(full).size
      if (size >= MIN_SOURCE_BYTES && size <= MAX_SOURCE_BYTES) found.push({ relative, full, type })
    }
  }
  walk(root)
  return found
}

/** A source's lines, or undefined for one that is not clean UTF-8 text without anything key-shaped. */
function readLines(source) {
  const text = readFileSync(source.full, 'utf8')
  if (text.includes('\0') || text.includes('\uFFFD') || KEY_SHAPED.test(text)) return undefined
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** The package directory of a node_modules path (`@scope/name` or `name`). */
const packageOf = relative => {
  const parts = relative.split('/')
  return parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

/** Paths with O(1) random pick and removal. */
class PathSet {
  items = []
  index = new Map()
  get size() {
    return this.items.length
  }
  has(item) {
    return this.index.has(item)
  }
  add(item) {
    if (this.index.has(item)) return
    this.index.set(item, this.items.length)
    this.items.push(item)
  }
  delete(item) {
    const at = this.index.get(item)
    if (at === undefined) return
    const last = this.items.pop()
    this.index.delete(item)
    if (last !== item) {
      this.items[at] = last
      this.index.set(last, at)
    }
  }
  pick(random) {
    return this.items[Math.floor(random() * this.items.length)]
  }
}

/**
 * Streams the history into `write` (fast-import commands). Returns what was planted, by fast-import mark.
 * `commits`: at least this many commits; `liveCapBytes`: past this tree size, the oldest vendored package is
 * removed (so a long history churns instead of growing a giant tree).
 */
async function writeHistory(write, { commits, seed, liveCapBytes, plantEvery, nodeModules }) {
  const random = prng(seed)
  const sources = listSources(nodeModules)
  const byType = {}
  for (const source of sources) (byType[source.type] ??= []).push(source)
  const cache = new Map()
  const linesOf = source => {
    if (!cache.has(source.full)) {
      if (cache.size > 256) cache.delete(cache.keys().next().value)
      cache.set(source.full, readLines(source))
    }
    return cache.get(source.full)
  }

  const files = new Map()
  const live = new PathSet()
  /** Packages on main, oldest first, with their live paths. */
  const packages = new Map()
  let liveBytes = 0
  let mark = 0
  let time = 1_600_000_000
  let nextSource = 0
  let cycle = 0
  const planted = []
  const lookAlikes = []
  const removals = new Map()
  let emittedBytes = 0

  const sizeOf = lines => lines.reduce((sum, line) => sum + line.length + 1, 0)
  const resize = file => {
    const bytes = sizeOf(file.lines)
    if (file.onMain) liveBytes += bytes - file.bytes
    file.bytes = bytes
  }
  const projectPath = relative => `${cycle === 0 ? 'packages' : `packages-v${cycle + 1}`}/${relative}`

  /** The next clean source as a new file at its project path (on `set`), or undefined past the end. */
  const addNext = (set, changes) => {
    for (;;) {
      if (nextSource >= sources.length) {
        nextSource = 0
        cycle++
      }
      const source = sources[nextSource++]
      const lines = linesOf(source)
      const relative = projectPath(source.relative)
      if (!lines || files.has(relative)) continue
      const file = { type: source.type, lines: [...lines], bytes: 0, onMain: set === live, keys: new Set() }
      files.set(relative, file)
      resize(file)
      set.add(relative)
      if (set === live) {
        const pkg = `${relative.split('/')[0]}/${packageOf(source.relative)}`
        if (!packages.has(pkg)) packages.set(pkg, new Set())
        packages.get(pkg).add(relative)
        file.pkg = pkg
      }
      changes.set(relative, { path: relative })
      return relative
    }
  }

  /** A real block of lines from another file of the same type. */
  const realBlock = type => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const lines = linesOf(pick(random, byType[type] ?? sources))
      if (!lines || lines.length < 3) continue
      const size = int(random, 3, 40)
      const start = int(random, 0, Math.max(0, lines.length - size))
      return lines.slice(start, start + size)
    }
    return ['// (no block)']
  }

  /** One to three realistic edits; lines that hold a planted key are never touched. */
  const edit = relative => {
    const file = files.get(relative)
    for (let n = int(random, 1, 3); n > 0; n--) {
      const roll = random()
      const at = int(random, 0, file.lines.length)
      if (roll < 0.45 || file.lines.length < 20) {
        file.lines.splice(at, 0, ...realBlock(file.type))
      } else if (roll < 0.7) {
        const count = int(random, 1, 15)
        const span = file.lines.slice(at, at + count)
        if (!span.some(line => file.keys.has(line))) file.lines.splice(at, count)
      } else {
        for (let i = at; i < Math.min(file.lines.length, at + int(random, 1, 4)); i++) {
          if (file.keys.has(file.lines[i])) continue
          file.lines[i] = file.lines[i].replace(
            /\b([A-Za-z_][A-Za-z0-9_]{2,})\b|\b(\d+)\b/,
            (word, name, digits) =>
              name ? `${name}${pick(random, ['Next', 'V2', 'Safe', 'Local'])}` : String(Number(digits) + 1)
          )
        }
      }
    }
    resize(file)
  }

  const remove = (relative, changes) => {
    const file = files.get(relative)
    if (file.onMain) liveBytes -= file.bytes
    packages.get(file.pkg)?.delete(relative)
    files.delete(relative)
    live.delete(relative)
    changes.set(relative, { path: relative, deleted: true })
  }

  /** A small edit and a new name: git sees a rename, and the file's unchanged lines are no new lines. */
  const rename = (relative, changes) => {
    const file = files.get(relative)
    const to = relative.replace(/([^/]+)$/, `renamed-$1`)
    if (files.has(to) || file.lines.length < 40) return
    files.delete(relative)
    files.set(to, file)
    live.delete(relative)
    live.add(to)
    packages.get(file.pkg)?.delete(relative)
    packages.get(file.pkg)?.add(to)
    file.lines.push(...realBlock(file.type).slice(0, 2))
    resize(file)
    changes.set(to, { path: to, renamedFrom: relative })
  }

  const plant = (relative, mainIndex, removable) => {
    const file = files.get(relative)
    const key = makeKey(random)
    const { text, context } = keyLine(random, file.type, key)
    file.lines.splice(int(random, 0, file.lines.length), 0, text)
    file.keys.add(text)
    resize(file)
    const entry = { key, kind: keyKind(key), context, file: relative, text, mark: mark + 1, holder: file }
    planted.push(entry)
    if (removable && random() < 0.35) {
      const at = mainIndex + int(random, 3, 400)
      removals.set(at, [...(removals.get(at) ?? []), entry])
    }
  }

  const decoy = relative => {
    const file = files.get(relative)
    const [kind, text] = pick(random, LOOK_ALIKES)
    file.lines.splice(int(random, 0, file.lines.length), 0, text)
    resize(file)
    lookAlikes.push({ kind, file: relative, text, mark: mark + 1 })
  }

  const commit = async (ref, message, changes, { from, merge } = {}) => {
    mark++
    time += int(random, 60, 7200)
    const author = pick(random, AUTHORS)
    let head = `commit ${ref}\nmark :${mark}\nauthor ${author} ${time} +0000\ncommitter ${author} ${time} +0000\n`
    head += `data ${Buffer.byteLength(message)}\n${message}\n`
    if (from !== undefined) head += `from :${from}\n`
    if (merge !== undefined) head += `merge :${merge}\n`
    await write(head)
    for (const change of changes.values()) {
      if (change.deleted) {
        await write(`D ${change.path}\n`)
        continue
      }
      if (change.renamedFrom) await write(`R ${change.renamedFrom} ${change.path}\n`)
      const data = Buffer.from(`${files.get(change.path).lines.join('\n')}\n`)
      emittedBytes += data.length
      await write(`M 100644 inline ${change.path}\ndata ${data.length}\n`)
      await write(data)
      await write('\n')
    }
    await write('\n')
    // Lines of what this commit planted, as the commit holds them.
    for (const entry of [...planted, ...lookAlikes]) {
      if (entry.mark === mark && entry.line === undefined)
        entry.line = files.get(entry.file).lines.indexOf(entry.text) + 1
    }
    return mark
  }

  const describe = changes => {
    const list = [...changes.values()]
    const first = list[0]?.path.split('/').pop() ?? 'files'
    if (list.every(change => change.deleted))
      return `Remove ${first}${list.length > 1 ? ` and ${list.length - 1} more` : ''}`
    if (list.some(change => change.renamedFrom)) return `Rename ${first} and update callers`
    return `${pick(random, ['Update', 'Fix', 'Refactor', 'Tidy', 'Extend'])} ${first}${list.length > 1 ? ` (+${list.length - 1})` : ''}`
  }

  /** The topic's files join main in a merge commit (a clean merge: it adds no line of its own). */
  const mergeTopic = async topic => {
    const merged = new Map()
    for (const relative of topic.paths.items) {
      const file = files.get(relative)
      file.onMain = true
      liveBytes += file.bytes
      live.add(relative)
      merged.set(relative, { path: relative })
    }
    return commit('refs/heads/main', `Merge branch '${topic.name}'`, merged, { merge: topic.tip })
  }

  let mainTip
  let pendingMerge
  for (let index = 0; mark < commits; index++) {
    const changes = new Map()
    if (live.size < 40 || random() < 0.02) {
      // A package vendored at once: many files in one commit.
      const pkg = packageOf(sources[nextSource % sources.length].relative)
      for (let n = 0; n < 150; n++) {
        const relative = addNext(live, changes)
        if (packageOf(relative.split('/').slice(1).join('/')) !== pkg) break
      }
    } else if (random() < 0.55) {
      for (let n = int(random, 1, 4); n > 0; n--) addNext(live, changes)
    }
    for (let n = live.size > 0 ? int(random, 1, 5) : 0; n > 0; n--) {
      const relative = live.pick(random)
      if (changes.get(relative)?.deleted || changes.get(relative)?.renamedFrom) continue
      edit(relative)
      changes.set(relative, { path: relative })
    }
    if (random() < 0.03) {
      const relative = live.pick(random)
      if (!changes.has(relative)) remove(relative, changes)
    }
    if (random() < 0.03) {
      const relative = live.pick(random)
      if (!changes.has(relative)) rename(relative, changes)
    }
    if (liveBytes > liveCapBytes && packages.size > 1) {
      const [oldest, paths] = packages.entries().next().value
      for (const relative of paths) remove(relative, changes)
      packages.delete(oldest)
    }
    for (const entry of removals.get(index) ?? []) {
      const file = files.get(entry.file)
      const at = file?.lines.indexOf(entry.text) ?? -1
      if (!file || at === -1 || changes.get(entry.file)?.renamedFrom) continue
      file.lines.splice(at, 1)
      file.keys.delete(entry.text)
      resize(file)
      changes.set(entry.file, { path: entry.file })
    }
    removals.delete(index)
    const editable = [...changes.values()].filter(change => !change.deleted && !change.renamedFrom)
    if (random() < 1 / plantEvery) {
      const roll = random()
      if (roll < 0.2) {
        const relative = `config/${pick(random, ['staging', 'local', 'ci', 'demo'])}-${index}.env`
        files.set(relative, {
          type: 'env',
          lines: ['# copy to .env'],
          bytes: 0,
          onMain: true,
          keys: new Set()
        })
        live.add(relative)
        changes.set(relative, { path: relative })
        plant(relative, index, true)
      } else if (editable.length > 0) {
        plant(pick(random, editable).path, index, true)
      }
    }
    if (random() < 0.08 && editable.length > 0) decoy(pick(random, editable).path)
    if (changes.size === 0) continue
    mainTip = await commit('refs/heads/main', describe(changes), changes)

    if (pendingMerge && pendingMerge.at <= index) {
      mainTip = await mergeTopic(pendingMerge)
      pendingMerge = undefined
    } else if (!pendingMerge && random() < 1 / 40) {
      // A topic branch: new files of its own, edited and sometimes holding a key, merged a few commits later.
      const name = `topic/${pick(random, ['search', 'billing', 'export', 'auth', 'cache'])}-${index}`
      const paths = new PathSet()
      let tip
      for (let n = int(random, 2, 5); n > 0; n--) {
        const branchChanges = new Map()
        for (let k = int(random, 1, 2); k > 0; k--) addNext(paths, branchChanges)
        const relative = paths.pick(random)
        if (!branchChanges.has(relative)) {
          edit(relative)
          branchChanges.set(relative, { path: relative })
        }
        if (random() < 0.3) plant(pick(random, [...branchChanges.keys()]), index, false)
        tip = await commit(`refs/heads/${name}`, describe(branchChanges), branchChanges, {
          from: tip === undefined ? mainTip : undefined
        })
      }
      pendingMerge = { name, paths, tip, at: index + int(random, 1, 6) }
    }
  }
  if (pendingMerge) await mergeTopic(pendingMerge)
  // Still in HEAD: its file is alive (whatever its name now) and still holds the line.
  const alive = new Set(files.values())
  for (const entry of planted) entry.removed = !alive.has(entry.holder) || !entry.holder.keys.has(entry.text)
  return { planted, lookAlikes, marks: mark, emittedBytes, sources: sources.length }
}

/**
 * The history repository under `baseDir`, generated unless an identical one (same generator and parameters) is
 * there. Returns `{ repo, manifest, reused }`; the manifest holds planted keys only redacted and hashed.
 */
export async function ensureHistoryRepo(baseDir, params) {
  const nodeModules = path.join(here, '..', 'node_modules')
  const stamp = createHash('sha256')
    .update(readFileSync(path.join(here, 'history-repo.mjs')))
    .update(readFileSync(path.join(here, 'corpus.mjs')))
    .update(JSON.stringify(params))
    .digest('hex')
    .slice(0, 12)
  const dir = path.join(baseDir, `history-${params.name}-${stamp}`)
  const repo = path.join(dir, 'repo')
  const manifestFile = path.join(dir, 'manifest.json')
  if (existsSync(manifestFile) && existsSync(path.join(repo, '.git'))) {
    return { repo, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')), reused: true }
  }
  for (const entry of existsSync(baseDir) ? readdirSync(baseDir) : []) {
    if (entry.startsWith(`history-${params.name}-`))
      rmSync(path.join(baseDir, entry), { recursive: true, force: true })
  }
  mkdirSync(repo, { recursive: true })
  const started = performance.now()
  run('git', ['init', '-q', '-b', 'main', repo])
  const marksFile = path.join(dir, 'marks')
  const history = await fastImport(repo, ['fast-import', '--quiet', `--export-marks=${marksFile}`], write =>
    writeHistory(write, { ...params, nodeModules })
  )
  const generatedMs = performance.now() - started
  // Packed as a clone would be, and checked out: the scan reads a real repository.
  run('git', ['repack', '-a', '-d', '-q'], { cwd: repo })
  run('git', ['reset', '-q', '--hard', 'main'], { cwd: repo })
  const shaOf = readMarks(marksFile)
  const commits = Number(run('git', ['rev-list', '--count', 'main'], { cwd: repo }).trim())
  const manifest = {
    params,
    commits,
    sources: history.sources,
    importedBytes: history.emittedBytes,
    planted: history.planted.map(entry => ({
      ...plantedEntry({ ...entry, commit: shaOf.get(entry.mark) }),
      removedLater: entry.removed
    })),
    lookAlikes: history.lookAlikes.map(({ kind, file, line }) => ({ kind, file, line })),
    generatedMs,
    packedMs: performance.now() - started - generatedMs
  }
  writeFileSync(manifestFile, JSON.stringify(manifest))
  return { repo, manifest, reused: false }
}
