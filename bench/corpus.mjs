// A deterministic corpus of real-looking code (many languages, lockfiles, minified bundles, CRLF and latin1
// files, binaries) with planted OpenAI keys of every format in many contexts, and look-alikes that must stay
// silent. Everything comes from one seeded generator, so the same parameters give the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const HEX = '0123456789abcdef'
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

export const pick = (random, items) => items[Math.floor(random() * items.length)]
const int = (random, min, max) => min + Math.floor(random() * (max - min + 1))
const chars = (random, alphabet, n) => {
  let text = ''
  for (let i = 0; i < n; i++) text += alphabet[Math.floor(random() * alphabet.length)]
  return text
}

/** The OpenAI key formats seen in the wild: prefix, body alphabet and the lengths on each side of the marker. */
const KEY_FORMATS = {
  legacy: { prefix: 'sk-', alphabet: ALNUM, sides: [20, 20] },
  'early-project': { prefix: 'sk-proj-', alphabet: ALNUM, sides: [20, 20] },
  project: { prefix: 'sk-proj-', alphabet: B64URL, sides: [74, 74] },
  'project-58': { prefix: 'sk-proj-', alphabet: B64URL, sides: [58, 58] },
  svcacct: { prefix: 'sk-svcacct-', alphabet: B64URL, sides: [46, 75] },
  admin: { prefix: 'sk-admin-', alphabet: B64URL, sides: [58, 58] },
  none: { prefix: 'sk-None-', alphabet: B64URL, sides: [51, 51] }
}
export const KEY_KINDS = Object.keys(KEY_FORMATS)

/** A real-looking OpenAI key of `kind` (default: any), sometimes ending in `-` or `_` as real keys can. */
export function makeKey(random, kind = pick(random, KEY_KINDS)) {
  const { prefix, alphabet, sides } = KEY_FORMATS[kind]
  const length = () => (sides[0] === sides[1] ? sides[0] : int(random, sides[0], sides[1]))
  let key = `${prefix}${chars(random, alphabet, length())}${MARKER}${chars(random, alphabet, length())}`
  if (alphabet === B64URL && random() < 0.15) key = key.slice(0, -1) + pick(random, ['-', '_'])
  return key
}

const WORDS = [
  'user',
  'order',
  'invoice',
  'session',
  'payload',
  'config',
  'client',
  'result',
  'buffer',
  'handler',
  'account',
  'billing',
  'cache',
  'event',
  'message',
  'token',
  'report',
  'schedule',
  'upload',
  'profile',
  'search',
  'index',
  'metric',
  'policy',
  'product',
  'cart',
  'payment',
  'webhook',
  'queue',
  'worker'
]
const cap = word => word[0].toUpperCase() + word.slice(1)
const CAPITALIZED = WORDS.map(cap)
const snake = (random, n = 2) => {
  let text = pick(random, WORDS)
  for (let i = 1; i < n; i++) text += `_${pick(random, WORDS)}`
  return text
}
const camel = random => pick(random, WORDS) + CAPITALIZED[Math.floor(random() * WORDS.length)]
const pascal = random => cap(camel(random))
const num = (random, max = 100) => Math.floor(random() * max)
const version = random => `${int(random, 0, 9)}.${int(random, 0, 30)}.${int(random, 0, 20)}`

/** Ordinary lines of each language: what almost every line of a repository looks like. */
const LINE_MAKERS = {
  ts: random =>
    pick(random, [
      () =>
        `  const ${camel(random)} = await this.${camel(random)}Service.find(${camel(random)}.id, { limit: ${num(random)} })`,
      () =>
        `  if (!${camel(random)} || ${camel(random)}.${camel(random)} === undefined) throw new NotFoundError('${snake(random)}')`,
      () =>
        `  return ${camel(random)}s.filter(item => item.${camel(random)}Count > ${num(random, 10)}).map(item => item.id)`,
      () =>
        `export interface ${pascal(random)}Options {\n  ${camel(random)}?: string\n  ${camel(random)}: number\n}`,
      () =>
        `import { ${pascal(random)}, type ${pascal(random)} } from '../${pick(random, WORDS)}/${pick(random, WORDS)}.js'`,
      () =>
        `  logger.debug(\`${pick(random, WORDS)} \${${camel(random)}.id} took \${Date.now() - started} ms\`)`,
      () =>
        `// ${cap(pick(random, WORDS))} handling: keep the ${pick(random, WORDS)} in sync with the upstream ${pick(random, WORDS)}.`,
      () => `  private readonly ${camel(random)} = new Map<string, ${pascal(random)}>()`,
      () => '}',
      () => ''
    ])(),
  js: random =>
    pick(random, [
      () => `  const ${camel(random)} = require('./${pick(random, WORDS)}')`,
      () => `  module.exports.${camel(random)} = async function (${camel(random)}, opts = {}) {`,
      () =>
        `    for (const ${pick(random, WORDS)} of ${camel(random)}) total += ${pick(random, WORDS)}.amount * ${num(random, 9)}`,
      () =>
        `  app.get('/api/${pick(random, WORDS)}s/:id', authenticate, async (req, res) => res.json(await load(req.params.id)))`,
      () =>
        `  // TODO(${pick(random, ['ana', 'bo', 'chen', 'dmitri'])}): ${pick(random, WORDS)} retries once the ${pick(random, WORDS)} queue drains`,
      () =>
        `  expect(${camel(random)}(${num(random)})).toEqual({ ${camel(random)}: ${num(random)}, ok: true })`,
      () => '  })',
      () => ''
    ])(),
  py: random =>
    pick(random, [
      () =>
        `    ${snake(random)} = self.${snake(random)}_repository.get(${pick(random, WORDS)}.id, timeout=${num(random, 30)})`,
      () => `    if ${pick(random, WORDS)} is None or not ${pick(random, WORDS)}.${snake(random)}:`,
      () => `        raise ValueError(f"missing ${pick(random, WORDS)} for {${pick(random, WORDS)}!r}")`,
      () => `    return [x for x in ${pick(random, WORDS)}s if x.${snake(random)} > ${num(random, 10)}]`,
      () =>
        `def ${snake(random, 3)}(${pick(random, WORDS)}: ${pascal(random)}, *, retries: int = ${num(random, 5)}) -> dict:`,
      () => `from ${pick(random, WORDS)}.${pick(random, WORDS)} import ${pascal(random)}, ${snake(random)}`,
      () => `# ${cap(pick(random, WORDS))}: normalise the ${pick(random, WORDS)} before persisting`,
      () => ''
    ])(),
  go: random =>
    pick(random, [
      () => `\t${camel(random)}, err := s.${camel(random)}.Get(ctx, ${pick(random, WORDS)}ID)`,
      () => '\tif err != nil {\n\t\treturn nil, fmt.Errorf("load: %w", err)\n\t}',
      () =>
        `func (s *${pascal(random)}Service) ${pascal(random)}(ctx context.Context, id string) (*${pascal(random)}, error) {`,
      () =>
        `\t${pascal(random)} ${pick(random, ['string', 'int64', 'bool', 'time.Time'])} \`json:"${snake(random)}"\``,
      () => `// ${pascal(random)} returns the ${pick(random, WORDS)} for the given ${pick(random, WORDS)}.`,
      () => '}'
    ])(),
  java: random =>
    pick(random, [
      () => `    private final ${pascal(random)}Repository ${camel(random)}Repository;`,
      () => `    public ${pascal(random)} find${pascal(random)}(long id) throws ${pascal(random)}Exception {`,
      () =>
        `        return ${camel(random)}s.stream().filter(x -> x.get${pascal(random)}() > ${num(random)}).collect(Collectors.toList());`,
      () => `import com.example.${pick(random, WORDS)}.${pascal(random)};`,
      () => '    @Override',
      () => '    }'
    ])(),
  rb: random =>
    pick(random, [
      () => `  def ${snake(random)}(${pick(random, WORDS)}, **opts)`,
      () =>
        `    @${snake(random)} ||= ${pascal(random)}.where(${pick(random, WORDS)}_id: id).limit(${num(random)})`,
      () => `    raise ArgumentError, "no ${pick(random, WORDS)}" if ${pick(random, WORDS)}.nil?`,
      () => '  end'
    ])(),
  json: random =>
    `  "${snake(random)}_${num(random, 1000)}": { "enabled": ${random() > 0.5}, "weight": ${random().toFixed(4)} },`,
  yaml: random =>
    pick(random, [
      () =>
        `  ${snake(random)}: ${pick(random, ['true', 'false', num(random, 1000), `"${pick(random, WORDS)}"`])}`,
      () =>
        `    - name: ${cap(pick(random, WORDS))} ${pick(random, WORDS)}\n      run: npm run ${pick(random, WORDS)}`,
      () =>
        `  ${pick(random, WORDS)}-${pick(random, WORDS)}:\n    image: ghcr.io/acme/${pick(random, WORDS)}:${version(random)}`
    ])(),
  md: random =>
    pick(random, [
      () =>
        `The ${pick(random, WORDS)} service keeps every ${pick(random, WORDS)} for ${num(random, 90)} days before it is archived.`,
      () => `## ${cap(pick(random, WORDS))} ${pick(random, WORDS)}s`,
      () => `- \`${camel(random)}\`: how many ${pick(random, WORDS)}s to keep (default ${num(random)}).`,
      () => ''
    ])(),
  css: random =>
    pick(random, [
      () =>
        `.${pick(random, WORDS)}-${pick(random, WORDS)} { margin: ${num(random, 32)}px ${num(random, 32)}px; color: #${chars(random, HEX, 6)}; }`,
      () => `  transition: opacity ${num(random, 900)}ms ease-in-out;`,
      () => `@media (max-width: ${int(random, 320, 1440)}px) { .${pick(random, WORDS)} { display: none; } }`
    ])(),
  html: random =>
    pick(random, [
      () =>
        `    <div class="${pick(random, WORDS)}-${pick(random, WORDS)}" data-id="${chars(random, HEX, 8)}">{{ ${camel(random)} }}</div>`,
      () =>
        `    <a href="/${pick(random, WORDS)}s/${num(random, 9999)}?tab=${pick(random, WORDS)}">${cap(pick(random, WORDS))}</a>`,
      () => `  <script src="/assets/${pick(random, WORDS)}.${chars(random, HEX, 8)}.js" defer></script>`
    ])(),
  sh: random =>
    pick(random, [
      () =>
        `if [ -z "\${${snake(random).toUpperCase()}:-}" ]; then echo "missing ${pick(random, WORDS)}" >&2; exit 1; fi`,
      () =>
        `docker run --rm -e ${snake(random).toUpperCase()}=${num(random)} acme/${pick(random, WORDS)}:${version(random)}`,
      () => `# ${pick(random, WORDS)} ${pick(random, WORDS)} step`
    ])(),
  env: random =>
    `${snake(random).toUpperCase()}=${pick(random, ['true', num(random, 9999), pick(random, WORDS)])}`
}

/** A line of minified JavaScript at least `length` characters long. */
function minifiedLine(random, length) {
  let text = ''
  while (text.length < length) {
    text += `function ${chars(random, 'abcdefgh', 2)}(${chars(random, 'xyz', 1)}){return ${chars(random, 'xyz', 1)}*${num(random, 99)}+${chars(random, 'abc', 1)}.${pick(random, WORDS)}};`
  }
  return text
}

/**
 * How a key ends up in a file of each kind: quotes of every sort, escaped JSON, URLs, templates, headers,
 * assignments, followed by `,` `)` `;` `&` `"` `'` `` ` `` or the end of the line.
 */
const EMBEDDINGS = {
  ts: [
    ['sdk-single-quote', key => `const client = new OpenAI({ apiKey: '${key}' })`],
    ['template-literal', key => `export const OPENAI_KEY: string = \`${key}\`;`],
    ['template-header', key => `  headers: { Authorization: \`Bearer ${key}\` },`],
    ['default-fallback', key => `const apiKey = process.env.OPENAI_API_KEY ?? "${key}"`]
  ],
  js: [
    ['call-argument', key => `  const ai = createClient("${key}")`],
    ['object-property', key => `  apiKey: '${key}',`],
    ['escaped-json', key => `  const raw = "{\\"apiKey\\":\\"${key}\\",\\"model\\":\\"gpt-4o\\"}"`],
    ['after-escaped-newline', key => `  const note = "rotate before friday:\\n${key}\\n"`]
  ],
  py: [
    ['python-assignment', key => `    openai.api_key = "${key}"`],
    ['python-kwarg', key => `    client = OpenAI(api_key='${key}')`],
    ['f-string-header', key => `    headers = {"Authorization": f"Bearer ${key}"}`]
  ],
  go: [
    ['go-const', key => `const openAIKey = "${key}"`],
    ['go-header', key => `\treq.Header.Set("Authorization", "Bearer ${key}")`]
  ],
  java: [['java-constant', key => `    private static final String OPENAI_KEY = "${key}";`]],
  rb: [['ruby-kwarg', key => `  client = OpenAI::Client.new(access_token: '${key}')`]],
  json: [
    ['json-value', key => `  "openai": { "key": "${key}", "org": null },`],
    ['json-escaped', key => `  "settings": "{\\"openai_key\\":\\"${key}\\"}",`]
  ],
  yaml: [
    ['yaml-plain', key => `  OPENAI_API_KEY: ${key}`],
    ['yaml-quoted', key => `      api_key: "${key}"`]
  ],
  md: [
    ['markdown-curl', key => `Use \`curl -H "Authorization: Bearer ${key}"\` to test.`],
    ['url-query', key => `Open https://playground.example.com/chat?api_key=${key}&model=gpt-4o to try it.`],
    ['markdown-link', key => `[the playground](https://playground.example.com/?key=${key})`],
    ['url-encoded-quotes', key => `  https://search.example.com/?q=%22${key}%22&lang=en`]
  ],
  css: [['css-comment', key => `/* temporary: ${key} */`]],
  html: [
    ['html-script', key => `  <script>window.OPENAI_KEY = '${key}';</script>`],
    ['html-href', key => `    <a href="/chat?key=${key}&theme=dark">Chat</a>`]
  ],
  sh: [
    ['shell-export', key => `export OPENAI_API_KEY=${key}`],
    ['shell-semicolon', key => `OPENAI_API_KEY=${key}; npm start`],
    ['shell-curl', key => `curl -sS -H "Authorization: Bearer ${key}" https://api.openai.com/v1/models`]
  ],
  env: [
    ['dotenv', key => `OPENAI_API_KEY=${key}`],
    ['dotenv-list', key => `OPENAI_API_KEYS=${key},fallback-disabled`]
  ],
  'min.js': [['minified', key => `var k="${key}",c=new O({apiKey:k});`]]
}

/** Lines that look like keys to a careless scanner and must not raise an alarm. */
export const LOOK_ALIKES = [
  ['css-mask', 'const mask = "-webkit-mask-position: center; -webkit-mask-size: cover;"'],
  ['locale', "  locale: 'sk-SK', fallback: 'sk_SK', plural: 'sk-SK-u-nu-latn'"],
  ['placeholder-your', 'OPENAI_API_KEY=sk-YOUR_OPENAI_API_KEY_HERE'],
  ['placeholder-x-marker', `example = "sk-xxxxxxxxxxxxxxxxxxxx${MARKER}xxxxxxxxxxxxxxxxxxxx"`],
  ['placeholder-typed-marker', `  key: "sk-abc123abc123abc123ab${MARKER}abc123abc123abc123ab"`],
  ['placeholder-project-x', 'key: sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
  ['placeholder-dots', 'export OPENAI_API_KEY="sk-..."'],
  ['placeholder-angle', '  -H "Authorization: Bearer sk-<your-key>" \\'],
  [
    'masked-echo',
    '// 401: Incorrect API key provided: sk-proj-********************************************AbCd.'
  ],
  ['identifiers', 'task-runner --disk-usage --risk-level high --ask-for-confirmation'],
  ['sklearn', '# sk-learn style pipeline: fit, transform, predict'],
  ['workflow-secret', '          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}'],
  [
    'marker-in-base64',
    `  "icon": "data:image/png;base64,iVBORw0KGgo${MARKER}AAAANSUhEUgAAABAAAAAQCAYAAAAf8/9h",`
  ]
]

const EXTENSIONS = [
  ['ts', 20],
  ['js', 12],
  ['py', 14],
  ['go', 8],
  ['java', 6],
  ['rb', 4],
  ['json', 7],
  ['yaml', 6],
  ['md', 8],
  ['css', 4],
  ['html', 4],
  ['sh', 3],
  ['env', 1],
  ['min.js', 2],
  ['png', 1]
]
const EXTENSION_TOTAL = EXTENSIONS.reduce((sum, [, weight]) => sum + weight, 0)

function pickExtension(random) {
  let roll = random() * EXTENSION_TOTAL
  for (const [ext, weight] of EXTENSIONS) if ((roll -= weight) < 0) return ext
  return 'ts'
}

const AREAS = ['packages', 'services', 'apps', 'libs', 'tools']
const SUBDIRS = ['src', 'src/lib', 'src/handlers', 'test', 'config', 'scripts', 'docs']

function lockfileEntry(random) {
  const name = `${pick(random, WORDS)}-${pick(random, WORDS)}`
  const v = version(random)
  return [
    `    "node_modules/${name}": {`,
    `      "version": "${v}",`,
    `      "resolved": "https://registry.npmjs.org/${name}/-/${name}-${v}.tgz",`,
    `      "integrity": "sha512-${chars(random, B64, 86)}==",`,
    `      "dev": ${random() > 0.5}`,
    '    },'
  ]
}

/**
 * Writes files under `root` until `targetBytes` is reached: a key every `keyEvery` bytes (in the kind of
 * line its file type would hold) and a look-alike on about one line in a thousand.
 * Returns `planted` ({ key, kind, context, file, line }), `lookAlikes` ({ kind, file, line }), the number of
 * files and bytes, the files' `paths` in writing order and a count of files by extension. A few files use CRLF line ends or latin1 text; `.png` files are binary and hold no key.
 */
export function writeCorpus(root, { targetBytes, seed = 1, keyEvery = 500_000 }) {
  const random = prng(seed)
  mkdirSync(root, { recursive: true })
  const planted = []
  const lookAlikes = []
  let written = 0
  let fileIndex = 0
  let nextKeyAt = keyEvery / 2
  // A fixed set of packages, so directories hold several files each (about ten, as in real repositories).
  const packages = Array.from({ length: 12 }, () => `${pick(random, WORDS)}-${pick(random, WORDS)}`)

  const paths = []
  const extensions = {}
  const taken = new Set()
  /** `relative`, or a sibling directory's copy of it when the name is taken (`.env.local`, `package-lock.json`). */
  const unique = relative =>
    taken.has(relative) ? `${path.dirname(relative)}/copy${fileIndex}/${path.basename(relative)}` : relative
  const writeFile = (relative, data) => {
    taken.add(relative)
    mkdirSync(path.join(root, path.dirname(relative)), { recursive: true })
    writeFileSync(path.join(root, relative), data)
    paths.push(relative)
    const name = path.basename(relative)
    const ext = name.startsWith('.env') ? '.env' : (/(?:\.min)?\.[^.]+$/.exec(name)?.[0] ?? name)
    extensions[ext] = (extensions[ext] ?? 0) + 1
    written += data.length
    fileIndex++
  }

  while (written < targetBytes) {
    const area = pick(random, AREAS)
    const pkg = pick(random, packages)
    // Every 400th file is big: a lockfile or a minified bundle of a few MB.
    if (fileIndex % 400 === 399) {
      const bundle = random() < 0.5
      const relative = unique(
        bundle ? `${area}/${pkg}/dist/bundle.${fileIndex}.min.js` : `${area}/${pkg}/package-lock.json`
      )
      const lines = bundle ? [] : ['{', `  "name": "${pkg}",`, '  "lockfileVersion": 3,', '  "packages": {']
      let size = 0
      const target = int(random, 1_000_000, 4_000_000)
      while (size < target) {
        const next = bundle ? [minifiedLine(random, int(random, 20_000, 200_000))] : lockfileEntry(random)
        for (const line of next) {
          lines.push(line)
          size += line.length + 1
        }
        if (written + size >= nextKeyAt && bundle) {
          const key = makeKey(random)
          const line =
            minifiedLine(random, int(random, 0, 90_000)) +
            EMBEDDINGS['min.js'][0][1](key) +
            minifiedLine(random, 500)
          planted.push({
            key,
            kind: keyKind(key),
            context: 'long-minified-line',
            file: relative,
            line: lines.length + 1
          })
          lines.push(line)
          size += line.length + 1
          nextKeyAt += keyEvery
        }
      }
      if (!bundle) lines.push('  }', '}')
      writeFile(relative, lines.join('\n') + '\n')
      continue
    }

    const ext = pickExtension(random)
    const name =
      ext === 'env'
        ? `.env.${pick(random, ['example', 'local', 'staging'])}`
        : `${camel(random)}${fileIndex}.${ext}`
    const relative = unique(`${area}/${pkg}/${pick(random, SUBDIRS)}/${name}`)
    // Sizes spread like a real repository's: many small files, a long tail of large ones (500 B to 120 KB).
    const fileTarget = Math.round(500 * Math.exp(random() * Math.log(240)))
    if (ext === 'png') {
      const bytes = Buffer.alloc(fileTarget)
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256)
      Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1').copy(bytes)
      writeFile(relative, bytes)
      continue
    }
    const newline = random() < 0.05 ? '\r\n' : '\n'
    const latin1 = random() < 0.02
    const lines = latin1 ? ['# Caf\u00e9 cr\u00e8me: donn\u00e9es de r\u00e9f\u00e9rence (latin1)'] : []
    let size = 0
    while (size < fileTarget) {
      let line
      if (written + size >= nextKeyAt) {
        const key = makeKey(random)
        const [context, embed] = pick(random, EMBEDDINGS[ext])
        line = ext === 'min.js' ? minifiedLine(random, int(random, 0, 3_000)) + embed(key) : embed(key)
        planted.push({ key, kind: keyKind(key), context, file: relative, line: lines.length + 1 })
        nextKeyAt += keyEvery
      } else if (random() < 0.001) {
        const [kind, text] = pick(random, LOOK_ALIKES)
        line = text
        lookAlikes.push({ kind, file: relative, line: lines.length + 1 })
      } else if (ext === 'min.js') {
        line = minifiedLine(random, int(random, 2_000, 30_000))
      } else {
        line = LINE_MAKERS[ext](random)
      }
      // A maker may return several lines at once; the planted line numbers above count real lines.
      for (const part of line.split('\n')) lines.push(part)
      size += line.length + newline.length
    }
    writeFile(relative, Buffer.from(lines.join(newline) + newline, latin1 ? 'latin1' : 'utf8'))
  }
  return { planted, lookAlikes, files: fileIndex, bytes: written, paths, extensions }
}

/** The format name of a key made by makeKey. */
export function keyKind(key) {
  if (key.startsWith('sk-proj-')) {
    const side = key.indexOf(MARKER) - 'sk-proj-'.length
    return side === 20 ? 'early-project' : side === 58 ? 'project-58' : 'project'
  }
  if (key.startsWith('sk-svcacct-')) return 'svcacct'
  if (key.startsWith('sk-admin-')) return 'admin'
  if (key.startsWith('sk-None-')) return 'none'
  return 'legacy'
}

/** Ordinary lines of a file type, for other generators (the PR scenario). */
export function codeLine(random, ext) {
  return (LINE_MAKERS[ext] ?? LINE_MAKERS.ts)(random)
}

/** A line of a file type holding `key`, with the name of its context. */
export function keyLine(random, ext, key) {
  const [context, embed] = pick(random, EMBEDDINGS[ext] ?? EMBEDDINGS.ts)
  return { context, text: embed(key) }
}
