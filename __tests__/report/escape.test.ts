import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { clip, codeSpan, escapeMarkdown, escapeProse, logSafe, printable } from '../../src/report/escape.js'
import { readCodeSpan, readEscaped, tableCells } from './markdown-check.js'
import { parseLegacy, parseV2 } from './runner-commands.js'
import { HOSTILE } from './fixtures.js'
import { causeInfoFor } from '../../src/providers/registry.js'
import { PROVIDER_IDS } from '../../src/providers/types.js'
import { CAUSE_CODES } from '../../src/core/vocabulary.js'

const ZERO_WIDTH = /[\u200b\u200d]/g

describe('printable', () => {
  it('turns line breaks, controls and bidi overrides into visible marks on one line', () => {
    expect(printable('a\nb\rc\td\u0000')).toBe('a\u240ab\u240dc\u2409d\u2400')
    expect(printable('x\u202Ey\u2066z')).toBe('x<U+202E>y<U+2066>z')
    expect(printable('a\u2028b\u0085c')).toBe('a<U+2028>b<U+0085>c')
    for (const text of HOSTILE) expect(printable(text)).not.toMatch(/[\r\n\u2028\u2029\u0085]/)
  })
})

describe('clip', () => {
  it('keeps short text and cuts long text with an ellipsis without splitting a surrogate pair', () => {
    expect(clip('short', 10)).toBe('short')
    expect(clip('abcdefghij', 5)).toBe('abcd…')
    expect(clip('abc😀def', 5)).toBe('abc…')
  })
})

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('shows %j literally: no HTML, markdown, mention, autolink or line break', text => {
    const escaped = escapeMarkdown(text)
    expect(escaped).not.toMatch(/[\r\n<>]/)
    expect(escaped).not.toMatch(/@[A-Za-z0-9]/)
    expect(escaped).not.toContain('://')
    expect(escaped).not.toMatch(/www\./i)
    expect(readEscaped(escaped).replace(ZERO_WIDTH, '')).toBe(printable(text))
  })

  it('adds nothing invisible to an @ that starts no mention: what a reader copies is what was written', () => {
    for (const text of [
      'upgrade to openai@^4',
      'npm install openai@4.52.0',
      'pip install "openai>=1"',
      'user@example'
    ]) {
      const escaped = escapeMarkdown(text)
      expect(escaped).not.toMatch(/[\u200b\u200d]/)
      expect(readEscaped(escaped)).toBe(text)
    }
    expect(escapeMarkdown('ping @octocat or (@github)')).toMatch(/ @\u200docto.*\(@\u200dgithub/)
  })

  it('renders our own explanations and fixes with nothing invisible: every URL and command copies exactly', () => {
    for (const provider of PROVIDER_IDS) {
      for (const cause of CAUSE_CODES) {
        const info = causeInfoFor(cause, provider)
        for (const text of [info.title, info.explanation, info.fix]) {
          expect({ provider, cause, text: escapeProse(text).match(ZERO_WIDTH) }).toEqual({
            provider,
            cause,
            text: null
          })
        }
      }
    }
  })

  it.each(HOSTILE)('keeps %j inside one table cell', text => {
    expect(tableCells(`| ${escapeMarkdown(text)} | next |`)).toEqual([escapeMarkdown(text).trim(), 'next'])
  })

  it('round-trips any text (property)', () => {
    const unit = fc.oneof(
      fc.constantFrom(
        ...'|`<>&@\\[]()!#*_:/\n\r\t%,.w~$'.split(''),
        '\u2028',
        '\u202e',
        '::',
        '##[',
        'www.',
        'http://'
      ),
      fc.string({ maxLength: 3 })
    )
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), parts => {
        const text = parts.join('').replace(ZERO_WIDTH, '')
        const escaped = escapeMarkdown(text)
        expect(readEscaped(escaped).replace(ZERO_WIDTH, '')).toBe(printable(text))
        expect(tableCells(`| ${escaped} | x |`)).toHaveLength(2)
      }),
      { numRuns: 300 }
    )
  })
})

describe('codeSpan', () => {
  it.each(HOSTILE)('wraps %j so that nothing inside is interpreted', text => {
    expect(readCodeSpan(codeSpan(text))).toBe(printable(text))
    expect(codeSpan(text)).not.toMatch(/[\r\n]/)
  })

  it.each(HOSTILE)('keeps %j inside one table cell and shows its pipes', text => {
    const cell = codeSpan(text, 'table')
    const cells = tableCells(`| ${cell} | next |`)
    expect(cells).toEqual([cell, 'next'])
    expect(readCodeSpan(cells[0], 'table')).toBe(printable(text))
  })

  it('uses a longer fence than any backtick run inside', () => {
    expect(codeSpan('a``b')).toBe('``` a``b ```')
    expect(codeSpan('`')).toBe('`` ` ``')
  })

  it('marks empty text instead of producing an empty span', () => {
    expect(codeSpan('')).toBe('*(empty)*')
  })
})

describe('escapeProse', () => {
  it('keeps our code spans and escapes everything around them', () => {
    expect(escapeProse('Set `OPENAI_API_KEY` in <b>secrets</b>')).toBe(
      'Set ` OPENAI_API_KEY ` in &lt;b&gt;secrets&lt;\\/b&gt;'
    )
  })

  it('keeps table cells intact when a code span holds a pipe', () => {
    const cell = escapeProse('see `a|b` | and c', 'table')
    expect(tableCells(`| ${cell} | x |`)).toHaveLength(2)
  })
})

describe('logSafe', () => {
  it.each(HOSTILE)('leaves no workflow command in %j for the runner to execute', text => {
    const line = logSafe(text)
    expect(line).not.toMatch(/[\r\n]/)
    expect(parseV2(line)).toBeUndefined()
    expect(parseLegacy(line)).toBeUndefined()
  })

  it('leaves ordinary text alone', () => {
    expect(logSafe('scanned src/app.ts: 3 lines')).toBe('scanned src/app.ts: 3 lines')
  })
})
