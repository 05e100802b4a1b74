import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { analyzeKeyFormat, type KeyFormatReport } from '../../src/core/key-format.js'
import { redact } from '../../src/core/redact.js'
import { makeKey, randomText, type KeyKind } from '../helpers/keys.js'

const KEY = makeKey('project', 11)
const LEGACY = makeKey('legacy', 12)

function causes(report: KeyFormatReport): string[] {
  return report.problems.map(problem => problem.cause)
}

function expectNoKeyInDetails(report: KeyFormatReport, key: string): void {
  for (const problem of report.problems) {
    expect(problem.detail).not.toContain(key)
    expect(problem.detail).not.toContain(key.slice(12, 24))
  }
}

describe('sound OpenAI keys', () => {
  const kinds: Array<[KeyKind, string]> = [
    ['legacy', 'user'],
    ['early-project', 'project'],
    ['project', 'project'],
    ['project-58', 'project'],
    ['service-account', 'service-account'],
    ['admin', 'admin'],
    ['none', 'user']
  ]
  it.each(kinds)('accepts a %s key as sound, sendable and of type %s', (kind, type) => {
    const key = makeKey(kind, 3)
    const report = analyzeKeyFormat(key)
    expect(report).toEqual({
      empty: false,
      problems: [],
      cause: 'none',
      keyType: type,
      sendable: true,
      fingerprint: { type, length: key.length, redacted: redact(key) }
    })
  })

  it('does not reject real-looking keys of unusual lengths or that end in - or _', () => {
    const unusual = [
      `sk-svcacct-${randomText(46, 'abcdefghijkLMNOPQ0123456789_-', 5)}T3BlbkFJ${randomText(46, 'ABCDEFghijk0123456789', 6)}`,
      `sk-proj-${randomText(51, 'abcdefghijkLMNOPQ0123456789', 7)}T3BlbkFJ${randomText(49, 'ABCDEFghijk0123456789', 8)}-`,
      `sk-proj-${randomText(80, 'abcdefghijkLMNOPQ0123456789', 9)}T3BlbkFJ${randomText(70, 'ABCDEFghijk0123456789', 10)}_`,
      `sk-${randomText(44, 'abcdefghijkLMNOPQ0123456789_-', 11)}`,
      `sk-${randomText(22, 'abcdefghijkLMNOPQ0123456789', 12)}T3BlbkFJ${randomText(15, 'ABCDEFghijk0123456789', 13)}`
    ]
    for (const key of unusual) {
      const report = analyzeKeyFormat(key)
      expect(report.problems).toEqual([])
      expect(report.sendable).toBe(true)
    }
  })
})

describe('empty secret', () => {
  it('reports an empty secret as missing, with no key type and nothing to send', () => {
    expect(analyzeKeyFormat('')).toEqual({
      empty: true,
      problems: [],
      cause: 'missing-secret',
      keyType: '',
      sendable: false
    })
  })

  it('reports a secret of only whitespace as whitespace with no key', () => {
    const report = analyzeKeyFormat(' \n\t')
    expect(report.empty).toBe(false)
    expect(report.cause).toBe('whitespace')
    expect(report.keyType).toBe('')
    expect(report.sendable).toBe(false)
    expect(report.cleaned).toBeUndefined()
    expect(report.problems.at(-1)?.detail).toMatch(/only whitespace/)
  })
})

describe('whitespace and invisible characters', () => {
  const cases: Array<[string, string, string, number]> = [
    ['a trailing newline', `${KEY}\n`, 'ends with a newline (\\n)', 1],
    ['a trailing Windows line break', `${KEY}\r\n`, 'ends with a Windows line break (\\r\\n)', 1],
    ['leading spaces', `  ${KEY}`, 'starts with 2 spaces', 2],
    ['a trailing tab', `${KEY}\t`, 'ends with a tab', 1],
    ['a trailing non-breaking space', `${KEY}\u00A0`, 'ends with a non-breaking space (U+00A0)', 1],
    ['a leading byte-order mark', `\uFEFF${KEY}`, 'starts with a byte-order mark (U+FEFF)', 1],
    ['a trailing zero-width space', `${KEY}\u200B`, 'ends with a zero-width space (U+200B)', 1],
    ['a trailing word joiner', `${KEY}\u2060`, 'ends with a word joiner (U+2060)', 1],
    ['mixed trailing whitespace', `${KEY} \n\n`, 'ends with a space and 2 newlines (\\n)', 3]
  ]
  // `characters` counts what the detail names (a Windows line break is one), so reports say "it" or "them".
  it.each(cases)('finds %s and offers the cleaned key', (_name, raw, detail, characters) => {
    const report = analyzeKeyFormat(raw)
    expect(report.problems).toEqual([
      { cause: 'whitespace', detail, ...(characters > 1 ? { characters } : {}) }
    ])
    expect(report.cause).toBe('whitespace')
    expect(report.cleaned).toBe(KEY)
    expect(report.sendable).toBe(false)
    expect(report.keyType).toBe('project')
    expect(report.fingerprint).toEqual({ type: 'project', length: raw.length, redacted: redact(KEY) })
  })

  const inner: Array<[string, string, RegExp]> = [
    [
      'a line break from wrapping',
      `${KEY.slice(0, 80)}\n${KEY.slice(80)}`,
      /a newline \(\\n\) inside the key \(the first after character 80\)/
    ],
    [
      'a Windows line break',
      `${KEY.slice(0, 60)}\r\n${KEY.slice(60)}`,
      /a Windows line break \(\\r\\n\) inside the key/
    ],
    [
      'a tab',
      `${KEY.slice(0, 10)}\t${KEY.slice(10)}`,
      /a tab inside the key \(the first after character 10\)/
    ],
    [
      'a zero-width space',
      `${KEY.slice(0, 30)}\u200B${KEY.slice(30)}`,
      /a zero-width space \(U\+200B\) inside/
    ],
    [
      'a zero-width non-joiner',
      `${KEY.slice(0, 30)}\u200C${KEY.slice(30)}`,
      /a zero-width non-joiner \(U\+200C\)/
    ],
    ['a zero-width joiner', `${KEY.slice(0, 30)}\u200D${KEY.slice(30)}`, /a zero-width joiner \(U\+200D\)/]
  ]
  it.each(inner)('finds %s inside the key and removes it', (_name, raw, detail) => {
    const report = analyzeKeyFormat(raw)
    expect(causes(report)).toEqual(['whitespace'])
    expect(report.problems[0].detail).toMatch(detail)
    expect(report.cleaned).toBe(KEY)
    expect(report.sendable).toBe(false)
  })

  it('reports other non-ASCII characters as an unknown format that cannot be cleaned or sent', () => {
    const lookalike = `${KEY.slice(0, 20)}\u0430${KEY.slice(21)}`
    const report = analyzeKeyFormat(lookalike)
    expect(report.cause).toBe('unknown-format')
    expect(report.problems[0].detail).toMatch(/non-ASCII character U\+0430 after character 20/)
    expect(report.sendable).toBe(false)
    expect(report.cleaned).toBeUndefined()
  })

  it('names an autocorrected dash', () => {
    const report = analyzeKeyFormat(`sk\u2013${LEGACY.slice(3)}`)
    expect(report.cause).toBe('unknown-format')
    expect(report.problems[0].detail).toMatch(/en dash/)
  })
})

describe('quotes', () => {
  const cases: Array<[string, string, string]> = [
    ['double quotes', `"${KEY}"`, 'is wrapped in double quotes'],
    ['single quotes', `'${KEY}'`, 'is wrapped in single quotes'],
    ['backticks', `\`${KEY}\``, 'is wrapped in backticks'],
    ['curly double quotes', `\u201C${KEY}\u201D`, 'is wrapped in curly double quotes (“…”)'],
    ['curly single quotes', `\u2018${KEY}\u2019`, 'is wrapped in curly single quotes (‘…’)'],
    ['guillemets', `\u00AB${KEY}\u00BB`, 'is wrapped in guillemets («…»)'],
    ['a leading quote only', `"${KEY}`, 'starts with a double quote'],
    ['a trailing curly quote only', `${KEY}\u201D`, 'ends with a curly double quote (”)']
  ]
  it.each(cases)('finds %s and offers the cleaned key', (_name, raw, detail) => {
    const report = analyzeKeyFormat(raw)
    // A pair of quotes is two characters; one stray quote is one.
    expect(report.problems).toEqual([
      { cause: 'quotes', detail, ...(detail.startsWith('is wrapped') ? { characters: 2 } : {}) }
    ])
    expect(report.cause).toBe('quotes')
    expect(report.cleaned).toBe(KEY)
    expect(report.sendable).toBe(false)
  })
})

describe('pasted prefixes', () => {
  it.each([
    ['Bearer ', 'starts with `Bearer `'],
    ['bearer  ', 'starts with `Bearer `'],
    ['Bearer', 'starts with `Bearer `'],
    ['Authorization: Bearer ', 'starts with `Authorization: Bearer `']
  ])('finds the %j prefix', (prefix, detail) => {
    const report = analyzeKeyFormat(`${prefix}${KEY}`)
    expect(report.problems).toEqual([{ cause: 'bearer-prefix', detail }])
    expect(report.cleaned).toBe(KEY)
  })

  it.each([
    ['OPENAI_API_KEY=', 'is a whole assignment (`OPENAI_API_KEY=…`), not just the key'],
    ['OPENAI_API_KEY = ', 'is a whole assignment (`OPENAI_API_KEY=…`), not just the key'],
    ['export OPENAI_API_KEY=', 'is a whole assignment (`export OPENAI_API_KEY=…`), not just the key'],
    ['openai_api_key=', 'is a whole assignment (`openai_api_key=…`), not just the key'],
    ['OPENAI_API_KEY: ', 'is a whole YAML entry (`OPENAI_API_KEY: …`), not just the key']
  ])('finds the %j assignment', (prefix, detail) => {
    const report = analyzeKeyFormat(`${prefix}${KEY}`)
    expect(report.problems).toEqual([{ cause: 'env-assignment', detail }])
    expect(report.cause).toBe('env-assignment')
    expect(report.cleaned).toBe(KEY)
  })

  it('does not mistake base64 padding for an assignment', () => {
    const report = analyzeKeyFormat('dGhpcyBpcyBub3QgYSBrZXk=')
    expect(causes(report)).toEqual(['unknown-format'])
  })
})

describe('combinations', () => {
  it('cleans `"Bearer sk-…"\\n` fully and reports every problem', () => {
    const report = analyzeKeyFormat(`"Bearer ${KEY}"\n`)
    expect(report.problems).toEqual([
      { cause: 'whitespace', detail: 'ends with a newline (\\n)' },
      { cause: 'quotes', detail: 'is wrapped in double quotes', characters: 2 },
      { cause: 'bearer-prefix', detail: 'starts with `Bearer `' }
    ])
    expect(report.cause).toBe('bearer-prefix')
    expect(report.cleaned).toBe(KEY)
    expect(report.sendable).toBe(false)
  })

  it('cleans a whole shell line: export, quotes, a zero-width space and a Windows line break', () => {
    const report = analyzeKeyFormat(
      `  export OPENAI_API_KEY='Bearer ${KEY.slice(0, 50)}\u200B${KEY.slice(50)}'\r\n`
    )
    expect(causes(report).sort()).toEqual([
      'bearer-prefix',
      'env-assignment',
      'quotes',
      'whitespace',
      'whitespace',
      'whitespace'
    ])
    expect(report.cause).toBe('env-assignment')
    expect(report.cleaned).toBe(KEY)
  })

  it('keeps a placeholder a placeholder under its wrappers, and offers nothing to send', () => {
    const report = analyzeKeyFormat('"sk-YOUR_OPENAI_API_KEY_HERE"\n')
    expect(causes(report)).toEqual(['whitespace', 'quotes', 'placeholder'])
    expect(report.cause).toBe('placeholder')
    expect(report.cleaned).toBeUndefined()
    expect(report.sendable).toBe(false)
  })

  it('offers a cleaned gateway-style key that has an unknown shape but only wrapper problems', () => {
    const report = analyzeKeyFormat('sk-1234\n')
    expect(causes(report)).toEqual(['whitespace', 'unknown-format'])
    expect(report.cause).toBe('unknown-format')
    expect(report.cleaned).toBe('sk-1234')
  })

  it('cleans any mix of wrappers around any key shape back to the key, without echoing it', () => {
    const kinds: KeyKind[] = ['legacy', 'project', 'service-account', 'admin', 'none']
    const wrapper = fc.record({
      kind: fc.constantFrom(...kinds),
      seed: fc.integer({ min: 1, max: 10_000 }),
      bearer: fc.boolean(),
      quote: fc.constantFrom('', '"', "'", '`'),
      assignment: fc.constantFrom('', 'OPENAI_API_KEY=', 'export OPENAI_API_KEY='),
      before: fc.constantFrom('', ' ', '\t', '\uFEFF'),
      after: fc.constantFrom('', '\n', '\r\n', ' \n', '\u200B')
    })
    fc.assert(
      fc.property(wrapper, ({ kind, seed, bearer, quote, assignment, before, after }) => {
        const key = makeKey(kind, seed)
        const raw = `${before}${assignment}${quote}${bearer ? 'Bearer ' : ''}${key}${quote}${after}`
        const report = analyzeKeyFormat(raw)
        expectNoKeyInDetails(report, key)
        if (raw === key) return report.cause === 'none' && report.sendable
        return report.cleaned === key && !report.sendable && report.problems.length > 0
      }),
      { numRuns: 300 }
    )
  })
})

describe('placeholders', () => {
  const placeholders = [
    'sk-YOUR_OPENAI_API_KEY_HERE',
    'sk-your-key',
    'sk-proj-YOUR_KEY',
    'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'sk-...',
    'sk-…',
    'sk-proj-...sQoA',
    'sk-proj-abcd************************wxyz',
    '<your key>',
    'sk-<your-key>',
    'YOUR_OPENAI_API_KEY',
    'your-api-key-here',
    '${{ secrets.OPENAI_API_KEY }}',
    '${OPENAI_API_KEY}',
    '$OPENAI_API_KEY',
    '%OPENAI_API_KEY%',
    'changeme',
    'undefined',
    'null',
    'OPENAI_API_KEY',
    'OPENAI_KEY',
    `sk-proj-${'X'.repeat(140)}`,
    `sk-${'ab'.repeat(24)}`,
    'sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL',
    'sk-proj-1234567890123456789012345678901234567890123456'
  ]
  it.each(placeholders)('recognises %j as a placeholder that is never sent', placeholder => {
    const report = analyzeKeyFormat(placeholder)
    expect(report.cause).toBe('placeholder')
    expect(report.sendable).toBe(false)
    expect(report.cleaned).toBeUndefined()
  })

  it('explains what kind of placeholder it is', () => {
    expect(analyzeKeyFormat('${{ secrets.OPENAI_API_KEY }}').problems[0].detail).toMatch(
      /unexpanded GitHub expression/
    )
    expect(analyzeKeyFormat('$OPENAI_API_KEY').problems[0].detail).toMatch(/unexpanded variable reference/)
    expect(analyzeKeyFormat('OPENAI_API_KEY').problems[0].detail).toMatch(/environment-variable name/)
    expect(analyzeKeyFormat('sk-proj-...sQoA').problems[0].detail).toMatch(/ellipsis/)
    expect(analyzeKeyFormat('sk-proj-abcd****wxyz').problems[0].detail).toMatch(/masked copy/)
    expect(analyzeKeyFormat(`sk-proj-${'AAAB'.repeat(35)}`).problems[0].detail).toMatch(
      /too little randomness/
    )
    expect(analyzeKeyFormat('undefined').problems[0].detail).toMatch(/unset value/)
  })
})

describe("other providers' keys and other data", () => {
  const others: Array<[string, string, string | undefined]> = [
    ['Anthropic', `sk-ant-api03-${randomText(93, 'abcdefghijkLMNOPQ0123456789_-', 21)}AA`, 'Anthropic'],
    ['OpenRouter', `sk-or-v1-${randomText(64, '0123456789abcdef', 22)}`, 'OpenRouter'],
    ['Groq', `gsk_${randomText(52, 'abcdefghijkLMNOPQ0123456789', 23)}`, 'Groq'],
    ['Google', `AIza${randomText(35, 'abcdefghijkLMNOPQ0123456789_-', 24)}`, 'Google'],
    ['xAI', `xai-${randomText(80, 'abcdefghijkLMNOPQ0123456789', 25)}`, 'xAI'],
    ['GitHub classic', `ghp_${randomText(36, 'abcdefghijkLMNOPQ0123456789', 26)}`, 'GitHub'],
    ['GitHub fine-grained', `github_pat_${randomText(82, 'abcdefghijkLMNOPQ0123456789_', 27)}`, 'GitHub'],
    ['Hugging Face', `hf_${randomText(34, 'abcdefghijkLMNOPQ0123456789', 28)}`, 'Hugging Face'],
    ['AWS', `AKIA${randomText(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 29)}`, 'AWS'],
    ['Azure OpenAI', randomText(32, '0123456789abcdef', 30), 'Azure OpenAI'],
    ['a URL', 'https://api.openai.com/v1', undefined],
    ['a JSON object', '{"apiKey": "sk-something", "organization": "org-1"}', undefined]
  ]
  it.each(others)('recognises %s and never sends it', (_name, value, provider) => {
    const report = analyzeKeyFormat(value)
    expect(report.cause).toBe('not-openai-key')
    expect(report.provider).toBe(provider)
    expect(report.sendable).toBe(false)
    expect(report.cleaned).toBeUndefined()
    expect(report.keyType).toBe('unknown')
    expectNoKeyInDetails(report, value)
  })

  it("names another provider's key even when it is wrapped", () => {
    const report = analyzeKeyFormat(`"sk-or-v1-${randomText(64, '0123456789abcdef', 31)}"\n`)
    expect(report.cause).toBe('not-openai-key')
    expect(report.provider).toBe('OpenRouter')
    expect(causes(report)).toEqual(['whitespace', 'quotes', 'not-openai-key'])
    expect(report.cleaned).toBeUndefined()
  })
})

describe('unknown formats', () => {
  it.each([
    ['too short', 'sk-1234', /too short for an OpenAI key \(7 characters/],
    ['upper-case prefix', `SK-${LEGACY.slice(3)}`, /upper-case `SK-`/],
    ['no sk- prefix', randomText(48, 'abcdefghijkLMNOPQ0123456789', 41), /does not start with `sk-`/],
    ['DeepSeek shape', `sk-${randomText(32, '0123456789abcdef', 42)}`, /32 hexadecimal digits/],
    [
      'a character keys never contain',
      `${LEGACY.slice(0, 30)}.${LEGACY.slice(31)}`,
      /contains the character "\." after character 30/
    ]
  ])('calls a key with %s unknown-format, and still lets it be sent (gateways)', (_name, value, detail) => {
    const report = analyzeKeyFormat(value)
    expect(report.cause).toBe('unknown-format')
    expect(report.problems[0].detail).toMatch(detail)
    expect(report.sendable).toBe(true)
    expect(report.cleaned).toBeUndefined()
  })

  it('gives a key type only to keys of sound shape', () => {
    expect(analyzeKeyFormat('sk-proj-short').keyType).toBe('unknown')
    expect(analyzeKeyFormat(`${KEY}\n`).keyType).toBe('project')
    expect(analyzeKeyFormat('not-a-key-at-all-but-long-enough-to-look').keyType).toBe('unknown')
  })
})

describe('details never contain the key', () => {
  it('holds for every wrapped or damaged form of a real key', () => {
    const forms = [
      `${KEY}\n`,
      `"${KEY}"`,
      `Bearer ${KEY}`,
      `OPENAI_API_KEY=${KEY}`,
      `${KEY.slice(0, 40)}\u200B${KEY.slice(40)}`,
      `${KEY.slice(0, 40)}\u0430${KEY.slice(41)}`,
      `${KEY.slice(0, 40)}.${KEY.slice(41)}`
    ]
    for (const form of forms) expectNoKeyInDetails(analyzeKeyFormat(form), KEY)
  })
})
