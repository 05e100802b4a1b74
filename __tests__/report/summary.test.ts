import { describe, expect, it } from '@jest/globals'
import { buildSummary, SUMMARY_MAX_BYTES, type SummaryInput } from '../../src/report/summary.js'
import type { Finding, ScanCoverage } from '../../src/scan/types.js'
import { HOSTILE, makeDiagnosis, makeFinding, sha } from './fixtures.js'
import { tableCells } from './markdown-check.js'

const MIB = 1024 * 1024

function coverage(overrides: Partial<ScanCoverage> = {}): ScanCoverage {
  return {
    mode: 'changed',
    range: 'push 1a2b3c4..5d6e7f8',
    source: 'git',
    commits: 4,
    files: 9,
    bytes: 12_345,
    skipped: [],
    incomplete: false,
    ...overrides
  }
}

function summary(overrides: Partial<SummaryInput> = {}): string {
  return buildSummary({ findings: [], verifyLeaks: true, ...overrides })
}

/** Rows of every markdown table whose header starts with `| header |`, in order. */
function tableRows(markdown: string, header: string): string[] {
  const lines = markdown.split('\n')
  const rows: string[] = []
  lines.forEach((line, start) => {
    if (!line.startsWith(`| ${header} |`)) return
    for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i])
  })
  return rows
}

/** The header cells of every table whose header starts with `| header |`. */
function tableHeaders(markdown: string, header: string): string[][] {
  return markdown
    .split('\n')
    .filter(line => line.startsWith(`| ${header} |`))
    .map(tableCells)
}

/** The markdown with every code span removed: what is left is interpreted by the renderer. */
function outsideCodeSpans(markdown: string): string {
  return markdown.replace(/(`+) [^\n]*? \1(?!`)/g, '')
}

describe('buildSummary: the key', () => {
  it('titles the verdict with key-status and cause as code spans, then cause, fix and fingerprint', () => {
    const diagnosis = makeDiagnosis()
    const markdown = summary({ diagnosis })
    expect(markdown).toContain('### ❌ Key: ` invalid ` · cause: ` invalid-api-key `')
    expect(markdown).toContain('**Cause:** OpenAI does not know this key')
    expect(markdown).toContain(
      '**Fix:** Create a new key at <https://platform.openai.com/api-keys> and update the ` OPENAI_API_KEY ` secret'
    )
    expect(markdown).toContain(
      `type \` project \` · 164 characters · shown as \` ${diagnosis.fingerprint?.redacted} \``
    )
    expect(markdown).toContain('Request id: ` req_0123456789abcdef `')
    expect(markdown).toContain('- ` OPENAI_BASE_URL ` is set in the environment')
  })

  it('lists every checklist item with its verdict and evidence, in order', () => {
    const diagnosis = makeDiagnosis()
    const rows = tableRows(summary({ diagnosis }), '#')
      .map(tableCells)
      .sort((a, b) => Number(a[0]) - Number(b[0]))
    expect(rows).toHaveLength(10)
    diagnosis.checklist.forEach((item, i) => {
      const cells = rows[i]
      expect(cells[0]).toBe(String(i + 1))
      expect(cells[1]).toBe(`Cause ${i + 1}\\: ${item.id.replace(/-/g, '\\-')}`)
      expect(cells[2]).toBe(
        {
          'ruled-out': '✅ ruled out',
          likely: '🟠 likely',
          confirmed: '🔴 confirmed',
          'not-checkable': '⚪ not checked'
        }[item.verdict]
      )
      expect(cells[3]).toContain(`evidence for ${item.id.replace(/-/g, '\\-')}`)
    })
  })

  it('shows required models and whether each is accessible', () => {
    const rows = tableRows(summary({ diagnosis: makeDiagnosis() }), 'Model')
    expect(rows.map(tableCells)).toEqual([
      ['` gpt-4o-mini `', '✅ yes', 'accessible'],
      ['` gpt-5 `', '❌ no', 'not accessible to this key \\(404 model\\_not\\_found\\)']
    ])
  })

  it('says when no key was checked', () => {
    expect(summary()).toContain('### Key: not checked')
  })

  it('shows the fail-on verdict first', () => {
    const markdown = summary({
      diagnosis: makeDiagnosis(),
      outcome: { failed: true, reasons: [{ trigger: 'key', text: 'the key is `invalid`' }] }
    })
    expect(markdown.indexOf('**❌ This step fails.** the key is ` invalid `')).toBeLessThan(
      markdown.indexOf('### ❌ Key')
    )
  })
})

describe('buildSummary: leaks', () => {
  it('groups findings live first, then not verified and dead, one row each with redacted key and file:line', () => {
    const findings = [
      makeFinding({ severity: 'warning', detectorName: 'Anthropic key', path: 'w.ts' }),
      makeFinding({ severity: 'error', liveness: 'dead', path: 'd.ts' }),
      makeFinding({ severity: 'error', liveness: 'live', path: 'l.ts', line: 7 }),
      makeFinding({ severity: 'critical', path: 'c.ts', commit: undefined })
    ]
    const markdown = summary({ findings, coverage: coverage() })
    expect(markdown).toContain('### 🔴 Committed keys: 4 found\n')
    const titles = ['**🔴 1 live\\: revoke these first**', '**2 not verified', '**⚫ 1 dead']
    const at = titles.map(title => markdown.indexOf(title))
    expect(at.every(index => index > 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    const rows = tableRows(markdown, 'Key').map(tableCells)
    expect(rows.map(cells => cells[1])).toEqual(['` l.ts:7 `', '` c.ts:10 `', '` w.ts:10 `', '` d.ts:10 `'])
    const live = findings[2]
    expect(rows[0]).toEqual([`\` ${live.redacted} \``, '` l.ts:7 `'])
    // What every row of a table shares is said once above it, and a live key has no fingerprint to allow-list.
    expect(markdown).toContain(`OpenAI project key, in commit \` ${live.commit?.slice(0, 7)} \`.`)
    expect(markdown).toContain('In the working tree.')
    expect(rows[1][2]).toBe(`\` ${findings[3].fingerprint} \``)
    expect(tableHeaders(markdown, 'Key')[0]).toEqual(['Key', 'File'])
  })

  it('keys removed later in the range get a table of their own: no Commit column to widen the table and wrap keys', () => {
    const added = sha(7)
    const removedBy = sha(8)
    const findings = [
      makeFinding({ commit: added, liveness: 'dead', path: 'kept.env' }),
      makeFinding({ commit: added, liveness: 'dead', path: 'gone.env', removed: { commit: removedBy } }),
      makeFinding({ commit: added, liveness: 'dead', path: 'gone2.env', removed: { commit: removedBy } })
    ]
    const markdown = summary({ findings, coverage: coverage() })
    for (const header of tableHeaders(markdown, 'Key')) expect(header).not.toContain('Commit')
    expect(markdown).toContain(`In commit \` ${added.slice(0, 7)} \`.`)
    expect(markdown).toContain(
      `In commit \` ${added.slice(0, 7)} \`, removed in \` ${removedBy.slice(0, 7)} \`.`
    )
  })

  it('repeats no value in every row of a column, and collapses all but the first group when there are many', () => {
    const commit = sha(5)
    const findings = Array.from({ length: 30 }, (_, i) =>
      makeFinding({ commit, liveness: i < 3 ? 'live' : i % 2 ? 'dead' : undefined, path: `src/f${i}.ts` })
    )
    const markdown = summary({ findings, coverage: coverage() })
    const tables = markdown.split('\n\n').filter(block => block.startsWith('| Key |'))
    expect(tables).toHaveLength(3)
    for (const table of tables) {
      const rows = table.split('\n').slice(2).map(tableCells)
      const columns = rows[0].map((_, column) => new Set(rows.map(cells => cells[column])))
      expect(columns.every(values => values.size > 1)).toBe(true)
    }
    expect(markdown).not.toContain('<details><summary>🔴')
    expect(markdown).toMatch(/<details><summary>❔|<details><summary>\d+ not verified/)
    expect(markdown).toContain('<details><summary>⚫ 14 dead')
    expect(markdown.match(/<details>/g)).toHaveLength(markdown.match(/<\/details>/g)?.length ?? 0)
  })

  it('says liveness was not checked when verify-leaks is off', () => {
    const markdown = summary({ findings: [makeFinding()], coverage: coverage(), verifyLeaks: false })
    expect(markdown).toContain('Liveness was not checked (`verify-leaks: false`).')
    expect(markdown).toContain('**1 not checked live**')
  })

  it('tells a staged run to take the keys out, not that history keeps them', () => {
    const markdown = summary({ findings: [makeFinding()], coverage: coverage({ mode: 'staged' }) })
    expect(markdown).toContain('not committed yet: take the keys out of the files')
    expect(markdown).not.toMatch(/history keeps/)
  })

  it('links files and commits to the repository only for a real SHA and a plain https URL', () => {
    const finding = makeFinding({ path: 'dir/a (1).ts', line: 12 })
    const linked = summary({
      findings: [finding],
      coverage: coverage(),
      links: { repositoryUrl: 'https://github.com/octo/app' }
    })
    expect(linked).toContain(
      `[\` dir/a (1).ts:12 \`](https://github.com/octo/app/blob/${finding.commit}/dir/a%20%281%29.ts#L12)`
    )
    expect(linked).toContain(`(https://github.com/octo/app/commit/${finding.commit})`)
    for (const repositoryUrl of ['javascript:alert(1)', 'https://evil.example/x)(y', 'https://a.b/<x>']) {
      expect(summary({ findings: [finding], coverage: coverage(), links: { repositoryUrl } })).not.toContain(
        ']('
      )
    }
    const notSha = summary({
      findings: [makeFinding({ commit: 'HEAD~1' })],
      coverage: coverage(),
      links: { repositoryUrl: 'https://github.com/octo/app' }
    })
    expect(notSha).not.toContain('/commit/')
  })

  it('says none were found, or that the scan did not run', () => {
    expect(summary({ coverage: coverage() })).toContain('### ✅ Committed keys: none found')
    expect(summary({ coverage: coverage({ incomplete: true }) })).toContain(
      '### ⚠️ Committed keys: none found in what was scanned'
    )
    expect(summary()).toContain('### Committed keys: not scanned')
  })

  it('gives allow-listing help with the scanner names and a real fingerprint line', () => {
    const finding = makeFinding()
    const markdown = summary({
      findings: [finding],
      coverage: coverage(),
      allowlist: {
        marker: 'openai-key-doctor:allow',
        file: '.openai-key-doctor-ignore',
        pathGlob: 'add `test/fixtures/**` to the `allow-paths` input'
      }
    })
    expect(markdown).toContain(
      '- One line: add the comment ` openai-key-doctor:allow ` on the line of the match.'
    )
    expect(markdown).toContain('- A path: add ` test/fixtures/** ` to the ` allow-paths ` input.')
    expect(markdown).toContain(
      `add its fingerprint as a line of \` .openai-key-doctor-ignore \`, e.g. \` ${finding.fingerprint} \``
    )
    const withoutGlobs = summary({
      findings: [finding],
      coverage: coverage(),
      allowlist: { marker: 'm', file: 'f' }
    })
    expect(withoutGlobs).not.toContain('- A path:')
    expect(summary({ coverage: coverage(), allowlist: { marker: 'm', file: 'f' } })).not.toContain(
      'Allow-listing'
    )
  })
})

describe('buildSummary: what was scanned', () => {
  it('lists range, source, counts and every skipped item with its reason and fix', () => {
    const skipped = [
      ...Array.from({ length: 30 }, (_, i) => ({ what: `assets/image-${i}.png`, reason: 'binary file' })),
      {
        what: 'range 1a2b3c4..5d6e7f8',
        reason: '3 commits are missing from the shallow clone',
        fix: 'Set `fetch-depth: 0` on actions/checkout'
      },
      ...Array.from({ length: 5 }, (_, i) => ({
        what: `dump-${i}.sql`,
        reason: 'larger than 5 MiB',
        fix: 'Split the file'
      }))
    ]
    const markdown = summary({ coverage: coverage({ skipped, incomplete: true }) })
    expect(markdown).toContain('- Mode: ` changed ` · range: ` push 1a2b3c4..5d6e7f8 `')
    expect(markdown).toContain('- Source: git')
    expect(markdown).toContain('- 4 commits · 9 files · 12.1 KiB')
    expect(markdown).toContain('**Not scanned (36):**')
    for (const item of skipped) expect(markdown).toContain(`  - \` ${item.what} \``)
    expect(markdown).toContain('- binary file\n')
    expect(markdown).toContain(
      '- 3 commits are missing from the shallow clone\\. **Fix:** Set ` fetch-depth: 0 ` on actions\\/checkout'
    )
    expect(markdown).toContain('- larger than 5 MiB\\. **Fix:** Split the file')
    expect(markdown).not.toContain('more item')
  })

  it('warns prominently, before the key verdict, when the range was not fully scanned', () => {
    const markdown = summary({
      diagnosis: makeDiagnosis(),
      coverage: coverage({ incomplete: true, skipped: [{ what: 'range', reason: 'missing' }] })
    })
    const warning = markdown.indexOf('> [!WARNING]\n> **⚠️ The requested range was NOT fully scanned.**')
    expect(warning).toBeGreaterThan(0)
    expect(warning).toBeLessThan(markdown.indexOf('### ❌ Key'))
    expect(markdown).toContain('### ⚠️ What was scanned (incomplete)')
    expect(summary({ coverage: coverage() })).not.toContain('NOT fully scanned')
  })
})

describe('buildSummary: size', () => {
  const many = (count: number): Finding[] =>
    Array.from({ length: count }, (_, i) => ({
      detectorId: 'openai-legacy-key',
      detectorName: 'OpenAI key',
      severity: i % 10 === 0 ? 'error' : 'warning',
      path: `generated/${i % 1234}/file-${i % 1234}.json`,
      line: i + 1,
      startColumn: 1,
      endColumn: 51,
      commit: 'a'.repeat(40),
      secret: `sk-${String(i).padStart(48, '0')}`,
      redacted: 'sk-00000…0000',
      fingerprint: String(i).padStart(64, 'f'),
      liveness: undefined
    }))

  let built: Finding[] | undefined
  const hundredThousand = (): Finding[] => (built ??= many(100_000))

  it('stays under 1 MiB with 100,000 findings and still states the true total and what was left out', () => {
    const findings = hundredThousand()
    const markdown = summary({
      diagnosis: makeDiagnosis(),
      findings,
      coverage: coverage(),
      sarifFile: 'results.sarif'
    })
    expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThanOrEqual(SUMMARY_MAX_BYTES)
    expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThan(MIB)
    expect(markdown).toContain('Committed keys: 100,000 found')
    const shown = tableRows(markdown, 'Key').length
    expect(shown).toBeGreaterThan(100)
    const rest = findings.length - shown
    expect(markdown).toContain(
      `…and ${rest.toLocaleString('en-US')} more findings in 1,234 files; see the SARIF report \` results.sarif \`.`
    )
    // The checklist is never squeezed out by the leak table.
    expect(tableRows(markdown, '#')).toHaveLength(10)
  })

  it('stays under the limit with 100,000 skipped items too, and counts the ones it cannot list', () => {
    const skipped = Array.from({ length: 100_000 }, (_, i) => ({
      what: `vendor/blob-${i}.bin`,
      reason: i % 2 ? 'binary file' : 'not UTF-8',
      fix: 'nothing to do'
    }))
    const markdown = summary({
      findings: hundredThousand(),
      coverage: coverage({ skipped, incomplete: true })
    })
    expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThanOrEqual(SUMMARY_MAX_BYTES)
    expect(markdown).toContain('**Not scanned (100,000):**')
    const listed = markdown.split('\n').filter(line => /^ {2}- ` vendor\/blob-\d+\.bin `$/.test(line)).length
    expect(listed).toBeGreaterThan(100)
    expect(markdown).toContain(
      `…and ${(100_000 - listed).toLocaleString('en-US')} more items not scanned and not listed here.`
    )
    expect(markdown).toContain('set `sarif-file` (or run the CLI with `--json`) to get all of them')
  })

  it('honours a smaller byte budget, even one too small for the fixed parts', () => {
    for (const maxBytes of [20_000, 3_000]) {
      const markdown = summary({
        diagnosis: makeDiagnosis(),
        findings: many(500),
        coverage: coverage(),
        maxBytes
      })
      expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThanOrEqual(maxBytes)
    }
  })
})

describe('buildSummary: hostile data', () => {
  const hostileInput = (): SummaryInput => ({
    diagnosis: makeDiagnosis({
      headline: HOSTILE[6],
      notes: HOSTILE,
      checklist: makeDiagnosis().checklist.map((item, i) => ({ ...item, evidence: HOSTILE[i] })),
      models: HOSTILE.map(id => ({ id, accessible: undefined, detail: id }))
    }),
    findings: HOSTILE.map(path => makeFinding({ path, commit: path })),
    coverage: coverage({
      range: HOSTILE[0],
      source: HOSTILE[8],
      skipped: HOSTILE.map(what => ({ what, reason: what, fix: what })),
      incomplete: true
    }),
    repoFindings: { envVarName: HOSTILE.map(path => ({ path, line: 1, message: path, commit: path })) },
    outcome: { failed: true, reasons: HOSTILE.map(text => ({ trigger: 'key' as const, text })) },
    verifyLeaks: true
  })

  it('keeps every table row to its columns', () => {
    const markdown = buildSummary(hostileInput())
    expect(tableRows(markdown, 'Key').map(row => tableCells(row).length)).toEqual(HOSTILE.map(() => 3))
    expect(tableRows(markdown, '#').map(row => tableCells(row).length)).toEqual(Array(10).fill(4))
    expect(tableRows(markdown, 'Model').map(row => tableCells(row).length)).toEqual(HOSTILE.map(() => 3))
  })

  it('lets no HTML, link, image, mention, heading or workflow command through', () => {
    const markdown = buildSummary(hostileInput())
    const interpreted = outsideCodeSpans(markdown)
    // Only our own collapsible sections are HTML.
    expect(interpreted.replace(/<\/?(details|summary)>/g, '')).not.toMatch(
      /<(?!https:\/\/(platform|help)\.openai\.com|https:\/\/docs\.github\.com)/
    )
    expect(interpreted).not.toMatch(/\]\(http/)
    expect(interpreted).not.toMatch(/@[a-z]/i)
    expect(interpreted).not.toContain('://evil')
    expect(markdown.split('\n').filter(line => /^\s*(::|#+ heading)/.test(line))).toEqual([])
    expect(markdown).not.toMatch(/[\r\u2028\u202e]/)
  })

  it('keeps the number of lines independent of hostile line breaks', () => {
    const lines = (input: SummaryInput) => buildSummary(input).split('\n').length
    const tame = hostileInput()
    const replace = (text: string) => text.replace(/[\r\n\u2028\u0085]/g, ' ')
    tame.findings = tame.findings.map(f => ({ ...f, path: replace(f.path) }))
    tame.coverage = {
      ...tame.coverage!,
      skipped: tame.coverage!.skipped.map(s => ({
        what: replace(s.what),
        reason: replace(s.reason),
        fix: replace(s.fix ?? '')
      }))
    }
    tame.diagnosis = {
      ...tame.diagnosis!,
      notes: tame.diagnosis!.notes.map(replace),
      headline: replace(tame.diagnosis!.headline)
    }
    tame.diagnosis.checklist = tame.diagnosis.checklist.map(item => ({
      ...item,
      evidence: replace(item.evidence)
    }))
    tame.diagnosis.models = tame.diagnosis.models.map(m => ({
      ...m,
      id: replace(m.id),
      detail: replace(m.detail)
    }))
    tame.repoFindings = {
      envVarName: tame.repoFindings!.envVarName!.map(e => ({
        ...e,
        path: replace(e.path),
        message: replace(e.message)
      }))
    }
    tame.outcome = {
      failed: true,
      reasons: tame.outcome!.reasons.map(reason => ({ ...reason, text: replace(reason.text) }))
    }
    expect(lines(hostileInput())).toBe(lines(tame))
  })
})
