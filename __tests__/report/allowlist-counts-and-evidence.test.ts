import { describe, expect, it } from '@jest/globals'
import { buildSummary, type SummaryInput } from '../../src/report/summary.js'
import { buildTextReport } from '../../src/report/text.js'
import type { ScanCoverage } from '../../src/scan/types.js'
import { makeDiagnosis, makeFinding, sha } from './fixtures.js'

const REPOSITORY_URL = 'https://github.com/octo/app'
const COVERAGE: ScanCoverage = {
  mode: 'changed',
  range: 'push 1a2b3c4..5d6e7f8',
  source: 'git',
  commits: 2,
  files: 3,
  bytes: 900,
  skipped: [],
  incomplete: false
}

function summary(overrides: Partial<SummaryInput> = {}): string {
  return buildSummary({ findings: [], verifyLeaks: true, coverage: COVERAGE, ...overrides })
}

/** The lines of one `###` section, up to the next heading. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading)
  expect(start).toBeGreaterThanOrEqual(0)
  const end = markdown.indexOf('\n###', start + heading.length)
  return markdown.slice(start, end < 0 ? undefined : end)
}

describe('allow-list counts', () => {
  it('the job summary says how many findings the allow-list accepted, by how, under What was scanned', () => {
    const markdown = summary({ suppressed: { 'inline-marker': 2, path: 0, fingerprint: 1 } })
    expect(section(markdown, '### What was scanned')).toContain(
      '- 3 findings allowed by the allow-list (2 inline marker, 1 fingerprint)'
    )
  })

  it('says nothing about the allow-list when it accepted nothing', () => {
    expect(summary({ suppressed: { 'inline-marker': 0, path: 0, fingerprint: 0 } })).not.toMatch(
      /allowed by the allow-list/
    )
  })

  it('the CLI text report counts them after what was scanned', () => {
    const text = buildTextReport({
      findings: [],
      coverage: COVERAGE,
      suppressed: { 'inline-marker': 0, path: 1, fingerprint: 0 },
      outcome: { failed: false, reasons: [] },
      notes: [],
      color: false
    })
    const lines = text.split('\n')
    const scanned = lines.findIndex(line => line.startsWith('Scanned '))
    expect(lines[scanned + 1]).toBe('1 finding allowed by the allow-list (1 path).')
  })
})

describe('repository evidence', () => {
  const evidence = { path: 'app/client.py', line: 7, message: 'reads OPENAI_KEY, not OPENAI_API_KEY' }

  it('shows path:line for evidence from the working tree', () => {
    const markdown = summary({ diagnosis: makeDiagnosis(), repoFindings: { envVarName: [evidence] } })
    expect(section(markdown, '#### What the repository shows')).toContain('` app/client.py:7 `')
  })

  it("links working-tree evidence at the run's commit, with the line anchor", () => {
    const head = sha(77)
    const markdown = summary({
      diagnosis: makeDiagnosis(),
      repoFindings: { envVarName: [evidence] },
      links: { repositoryUrl: REPOSITORY_URL, headCommit: head }
    })
    expect(markdown).toContain(`[\` app/client.py:7 \`](${REPOSITORY_URL}/blob/${head}/app/client.py#L7)`)
  })

  it('does not link evidence to a branch name or without a commit', () => {
    const markdown = summary({
      diagnosis: makeDiagnosis(),
      repoFindings: { envVarName: [evidence] },
      links: { repositoryUrl: REPOSITORY_URL }
    })
    expect(markdown).not.toContain(`${REPOSITORY_URL}/blob/`)
  })
})

describe('liveness off', () => {
  it('names the input that turned off checking found keys', () => {
    const markdown = summary({
      findings: [makeFinding()],
      verifyLeaks: false,
      verifyLeaksOffReason: '`liveness: false`'
    })
    expect(markdown).toContain('Liveness was not checked (`liveness: false`).')
    expect(markdown).not.toContain('verify-leaks: false')
  })
})
