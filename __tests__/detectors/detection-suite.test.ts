import { describe, expect, it } from '@jest/globals'
import { BUILTIN_DETECTORS } from '../../src/detectors/registry.js'
import { createScanner } from '../../src/scan/scanner.js'
import {
  ALNUM,
  BASE64URL,
  MARKER,
  OPENAI_SHAPES,
  OTHER_SHAPES,
  UNMARKED_KIND_SHAPES,
  draw,
  seededRandom
} from '../helpers/keys.js'
import { describeFindings, expectSingleFinding } from '../helpers/findings.js'

const SLOT = '{{KEY}}'

/** A file with one key in it; SLOT marks where, so line and columns are known by construction. */
interface Context {
  name: string
  path: string
  template: string
}

const CONTEXTS: Context[] = [
  { name: '.env', path: '.env', template: `# prod\nOPENAI_API_KEY=${SLOT}\nDEBUG=0\n` },
  { name: '.env quoted', path: '.env.local', template: `OPENAI_API_KEY="${SLOT}"` },
  { name: 'CRLF .env', path: 'config/.env', template: `A=1\r\nOPENAI_API_KEY=${SLOT}\r\nB=2\r\n` },
  {
    name: 'JSON',
    path: 'config.json',
    template: `{\n  "openai": { "apiKey": "${SLOT}", "model": "gpt-4o" }\n}\n`
  },
  { name: 'escaped JSON string', path: 'event.json', template: `{"body":"{\\"key\\":\\"${SLOT}\\"}"}` },
  {
    name: 'after an escaped newline',
    path: 'chat.json',
    template: `{"text":"first line\\n${SLOT}\\nthird"}`
  },
  { name: 'after an escaped tab', path: 'dump.json', template: `{"row":"key\\t${SLOT}"}` },
  { name: 'after \\u0022', path: 'dump.js', template: `s = "\\u0022${SLOT}\\u0022"` },
  { name: 'YAML', path: '.github/workflows/ci.yml', template: `env:\n  OPENAI_API_KEY: ${SLOT}\n` },
  { name: 'YAML single-quoted', path: 'values.yaml', template: `openai:\n  api_key: '${SLOT}'\n` },
  { name: 'Python', path: 'app.py', template: `import openai\nclient = OpenAI(api_key="${SLOT}")\n` },
  {
    name: 'Python with comment',
    path: 'app.py',
    template: `os.environ["OPENAI_API_KEY"] = '${SLOT}'  # prod\n`
  },
  { name: 'JavaScript', path: 'src/ai.js', template: `const openai = new OpenAI({ apiKey: '${SLOT}' });` },
  { name: 'TypeScript template literal', path: 'src/ai.ts', template: `const auth = \`Bearer ${SLOT}\`` },
  {
    name: 'minified JS',
    path: 'dist/app.min.js',
    template: `var a="x",b={apiKey:"${SLOT}"},c=function(){return a};!function(){c()}();`
  },
  { name: 'shell export', path: 'deploy.sh', template: `#!/bin/sh\nexport OPENAI_API_KEY=${SLOT}\n./run` },
  {
    name: 'curl header',
    path: 'README.md',
    template: `curl https://api.openai.com/v1/models -H "Authorization: Bearer ${SLOT}"`
  },
  { name: 'Dockerfile ENV', path: 'Dockerfile', template: `FROM node:20\nENV OPENAI_API_KEY=${SLOT}\n` },
  { name: 'URL query', path: 'client.js', template: `fetch("https://proxy.example/v1?key=${SLOT}&x=1")` },
  {
    name: 'URL-encoded JSON',
    path: 'access.log',
    template: `GET /cb?payload=%7B%22key%22%3A%22${SLOT}%22%7D HTTP/1.1`
  },
  {
    name: 'markdown code block',
    path: 'docs/setup.md',
    template: `Run:\n\n\`\`\`bash\nOPENAI_API_KEY=${SLOT} python app.py\n\`\`\`\n`
  },
  { name: 'markdown inline code', path: 'NOTES.md', template: `Our key is \`${SLOT}\`.` },
  { name: 'XML', path: 'app.config', template: `<config>\n  <apiKey>${SLOT}</apiKey>\n</config>` },
  { name: 'CSV', path: 'keys.csv', template: `name,key,owner\nprod,${SLOT},ops\n` },
  {
    name: 'Jupyter notebook',
    path: 'notebook.ipynb',
    template: `{\n "cells": [{\n   "source": ["import openai\\n", "openai.api_key = \\"${SLOT}\\"\\n"]\n }]\n}`
  },
  { name: 'TOML', path: 'config.toml', template: `[openai]\napi_key = "${SLOT}"` },
  { name: 'Go', path: 'main.go', template: `\tapiKey := "${SLOT}"` },
  { name: 'PHP', path: 'index.php', template: `<?php $key = '${SLOT}';` },
  { name: 'SQL', path: 'seed.sql', template: `INSERT INTO settings VALUES ('openai', '${SLOT}');` },
  { name: 'properties', path: 'application.properties', template: `openai.api.key=${SLOT}` },
  {
    name: 'log line',
    path: 'debug.log',
    template: `2024-05-01T10:00:00Z DEBUG auth=Bearer ${SLOT} status=401`
  },
  { name: 'followed by ,', path: 'a.py', template: `keys = [${SLOT},other]` },
  { name: 'followed by )', path: 'a.py', template: `use(${SLOT})` },
  { name: "followed by '", path: 'a.py', template: `k='${SLOT}'` },
  { name: 'followed by "', path: 'a.py', template: `k="${SLOT}"` },
  { name: 'followed by `', path: 'a.md', template: `\`${SLOT}\`` },
  { name: 'followed by ;', path: 'a.js', template: `k=${SLOT};` },
  { name: 'followed by &', path: 'a.txt', template: `?k=${SLOT}&b=2` },
  { name: 'at end of line and file', path: 'a.txt', template: `key: ${SLOT}` },
  { name: 'alone on its line', path: 'a.txt', template: `${SLOT}\n` }
]

function place(template: string, key: string) {
  const at = template.indexOf(SLOT)
  const before = template.slice(0, at)
  const lineStart = before.lastIndexOf('\n') + 1
  return {
    text: template.replace(SLOT, key),
    line: before.split('\n').length,
    startColumn: at - lineStart + 1,
    endColumn: at - lineStart + key.length
  }
}

describe.each(
  [...OPENAI_SHAPES, ...OTHER_SHAPES, ...UNMARKED_KIND_SHAPES].map((shape, index) => ({ shape, index }))
)('$shape.label', ({ shape, index }) => {
  it.each(CONTEXTS)('is found once, whole, at its exact place in $name', context => {
    const key = shape.make(seededRandom(1000 + index * 97 + context.name.length))
    const { text, line, startColumn, endColumn } = place(context.template, key)
    const scanner = createScanner({ detectors: BUILTIN_DETECTORS })

    const findings = scanner.scanBytes({ path: context.path, bytes: Buffer.from(text), commit: 'c0ffee' })

    const finding = expectSingleFinding(findings, {
      detectorId: shape.detectorId,
      secret: key,
      line,
      startColumn,
      endColumn
    })
    expect(finding.detectorName).toMatch(shape.kindName)
    expect(finding.path).toBe(context.path)
    expect(finding.redacted.length).toBeLessThanOrEqual(13)
  })
})

describe('look-alikes stay silent', () => {
  const random = seededRandom(7)
  const x = (n: number) => 'x'.repeat(n)
  const lookAlikes: Array<[string, string]> = [
    ['x placeholder with marker', `OPENAI_API_KEY=sk-${x(20)}${MARKER}${x(20)}`],
    ['X placeholder project key', `sk-proj-${'X'.repeat(74)}${MARKER}${'X'.repeat(74)}`],
    ['X placeholder without marker', `api_key = "sk-proj-${'X'.repeat(48)}"`],
    ['sequential with marker', `sk-1234567890abcdefghij${MARKER}1234567890abcdefghij`],
    ['sequential alphabet', 'sk-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'],
    ['repeated pattern', `sk-proj-${'abc123'.repeat(10)}`],
    ['repeated pattern with marker', `sk-proj-${'abc123'.repeat(4)}${MARKER}${'abc123'.repeat(4)}`],
    ['interleaved counting', 'sk-proj-1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z'],
    ['repeated character', `sk-${'a'.repeat(48)}`],
    ['YOUR_ placeholder', 'OPENAI_API_KEY=sk-YOUR_OPENAI_API_KEY'],
    ['long YOUR_ placeholder', 'OPENAI_API_KEY=sk-YOUR_OPENAI_API_KEY_HERE_REPLACE_ME_PLEASE_1234'],
    ['camel-case placeholder', 'key = "sk-proj-YourProjectKeyGoesHereReplaceThisWithYourKey1"'],
    ['upper-case placeholder', 'key = "sk-proj-REPLACE_WITH_YOUR_OWN_PROJECT_KEY_FROM_THE_DASHBOARD"'],
    ['ellipsis', 'export OPENAI_API_KEY=sk-...'],
    ['unicode ellipsis', 'export OPENAI_API_KEY=sk-…'],
    ['angle-bracket placeholder', 'OPENAI_API_KEY=sk-proj-<your-key>'],
    ['redacted with stars', 'OPENAI_API_KEY=sk-proj-****************'],
    ['truncated in docs', 'Keys look like sk-proj-abc…xyz or sk-svcacct-…'],
    ['CSS mask', '  -webkit-mask-position: center; mask-size: cover;'],
    ['CSS custom property', '  --mask-image-gradient: linear-gradient(black, transparent);'],
    ['Slovak locale', 'const locales = ["cs-CZ", "sk-SK", "pl-PL"]'],
    ['Slovak locale underscore', 'LANG=sk_SK.UTF-8'],
    ['identifiers', 'task-runner disk-usage risk-level desk-top whisk-it ask-me'],
    ['kebab-case name after sk-', 'npm i sk-learn-model-selection-cross-validation-helpers'],
    ['UUID', 'id: 550e8400-e29b-41d4-a716-446655440000'],
    ['sk- and a UUID', 'ref: sk-550e8400-e29b-41d4-a716-446655440000'],
    ['marker without sk-', `data: ${draw(random, 30, ALNUM)}${MARKER}${draw(random, 30, ALNUM)}`],
    [
      'key body after an identifier',
      `task-proj-${draw(random, 74, BASE64URL)}${MARKER}${draw(random, 74, BASE64URL)}`
    ],
    ['short random after sk-', `sk-${draw(random, 20, ALNUM)}`],
    ['Stripe-style underscore prefix', `sk_test_${draw(random, 10, ALNUM)}`]
  ]

  it.each(lookAlikes)('%s', (_name, text) => {
    const findings = createScanner({ detectors: BUILTIN_DETECTORS }).scanLine({
      path: 'x.txt',
      line: 1,
      text
    })
    expect(describeFindings(findings)).toBe('')
  })
})

describe('no OpenAI key without the shape of one', () => {
  const random = seededRandom(11)
  const body = (length: number) => draw(random, length, BASE64URL)
  const openAi = (text: string) =>
    createScanner({ detectors: BUILTIN_DETECTORS })
      .scanLine({ path: 'x.txt', line: 1, text })
      .filter(finding => finding.detectorId.startsWith('openai-'))

  it.each(['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-service-bot-'])(
    '%s and a long random body without the marker: the generic warning at most',
    prefix => {
      for (const length of [40, 64, 100, 156]) {
        const text = `KEY=${prefix}${body(length)}`
        const findings = createScanner({ detectors: BUILTIN_DETECTORS }).scanLine({
          path: 'x',
          line: 1,
          text
        })
        expect(findings.every(finding => finding.detectorId === 'generic-sk-secret')).toBe(true)
        expect(findings.every(finding => finding.severity === 'warning')).toBe(true)
      }
    }
  )

  it.each([
    ['marker right after the kind prefix', `sk-admin-short${MARKER}${body(80)}`],
    ['marker 19 characters in', `sk-proj-${body(19)}${MARKER}${body(74)}`],
    ['marker 19 characters from the end', `sk-proj-${body(74)}${MARKER}${body(19)}`],
    ['marker at the very end', `sk-svcacct-${body(120)}${MARKER}`],
    ['legacy marker 10 characters in', `sk-${body(10)}${MARKER}${body(40)}`]
  ])('%s: not an OpenAI key', (_name, token) => {
    expect(describeFindings(openAi(`k="${token}"`))).toBe('')
  })
})

describe('several keys on one line', () => {
  it('finds each, in order, with its own columns', () => {
    const random = seededRandom(42)
    const keys = OPENAI_SHAPES.slice(0, 5).map(shape => shape.make(random))
    const text = keys.map((key, i) => `k${i}="${key}"`).join(',')
    const findings = createScanner({ detectors: BUILTIN_DETECTORS }).scanLine({ path: 'a.js', line: 3, text })

    expect(findings).toHaveLength(keys.length)
    findings.forEach((finding, i) => {
      expect(finding.startColumn).toBe(text.indexOf(keys[i]) + 1)
      expect(finding.endColumn).toBe(text.indexOf(keys[i]) + keys[i].length)
      expect(finding.secret === keys[i]).toBe(true)
    })
  })
})
