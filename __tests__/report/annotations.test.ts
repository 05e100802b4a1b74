import { describe, expect, it } from '@jest/globals'
import { ANNOTATIONS_PER_LEVEL, planAnnotations } from '../../src/report/annotations.js'
import type { Finding } from '../../src/scan/types.js'
import { makeFinding } from './fixtures.js'

/** 25 findings: 2 critical, 13 error (3 live, 2 dead, the rest unverified or unknown), 10 warning. */
function mixedFindings(): Finding[] {
  const findings: Finding[] = []
  for (let i = 0; i < 2; i++)
    findings.push(
      makeFinding({ severity: 'critical', path: `crit-${i}.env`, detectorName: 'The workflow key' })
    )
  const liveness: Array<Finding['liveness']> = [
    'dead',
    'live',
    undefined,
    'unknown',
    'live',
    'dead',
    undefined,
    'live',
    undefined,
    undefined,
    'unknown',
    undefined,
    undefined
  ]
  liveness.forEach((value, i) =>
    findings.push(
      makeFinding({ severity: 'error', liveness: value, path: `err-${String(i).padStart(2, '0')}.ts` })
    )
  )
  for (let i = 0; i < 10; i++) {
    findings.push(
      makeFinding({
        severity: 'warning',
        detectorName: 'Anthropic key',
        path: `warn-${i}.ts`,
        liveness: undefined
      })
    )
  }
  return findings.reverse()
}

describe('planAnnotations', () => {
  it('keeps at most 10 per level, most severe first, live before unknown, unverified and dead', () => {
    const plan = planAnnotations(mixedFindings())
    const errors = plan.annotations.filter(a => a.level === 'error')
    const warnings = plan.annotations.filter(a => a.level === 'warning')
    expect(errors).toHaveLength(ANNOTATIONS_PER_LEVEL)
    expect(warnings).toHaveLength(10)
    expect(errors.slice(0, 2).map(a => a.file)).toEqual(['crit-0.env', 'crit-1.env'])
    expect(errors.slice(2, 5).every(a => a.title.includes('(LIVE)'))).toBe(true)
    expect(errors.slice(5, 7).every(a => a.message.includes('Liveness unknown'))).toBe(true)
    // The two dead keys sort last among errors, so they are the ones left for the summary.
    expect(errors.some(a => a.message.includes('Verified dead'))).toBe(false)
  })

  it('ends with one notice that counts what was left out and points to the summary', () => {
    const plan = planAnnotations(mixedFindings())
    expect(plan.overflowNotice).toBe(
      '5 more leaked keys (5 errors) not annotated: GitHub shows at most 10 annotations per level per step. The job summary lists every leak.'
    )
  })

  it('counts both levels in the notice when both overflow', () => {
    const findings = [
      ...Array.from({ length: 12 }, () => makeFinding({ severity: 'error' })),
      ...Array.from({ length: 11 }, () => makeFinding({ severity: 'warning' }))
    ]
    expect(planAnnotations(findings).overflowNotice).toMatch(
      /^3 more leaked keys \(2 errors, 1 warning\) not annotated/
    )
  })

  it('has no notice when everything fits', () => {
    const plan = planAnnotations([makeFinding(), makeFinding({ severity: 'warning' })])
    expect(plan.annotations).toHaveLength(2)
    expect(plan.overflowNotice).toBeUndefined()
  })

  it('points at the exact file, line and columns, with a repo-relative path', () => {
    const finding = makeFinding({
      path: './app/settings.py',
      line: 42,
      startColumn: 17,
      endColumn: 180,
      commit: 'ABCDEF0123456789abcdef0123456789abcdef01'
    })
    const [annotation] = planAnnotations([finding]).annotations
    expect(annotation).toMatchObject({
      level: 'error',
      file: 'app/settings.py',
      startLine: 42,
      endLine: 42,
      startColumn: 17,
      endColumn: 180
    })
    expect(annotation.message).toContain(
      `OpenAI project key ${finding.redacted} committed in app/settings.py:42 (commit abcdef0).`
    )
    expect(annotation.message).toContain('Not verified')
  })

  it('leaves out columns it cannot trust', () => {
    const [annotation] = planAnnotations([makeFinding({ startColumn: 0, endColumn: 0 })]).annotations
    expect(annotation.startColumn).toBeUndefined()
    expect(annotation.endColumn).toBeUndefined()
    expect(annotation.startLine).toBe(10)
  })

  it('says a live key works now and how to revoke it', () => {
    const [annotation] = planAnnotations([makeFinding({ liveness: 'live' })]).annotations
    expect(annotation.title).toBe('Committed OpenAI project key (LIVE)')
    expect(annotation.message).toContain('Verified LIVE')
    expect(annotation.message).toContain('https://platform.openai.com/api-keys')
  })

  it('puts the key annotation first and gives leaks the remaining slots of its level', () => {
    const findings = Array.from({ length: 12 }, () => makeFinding())
    const plan = planAnnotations(findings, {
      keyAnnotation: { level: 'error', title: 'OpenAI key rejected', message: 'invalid-api-key' }
    })
    expect(plan.annotations[0].title).toBe('OpenAI key rejected')
    expect(plan.annotations.filter(a => a.level === 'error')).toHaveLength(10)
    expect(plan.overflowNotice).toMatch(/^3 more leaked keys/)
  })

  it('keeps reserved slots free, e.g. for the error of core.setFailed', () => {
    const findings = Array.from({ length: 12 }, () => makeFinding())
    const plan = planAnnotations(findings, { reserve: { error: 1 } })
    expect(plan.annotations).toHaveLength(9)
    expect(plan.overflowNotice).toMatch(/^3 more leaked keys/)
  })

  it('never puts a raw line break or the secret into a message or title', () => {
    const finding = makeFinding({ path: 'evil\n::add-mask::x\r.ts', detectorName: 'Name\nwith break' })
    const [annotation] = planAnnotations([finding]).annotations
    expect(annotation.file).toBe('evil\n::add-mask::x\r.ts')
    expect(annotation.message).not.toMatch(/[\r\n]/)
    expect(annotation.title).not.toMatch(/[\r\n]/)
    expect(JSON.stringify(annotation)).not.toContain(finding.secret)
  })

  it('keeps messages under the runner limit for huge paths', () => {
    const [annotation] = planAnnotations([makeFinding({ path: `${'d/'.repeat(5000)}f.ts` })]).annotations
    expect(annotation.message.length).toBeLessThanOrEqual(4096)
    expect(annotation.file).toHaveLength(10_004)
  })
})
