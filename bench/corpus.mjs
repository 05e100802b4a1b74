// Generates a deterministic corpus of real-looking source files with planted keys and look-alikes.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const MARKER = 'T3BlbkFJ'

export function prng(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = (random, items) => items[Math.floor(random() * items.length)]
const chars = (random, alphabet, n) =>
  Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')

/** A real-looking OpenAI key of each known shape. */
export function makeKey(random) {
  const kind = pick(random, [
    'legacy',
    'early-project',
    'project',
    'project-short',
    'svcacct',
    'admin',
    'none'
  ])
  switch (kind) {
    case 'legacy':
      return `sk-${chars(random, ALNUM, 20)}${MARKER}${chars(random, ALNUM, 20)}`
    case 'early-project':
      return `sk-proj-${chars(random, ALNUM, 20)}${MARKER}${chars(random, ALNUM, 20)}`
    case 'project':
      return `sk-proj-${chars(random, B64URL, 74)}${MARKER}${chars(random, B64URL, 74)}`
    case 'project-short':
      return `sk-proj-${chars(random, B64URL, 58)}${MARKER}${chars(random, B64URL, 58)}`
    case 'svcacct':
      return `sk-svcacct-${chars(random, B64URL, 46 + Math.floor(random() * 30))}${MARKER}${chars(random, B64URL, 46 + Math.floor(random() * 30))}`
    case 'admin':
      return `sk-admin-${chars(random, B64URL, 58)}${MARKER}${chars(random, B64URL, 58)}`
    default:
      return `sk-None-${chars(random, ALNUM, 20)}${MARKER}${chars(random, ALNUM, 20)}`
  }
}

const LOOK_ALIKES = [
  'const mask = "-webkit-mask-position: center; -webkit-mask-size: cover;"',
  "locale: 'sk-SK', fallback: 'sk_SK'",
  'OPENAI_API_KEY=sk-YOUR_OPENAI_API_KEY_HERE',
  `example = "sk-xxxxxxxxxxxxxxxxxxxx${MARKER}xxxxxxxxxxxxxxxxxxxx"`,
  'key: sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  'task-runner --disk-usage --risk-level high',
  'export OPENAI_API_KEY="sk-..."'
]

const IDENTS = [
  'user',
  'order',
  'invoice',
  'session',
  'payload',
  'config',
  'client',
  'result',
  'buffer',
  'handler'
]

function jsLine(random) {
  const a = pick(random, IDENTS)
  const b = pick(random, IDENTS)
  return pick(random, [
    `  const ${a}Id = await ${b}Service.find${a[0].toUpperCase()}${a.slice(1)}(req.params.id, { limit: ${Math.floor(random() * 100)} })`,
    `  if (!${a} || ${a}.${b} === undefined) throw new Error('missing ${b} for ${a}')`,
    `  return ${a}s.filter(item => item.${b}Count > ${Math.floor(random() * 10)}).map(item => item.id)`,
    `  logger.info(\`processed \${${a}.id} in \${Date.now() - started} ms\`)`,
    `// ${a} handling: keep ${b} in sync with the upstream cache before returning`
  ])
}

function pyLine(random) {
  const a = pick(random, IDENTS)
  const b = pick(random, IDENTS)
  return pick(random, [
    `    ${a}_id = self.${b}_repository.get(${a}.id, timeout=${Math.floor(random() * 30)})`,
    `    if ${a} is None or not ${a}.${b}:`,
    `        raise ValueError(f"missing ${b} for {${a}!r}")`,
    `    return [x for x in ${a}s if x.${b}_count > ${Math.floor(random() * 10)}]`,
    `# ${a}: normalise ${b} before persisting`
  ])
}

function jsonLine(random) {
  return `  "${pick(random, IDENTS)}_${Math.floor(random() * 1000)}": { "enabled": ${random() > 0.5}, "weight": ${random().toFixed(4)} },`
}

function minifiedLine(random, length) {
  let text = ''
  while (text.length < length)
    text += `function ${chars(random, 'abcdefgh', 2)}(${chars(random, 'xyz', 1)}){return ${chars(random, 'xyz', 1)}*${Math.floor(random() * 99)}+${chars(random, 'abc', 1)}.${pick(random, IDENTS)}};`
  return text
}

const EMBEDDINGS = {
  js: key => `const client = new OpenAI({ apiKey: '${key}' })`,
  ts: key => `export const OPENAI_KEY: string = \`${key}\`;`,
  py: key => `    openai.api_key = "${key}"`,
  json: key => `  "openai": { "key": "${key}", "org": null },`,
  env: key => `OPENAI_API_KEY=${key}`,
  yaml: key => `  OPENAI_API_KEY: ${key}`,
  md: key => `Use \`curl -H "Authorization: Bearer ${key}"\` to test.`,
  minjs: key => `var k="${key}",c=new O({apiKey:k});`
}

/**
 * Writes files until `targetBytes` is reached. Returns the planted keys with their file and line, and
 * the number of look-alike lines planted.
 */
export function writeCorpus(root, { targetBytes, seed = 1, keyEvery = 500_000 }) {
  const random = prng(seed)
  mkdirSync(root, { recursive: true })
  const planted = []
  let lookAlikes = 0
  let written = 0
  let fileIndex = 0
  let nextKeyAt = keyEvery / 2
  while (written < targetBytes) {
    const ext = pick(random, ['js', 'ts', 'py', 'json', 'env', 'yaml', 'md', 'minjs'])
    const dir = path.join(root, `pkg${fileIndex % 40}`, pick(random, ['src', 'lib', 'test', 'config']))
    mkdirSync(dir, { recursive: true })
    const file = path.join(dir, `file${fileIndex}.${ext === 'minjs' ? 'min.js' : ext}`)
    const lines = []
    let size = 0
    const fileTarget = 20_000 + Math.floor(random() * 80_000)
    while (size < fileTarget) {
      let line
      if (written + size >= nextKeyAt) {
        const key = makeKey(random)
        line = EMBEDDINGS[ext](key)
        planted.push({ key, file: path.relative(root, file), line: lines.length + 1 })
        nextKeyAt += keyEvery
      } else if (random() < 0.001) {
        line = pick(random, LOOK_ALIKES)
        lookAlikes++
      } else if (ext === 'minjs') {
        line = minifiedLine(random, 2_000 + Math.floor(random() * 30_000))
      } else if (ext === 'py') {
        line = pyLine(random)
      } else if (ext === 'json') {
        line = jsonLine(random)
      } else {
        line = jsLine(random)
      }
      lines.push(line)
      size += line.length + 1
    }
    writeFileSync(file, lines.join('\n') + '\n')
    written += size
    fileIndex++
  }
  return { planted, lookAlikes, files: fileIndex, bytes: written }
}
