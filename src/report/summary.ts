import { describeServerSaid } from '../core/server-said.js'
import type { ChecklistVerdict, Diagnosis, RepoEvidence, RepoFindings } from '../core/diagnosis-types.js'
import type { FailTrigger } from '../core/policy.js'
import { CONFIGURED_KEY_DETECTOR_ID } from '../detectors/configured-key.js'
import { KEY_FINE_STATUSES, KEY_REJECTED_STATUSES, type KeyStatus } from '../core/vocabulary.js'
import { groupBy } from '../core/group.js'
import { upperFirst } from '../core/words.js'
import type { AllowReason } from '../scan/allowlist.js'
import { scannedUncommitted } from '../scan/sources/registry.js'
import type { Finding, ScanCoverage, Skipped } from '../scan/types.js'
import type { RunReport } from './run-report.js'
import { clip, codeSpan, escapeMarkdown, escapeProse, printable } from './escape.js'
import {
  formatBytes,
  formatCount,
  isSha,
  plural,
  repoRelativePath,
  sentence,
  shortCommit,
  shownKey,
  sortFindings
} from './format.js'

/** GitHub rejects a step summary over 1 MiB (1,048,576 bytes); stay well below it. */
export const SUMMARY_MAX_BYTES = 1_000_000
/** Rows of the leak table before the rest is counted instead of listed. */
export const SUMMARY_MAX_LEAK_ROWS = 1_000

/** The summary renders a run report; tests may give only the parts they look at. */
export type SummaryInput = Partial<Omit<RunReport, 'findings' | 'verifyLeaks'>> &
  Pick<RunReport, 'findings' | 'verifyLeaks'> & {
    maxBytes?: number
    maxLeakRows?: number
  }

const MAX_CELL = 300
const MAX_PROSE = 2000
const MAX_NOTES = 50
const MAX_MODELS = 100
const MAX_EVIDENCE_PER_KIND = 20
/** Kept free for the lines that say what was left out. */
const TAIL_RESERVE = 2048

const STATUS_ICON: Record<KeyStatus, string> = {
  valid: '✅',
  unchecked: 'ℹ️',
  skipped: '⏭️',
  invalid: '❌',
  misconfigured: '❌',
  malformed: '❌',
  missing: '❌',
  restricted: '⚠️',
  'no-quota': '⚠️',
  unreachable: '❔'
}

const VERDICT_LABEL: Record<ChecklistVerdict, string> = {
  confirmed: '🔴 confirmed',
  likely: '🟠 likely',
  'ruled-out': '✅ ruled out',
  'not-checkable': '⚪ not checked'
}

/** Markdown for $GITHUB_STEP_SUMMARY: every hostile string escaped, and always under `maxBytes` UTF-8 bytes. */
export function buildSummary(input: SummaryInput): string {
  const maxBytes = input.maxBytes ?? SUMMARY_MAX_BYTES
  const links = linkBuilder(input.links?.repositoryUrl)

  // What fails the step comes first: the leaks when they fail it and the key does not, else the key.
  const leaksFirst = failsOn(input.outcome, 'leak', 'live-leak') && !failsOn(input.outcome, 'key')
  const key = [
    ...(leaksFirst ? keyLine(input.diagnosis) : keySection(input.diagnosis)),
    ...repoEvidenceSection(input.repoFindings, links, input.links?.headCommit)
  ]
  const head = [
    '## 🔑 OpenAI Key Doctor',
    ...outcomeSection(input.outcome),
    ...runNotes(input.notes),
    ...incompleteWarning(input.coverage),
    ...(leaksFirst ? [] : key)
  ]
  const leaks = leakParts(input, links)
  const afterLeaks = leaksFirst ? key : []
  const scanned = scannedParts(input.coverage, input.suppressed)
  const tail = [...allowlistSection(input), ...footer(input.links?.runUrl)]

  const fixedBytes =
    bytes(join([...head, ...leaks.before, ...afterLeaks, ...scanned.before, ...tail])) + TAIL_RESERVE
  let budget = Math.max(0, maxBytes - fixedBytes)
  const skippedTaken = takeWithinBudget(
    scanned.items,
    Math.min(budget, Math.max(budget / 4, 16_384)),
    Infinity
  )
  budget -= skippedTaken.bytes
  const leakBody = leaks.body(budget, input.maxLeakRows ?? SUMMARY_MAX_LEAK_ROWS)

  const markdown = join([
    ...head,
    ...leaks.before,
    ...leakBody.blocks,
    ...leaks.after(leakBody.rows),
    ...afterLeaks,
    ...withLines(scanned.before, skippedTaken.lines),
    ...scanned.after(skippedTaken.count),
    ...tail
  ])
  return fitToBytes(markdown, maxBytes)
}

function failsOn(outcome: SummaryInput['outcome'], ...triggers: FailTrigger[]): boolean {
  return outcome?.reasons.some(reason => triggers.includes(reason.trigger)) ?? false
}

function outcomeSection(outcome: SummaryInput['outcome']): string[] {
  if (!outcome) return []
  const reasons = outcome.reasons.map(reason => escapeProse(clip(reason.text, MAX_PROSE))).join('; ')
  const verdict = outcome.failed ? '**❌ This step fails.**' : '**✅ This step passes.**'
  return [reasons ? `${verdict} ${reasons}` : verdict]
}

function runNotes(notes: SummaryInput['notes']): string[] {
  if (!notes || notes.length === 0) return []
  const shown = notes.slice(0, MAX_NOTES).map(note => `- ⚠️ ${escapeProse(clip(note, MAX_PROSE))}`)
  if (notes.length > MAX_NOTES) shown.push(`- …and ${plural(notes.length - MAX_NOTES, 'more note')}`)
  return [shown.join('\n')]
}

function incompleteWarning(coverage: ScanCoverage | undefined): string[] {
  if (!coverage?.incomplete) return []
  return [
    '> [!WARNING]\n' +
      '> **⚠️ The requested range was NOT fully scanned.** Keys committed in the parts listed under ' +
      '*What was scanned* would not be reported. Fix the causes listed there and run again.'
  ]
}

function keySection(diagnosis: Diagnosis | undefined): string[] {
  if (!diagnosis) return ['### Key: not checked', 'No key was checked in this run.']
  const lines = [
    keyHeading(diagnosis),
    `**${escapeProse(clip(diagnosis.headline, MAX_PROSE))}**`,
    ...(diagnosis.serverSaid
      ? [`**The server said:** ${escapeProse(clip(describeServerSaid(diagnosis.serverSaid), MAX_PROSE))}`]
      : []),
    `**Cause:** ${escapeProse(clip(diagnosis.explanation, MAX_PROSE))}`,
    `**Fix:** ${escapeProse(clip(diagnosis.fix, MAX_PROSE))}`
  ]

  const facts: string[] = []
  const fingerprint = diagnosis.fingerprint
  if (fingerprint) {
    const shown = fingerprint.redacted ? ` · shown as ${codeSpan(fingerprint.redacted)}` : ''
    facts.push(
      `- Key: type ${codeSpan(fingerprint.type)} · ${plural(fingerprint.length, 'character')}${shown}`
    )
  } else if (diagnosis.keyType === '') {
    facts.push('- Key: none given')
  }
  if (diagnosis.requestId) facts.push(`- Request id: ${codeSpan(clip(diagnosis.requestId, MAX_CELL))}`)
  if (facts.length > 0) lines.push(facts.join('\n'))

  if (diagnosis.notes.length > 0) {
    const notes = diagnosis.notes.slice(0, MAX_NOTES).map(note => `- ${escapeProse(clip(note, MAX_PROSE))}`)
    if (diagnosis.notes.length > MAX_NOTES)
      notes.push(`- …and ${plural(diagnosis.notes.length - MAX_NOTES, 'more note')}`)
    lines.push(`**Notes**\n${notes.join('\n')}`)
  }

  if (diagnosis.models.length > 0) {
    const rows = diagnosis.models.slice(0, MAX_MODELS).map(model => {
      const access =
        model.accessible === true ? '✅ yes' : model.accessible === false ? '❌ no' : '❔ unknown'
      return `| ${codeSpan(clip(model.id, MAX_CELL), 'table')} | ${access} | ${escapeProse(clip(model.detail, MAX_CELL), 'table')} |`
    })
    if (diagnosis.models.length > MAX_MODELS) {
      rows.push(`| …and ${plural(diagnosis.models.length - MAX_MODELS, 'more model')} | | |`)
    }
    lines.push(`#### Required models\n| Model | Accessible | Detail |\n|---|---|---|\n${rows.join('\n')}`)
  }

  lines.push(...checklistSection(diagnosis))
  return lines
}

/**
 * When the leaks fail the step, the key in a line or two (and the checklist collapsed) if it is fine, skipped
 * or not set; a key with a problem keeps its full section.
 */
function keyLine(diagnosis: Diagnosis | undefined): string[] {
  if (!diagnosis) return ['### Key: not checked', 'No key was checked in this run.']
  if (!KEY_FINE_STATUSES.has(diagnosis.keyStatus)) return keySection(diagnosis)
  const facts = [`**${escapeProse(clip(diagnosis.headline, MAX_PROSE))}**`]
  if (diagnosis.keyStatus === 'skipped') facts.push(escapeProse(clip(diagnosis.explanation, MAX_PROSE)))
  if (diagnosis.fingerprint?.redacted) facts.push(`shown as ${codeSpan(diagnosis.fingerprint.redacted)}`)
  if (diagnosis.requestId) facts.push(`request id ${codeSpan(clip(diagnosis.requestId, MAX_CELL))}`)
  return [keyHeading(diagnosis), facts.join(' · '), ...checklistSection(diagnosis)]
}

function keyHeading(diagnosis: Diagnosis): string {
  return `### ${STATUS_ICON[diagnosis.keyStatus]} Key: ${codeSpan(diagnosis.keyStatus)} · cause: ${codeSpan(diagnosis.cause)}`
}

/**
 * The 401 checklist: open, with what points somewhere first, when it explains a rejected key; collapsed under a
 * title that says why otherwise; left out for a skipped check (an expected empty key is no 401).
 */
function checklistSection(diagnosis: Diagnosis): string[] {
  const items = diagnosis.checklist.map((item, index) => ({ item, number: index + 1 }))
  if (items.length === 0 || diagnosis.keyStatus === 'skipped') return []
  const table = (rows: typeof items): string =>
    '| # | Cause | Verdict | Evidence |\n|---:|---|---|---|\n' +
    rows
      .map(
        ({ item, number }) =>
          `| ${number} | ${escapeProse(clip(item.title, MAX_CELL), 'table')} | ${VERDICT_LABEL[item.verdict]} | ` +
          `${escapeProse(item.verdictCause ? VERDICT_CAUSE_EVIDENCE : clip(item.besideVerdict ?? item.evidence, MAX_PROSE), 'table')} |`
      )
      .join('\n')
  const common = plural(items.length, 'common cause')
  if (!KEY_REJECTED_STATUSES.has(diagnosis.keyStatus)) {
    return collapsed(`${CHECKLIST_TITLE[diagnosis.keyStatus] ?? 'The 401 checklist'}: the ${common}`, [
      table(items)
    ])
  }
  const pointing = items.filter(({ item }) => item.verdict === 'confirmed' || item.verdict === 'likely')
  const others = items.filter(({ item }) => item.verdict !== 'confirmed' && item.verdict !== 'likely')
  const title = rejectionChecklistTitle(diagnosis)
  if (pointing.length === 0) return [`#### ${title}: the ${common}\n${table(items)}`]
  const counts = (['ruled-out', 'not-checkable'] as const)
    .map(verdict => [verdict, others.filter(({ item }) => item.verdict === verdict).length] as const)
    .filter(([, count]) => count > 0)
    .map(([verdict, count]) => `${formatCount(count)} ${VERDICT_WORDS[verdict]}`)
  return [
    `#### ${title}: what the ${common} show\n${table(pointing)}`,
    ...(others.length > 0
      ? collapsed(`The other ${formatCount(others.length)}: ${counts.join(', ')}`, [table(others)])
      : [])
  ]
}

/** A row that confirms the verdict's own cause: the headline and the cause above already say it. */
const VERDICT_CAUSE_EVIDENCE = 'The cause named above.'

/** "401 checklist" when the key was (or would be) refused with a 401; another status is named as it came. */
export function rejectionChecklistTitle(diagnosis: Diagnosis): string {
  const status = diagnosis.serverSaid?.httpStatus
  return status === undefined || status === 401 ? '401 checklist' : `Checklist for the HTTP ${status}`
}

/** Why the checklist is there when no 401 needs explaining, as the title of its collapsed section. */
const CHECKLIST_TITLE: Partial<Record<KeyStatus, string>> = {
  valid: 'If your app still gets a 401 with this key',
  unchecked: 'Not checked live, so nothing to explain yet',
  restricted: 'Not a 401 (the key works, with limits): for reference',
  'no-quota': 'Not a 401 (the key works, without quota): for reference',
  unreachable: 'Not a 401 (no answer from the API): for reference'
}

const VERDICT_WORDS: Record<'ruled-out' | 'not-checkable', string> = {
  'ruled-out': 'ruled out',
  'not-checkable': 'not checked'
}

/** Blocks inside a collapsed `<details>` whose summary is `title` (plain text: markdown does not render there). */
function collapsed(title: string, blocks: string[]): string[] {
  return [`<details><summary>${escapeHtml(title)}</summary>`, ...blocks, '</details>']
}

function escapeHtml(text: string): string {
  return printable(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function repoEvidenceSection(
  repoFindings: RepoFindings | undefined,
  links: LinkBuilder,
  headCommit: string | undefined
): string[] {
  if (!repoFindings) return []
  const kinds: Array<[string, RepoEvidence[] | undefined]> = [
    ['The configured key', repoFindings.configuredKeyCommitted],
    ['Environment variable names', repoFindings.envVarName],
    ['OpenAI library versions', repoFindings.outdatedLibrary]
  ]
  const blocks = kinds
    .filter(([, evidence]) => evidence && evidence.length > 0)
    .map(([label, evidence = []]) => {
      const items = evidence.slice(0, MAX_EVIDENCE_PER_KIND).map(entry => {
        const place = links.file(entry.path, entry.line, entry.commit ?? headCommit, 'inline', true)
        const commit = entry.commit ? ` (commit ${links.commit(entry.commit)})` : ''
        return `  - ${place}${commit}: ${escapeProse(clip(entry.message, MAX_PROSE))}`
      })
      if (evidence.length > MAX_EVIDENCE_PER_KIND) {
        items.push(`  - …and ${plural(evidence.length - MAX_EVIDENCE_PER_KIND, 'more place')}`)
      }
      return `- **${label}**\n${items.join('\n')}`
    })
  return blocks.length > 0 ? [`#### What the repository shows\n${blocks.join('\n')}`] : []
}

interface LeakParts {
  /** The heading and what to do. */
  before: string[]
  /** The grouped tables, as many rows as fit in `budget` bytes (at most `maxRows`). */
  body: (budget: number, maxRows: number) => { blocks: string[]; rows: number }
  after: (rowsShown: number) => string[]
}

/** Above this many findings, every group but the first is collapsed. */
const OPEN_GROUPS_UP_TO = 20

interface LeakGroup {
  title: string
  findings: Finding[]
  /** Live keys are revoked, never allow-listed: their table has no fingerprints. */
  fingerprints: boolean
}

interface LeakColumn {
  header: string
  cell: (finding: Finding) => string
  /** Said once above the table when every row has the same value. */
  once?: (finding: Finding) => string
}

function leakParts(input: SummaryInput, links: LinkBuilder): LeakParts {
  const { findings, coverage, verifyLeaks } = input
  const scanned = coverage !== undefined
  const none = (before: string[]): LeakParts => ({
    before,
    body: () => ({ blocks: [], rows: 0 }),
    after: () => []
  })
  if (findings.length === 0) {
    if (!scanned)
      return none(['### Committed keys: not scanned', 'The leak scan did not run (`scan: none`).'])
    return none([
      coverage.incomplete
        ? '### ⚠️ Committed keys: none found in what was scanned'
        : '### ✅ Committed keys: none found'
    ])
  }

  const sorted = sortFindings(findings)
  const live = findings.filter(finding => finding.liveness === 'live').length
  // How many are live, and that they go first, is the live group's title, right under this (it is always open).
  const before = [
    `### ${live > 0 ? '🔴' : '⚠️'} Committed keys: ${formatCount(findings.length)} found`,
    (scannedUncommitted(coverage)
      ? 'These lines are staged, not committed yet: take the keys out of the files, and revoke a key only if it was ever shared.'
      : 'Revoke and replace every real key: deleting the line in a later commit does not help, git history keeps it.') +
      (verifyLeaks
        ? ''
        : ` Liveness was not checked (${input.verifyLeaksOffReason ?? '`verify-leaks: false`'}).`)
  ]
  const groups = leakGroups(sorted, verifyLeaks)
  const key: LeakColumn = { header: 'Key', cell: finding => codeSpan(shownKey(finding), 'table') }
  const kind: LeakColumn = {
    header: 'Kind',
    cell: finding => escapeMarkdown(clip(finding.detectorName, MAX_CELL)),
    once: finding => escapeMarkdown(clip(finding.detectorName, MAX_CELL))
  }
  // A key added and removed inside the range has no line in the head: its file, and the commit that removed it.
  // A key in a file name is shown by its (redacted) name, unlinked: no file of that name exists to link to.
  const file: LeakColumn = {
    header: 'File',
    cell: finding =>
      finding.inFileName
        ? `${codeSpan(clip(repoRelativePath(finding.path), MAX_CELL), 'table')} (file name)`
        : links.file(finding.path, finding.line, finding.commit, 'table', !finding.removed)
  }
  const commit: LeakColumn = {
    header: 'Commit',
    cell: finding =>
      `${finding.commit ? links.commit(finding.commit, 'table') : 'working tree'}${removedNote(finding, links, 'table')}`,
    once: finding =>
      `${finding.commit ? `in commit ${links.commit(finding.commit)}` : 'in the working tree'}${removedNote(finding, links)}`
  }
  // The fingerprint starts with the detector's id, so it says the kind too: one column fewer keeps the table
  // within a summary pane about 1,000 px wide, where keys and fingerprints do not wrap.
  const fingerprint: LeakColumn = {
    header: 'Fingerprint',
    cell: finding => codeSpan(clip(finding.fingerprint, MAX_CELL), 'table')
  }
  // Without a Kind column, the workflow's own key still says so.
  const keyAndOwner: LeakColumn = {
    header: 'Key',
    cell: finding =>
      `${key.cell(finding)}${finding.detectorId === CONFIGURED_KEY_DETECTOR_ID ? " **this workflow's key**" : ''}`
  }
  const columnsOf = (group: LeakGroup): LeakColumn[] =>
    group.fingerprints ? [keyAndOwner, file, commit, fingerprint] : [key, kind, file, commit]

  const body = (budget: number, maxRows: number): { blocks: string[]; rows: number } => {
    const blocks: string[] = []
    let used = 0
    let rows = 0
    const fits = (parts: string[]): boolean => {
      const cost = bytes(join(parts))
      if (used + cost > budget) return false
      used += cost
      return true
    }
    groups: for (const [index, group] of groups.entries()) {
      const open = index === 0 || findings.length <= OPEN_GROUPS_UP_TO
      const opening = open
        ? `**${escapeMarkdown(group.title)}**`
        : `<details><summary>${escapeHtml(group.title)}</summary>`
      const closing = open ? [] : ['</details>']
      if (rows >= maxRows || !fits([opening, ...closing])) break
      blocks.push(opening)
      // One table per commit: a commit column would repeat itself and widen the table past the pane (and wrap
      // the keys and fingerprints in it).
      for (const part of byCommit(group.findings)) {
        const table = leakTable(part, columnsOf(group))
        const heading = table.once ? [`${upperFirst(table.once)}.`] : []
        if (rows >= maxRows || !fits([...heading, table.header])) {
          blocks.push(...closing)
          break groups
        }
        const taken = takeWithinBudget(table.rows, budget - used, maxRows - rows)
        used += taken.bytes
        rows += taken.count
        blocks.push(...heading, [table.header, ...taken.lines].join('\n'))
        if (taken.count < part.length) {
          blocks.push(...closing)
          break groups
        }
      }
      blocks.push(...closing)
    }
    return { blocks, rows }
  }
  const after = (rowsShown: number): string[] => {
    const rest = sorted.length - rowsShown
    if (rest <= 0) return []
    const shownGroups = groups.flatMap(group => group.findings)
    const files = new Set(shownGroups.slice(rowsShown).map(finding => finding.path)).size
    const where = input.sarifFile
      ? `see the SARIF report ${codeSpan(input.sarifFile)}`
      : 'set `sarif-file` (or run the CLI with `--json`) to get all of them'
    return [`…and ${plural(rest, 'more finding')} in ${plural(files, 'file')}; ${where}.`]
  }
  return { before, body, after }
}

/** ", removed in <commit>" for a key added and removed inside the range (it stays in history). */
function removedNote(finding: Finding, links: LinkBuilder, where: 'inline' | 'table' = 'inline'): string {
  if (!finding.removed) return ''
  return `, removed ${finding.removed.commit ? `in ${links.commit(finding.removed.commit, where)}` : 'later'}`
}

/**
 * The findings by commit (and, for keys removed later in the range, by the commit that removed them), in the order
 * of each part's first finding: every row of a part has the same Commit cell, said once above its table.
 */
function byCommit(findings: readonly Finding[]): Finding[][] {
  const commitsOf = (finding: Finding) =>
    `${finding.commit ?? ''}\u0000${finding.removed ? `removed ${finding.removed.commit ?? ''}` : ''}`
  return [...groupBy(findings, commitsOf).values()]
}

/** Live first, then unknown, not verified and dead. */
function leakGroups(sorted: readonly Finding[], verifyLeaks: boolean): LeakGroup[] {
  const of = (liveness: Finding['liveness']) => sorted.filter(finding => finding.liveness === liveness)
  const groups: LeakGroup[] = [
    {
      title: `🔴 ${formatCount(of('live').length)} live: revoke these first`,
      findings: of('live'),
      fingerprints: false
    },
    {
      title: `❔ ${formatCount(of('unknown').length)} not known to be live or dead (the check did not finish): treat them as live`,
      findings: of('unknown'),
      fingerprints: true
    },
    {
      title: `${formatCount(of(undefined).length)} ${verifyLeaks ? 'not verified (not OpenAI keys, or not checkable)' : 'not checked live'}`,
      findings: of(undefined),
      fingerprints: true
    },
    {
      title: `⚫ ${formatCount(of('dead').length)} dead (OpenAI rejects them): remove them anyway`,
      findings: of('dead'),
      fingerprints: true
    }
  ]
  return groups.filter(group => group.findings.length > 0)
}

/**
 * A group's table: a column whose value is the same in every row is said once instead (`once`), so no column
 * repeats one value.
 */
function leakTable(
  findings: readonly Finding[],
  columns: LeakColumn[]
): { once: string; header: string; rows: Iterable<string> } {
  const [first] = findings
  const same = (column: LeakColumn): boolean =>
    column.once !== undefined && findings.every(finding => column.cell(finding) === column.cell(first))
  const shown = columns.filter(column => !same(column))
  const once = columns
    .filter(same)
    .map(column => (column.once as (finding: Finding) => string)(first))
    .join(', ')
  const header =
    `| ${shown.map(column => column.header).join(' | ')} |\n` + `|${shown.map(() => '---').join('|')}|`
  const rows = function* (): Iterable<string> {
    for (const finding of findings) yield `| ${shown.map(column => column.cell(finding)).join(' | ')} |`
  }
  return { once, header, rows: rows() }
}

interface ScannedParts {
  /** Ends with the "Not scanned" line when anything was skipped; `items` are appended to it. */
  before: string[]
  items: string[]
  after: (linesShown: number) => string[]
}

function scannedParts(
  coverage: ScanCoverage | undefined,
  suppressed: SummaryInput['suppressed']
): ScannedParts {
  if (!coverage) return { before: [], items: [], after: () => [] }
  const facts = [
    `- Mode: ${codeSpan(coverage.mode)}${coverage.range ? ` · range: ${codeSpan(clip(coverage.range, MAX_CELL))}` : ''}`,
    `- Source: ${escapeProse(clip(coverage.source, MAX_CELL))}`,
    `- ${plural(coverage.commits, 'commit')} · ${plural(coverage.files, 'file')} · ${formatBytes(coverage.bytes)}`
  ]
  const allowed = describeSuppressed(suppressed)
  if (allowed) facts.push(`- ${allowed}`)
  const heading = coverage.incomplete ? '### ⚠️ What was scanned (incomplete)' : '### What was scanned'
  const before = [`${heading}\n${facts.join('\n')}`]
  if (coverage.incomplete) {
    before.push(
      '**The requested range was NOT fully scanned.** A passing result says nothing about the parts below.'
    )
  }
  if (coverage.skipped.length === 0) return { before, items: [], after: () => [] }

  const groups = groupSkipped(coverage.skipped)
  before.push(`**Not scanned (${formatCount(coverage.skipped.length)}):**`)
  // One line per group header and per item; the budget cuts between lines, and `after` counts items only.
  const lines: string[] = []
  const itemAt: number[] = []
  let items = 0
  for (const group of groups) {
    const reason = clip(group.fix ? sentence(group.reason) : group.reason, MAX_PROSE)
    const fix = group.fix ? ` **Fix:** ${escapeProse(clip(group.fix, MAX_PROSE))}` : ''
    lines.push(`- ${escapeProse(reason)}${fix}`)
    itemAt.push(items)
    for (const what of group.whats) {
      lines.push(`  - ${codeSpan(clip(what, MAX_CELL))}`)
      itemAt.push(++items)
    }
  }
  const after = (linesShown: number): string[] => {
    const shown = linesShown === 0 ? 0 : itemAt[linesShown - 1]
    const rest = coverage.skipped.length - shown
    return rest > 0 ? [`…and ${plural(rest, 'more item')} not scanned and not listed here.`] : []
  }
  return { before, items: lines, after }
}

const ALLOW_REASON_LABEL: Record<AllowReason, string> = {
  'inline-marker': 'inline marker',
  path: 'path',
  fingerprint: 'fingerprint'
}

/** "3 findings allowed by the allow-list (2 inline marker, 1 fingerprint)", or undefined when none were. */
export function describeSuppressed(
  suppressed: Partial<Record<AllowReason, number>> | undefined
): string | undefined {
  const counts = (Object.keys(ALLOW_REASON_LABEL) as AllowReason[])
    .map(reason => [reason, suppressed?.[reason] ?? 0] as const)
    .filter(([, count]) => count > 0)
  const total = counts.reduce((sum, [, count]) => sum + count, 0)
  if (total === 0) return undefined
  const parts = counts.map(([reason, count]) => `${formatCount(count)} ${ALLOW_REASON_LABEL[reason]}`)
  return `${plural(total, 'finding')} allowed by the allow-list (${parts.join(', ')})`
}

function groupSkipped(skipped: readonly Skipped[]): Array<{ reason: string; fix?: string; whats: string[] }> {
  const groups = new Map<string, { reason: string; fix?: string; whats: string[] }>()
  for (const item of skipped) {
    const key = `${item.reason}\u0000${item.fix ?? ''}`
    const group = groups.get(key)
    if (group) group.whats.push(item.what)
    else groups.set(key, { reason: item.reason, fix: item.fix, whats: [item.what] })
  }
  return [...groups.values()]
}

function allowlistSection(input: SummaryInput): string[] {
  const { allowlist, findings } = input
  if (!allowlist || findings.length === 0) return []
  // Live keys are revoked, never allow-listed: the example is a fingerprint the tables show.
  const example = sortFindings(findings).find(finding => finding.liveness !== 'live')
  const lines = [
    '### Allow-listing a false positive',
    'Only for test values and placeholders: a real key must be revoked whatever the allow-list says. ' +
      "A marker or a path never hides the workflow's own key; only its fingerprint does.",
    `- One line: add the comment ${codeSpan(allowlist.marker)} on the line of the match.`
  ]
  if (allowlist.pathGlob) lines.push(`- A path: ${escapeProse(allowlist.pathGlob)}.`)
  if (example) {
    lines.push(
      `- One key everywhere (survives rebases and squash merges): add its fingerprint as a line of ` +
        `${codeSpan(allowlist.file)}, e.g. ${codeSpan(example.fingerprint)} (the *Fingerprint* column above).`
    )
  }
  return [lines.join('\n')]
}

function footer(runUrl: string | undefined): string[] {
  if (!runUrl || !isSafeUrl(runUrl)) return []
  return [`---\n[Workflow run](${runUrl}) · openai-key-doctor`]
}

interface LinkBuilder {
  /** `withLine`: show `path:line` (where no Line column says it). */
  file: (
    path: string,
    line: number,
    commit: string | undefined,
    where?: 'inline' | 'table',
    withLine?: boolean
  ) => string
  commit: (commit: string, where?: 'inline' | 'table') => string
}

/** Links only from a URL we trust and a real SHA; the path is percent-encoded so it cannot end the link. */
function linkBuilder(repositoryUrl: string | undefined): LinkBuilder {
  const base = repositoryUrl && isSafeUrl(repositoryUrl) ? repositoryUrl.replace(/\/+$/, '') : undefined
  return {
    file(path, line, commit, where = 'inline', withLine = false) {
      const shown = codeSpan(
        `${clip(repoRelativePath(path), MAX_CELL)}${withLine && line > 0 ? `:${line}` : ''}`,
        where
      )
      if (!base || !commit || !isSha(commit)) return shown
      const encoded = repoRelativePath(path).split('/').map(encodeUrlSegment).join('/')
      return `[${shown}](${base}/blob/${commit.toLowerCase()}/${encoded}#L${line})`
    },
    commit(commit, where = 'inline') {
      const shown = codeSpan(clip(shortCommit(commit), 40), where)
      return base && isSha(commit) ? `[${shown}](${base}/commit/${commit.toLowerCase()})` : shown
    }
  }
}

function encodeUrlSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    char => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

function isSafeUrl(url: string): boolean {
  return /^https?:\/\/[A-Za-z0-9.\-:[\]]+(?:\/[A-Za-z0-9\-._~%/]*)?$/.test(url)
}

/** Lines in order while they fit in `budget` bytes (each costs its length plus a newline), at most `maxCount`. */
function takeWithinBudget(
  lines: Iterable<string>,
  budget: number,
  maxCount: number
): { lines: string[]; count: number; bytes: number } {
  const taken: string[] = []
  let used = 0
  for (const line of lines) {
    if (taken.length >= maxCount) break
    const cost = bytes(line) + 1
    if (used + cost > budget) break
    taken.push(line)
    used += cost
  }
  return { lines: taken, count: taken.length, bytes: used }
}

/** The blocks with `lines` appended to the last one (a table's rows, a list's items). */
function withLines(blocks: string[], lines: string[]): string[] {
  if (lines.length === 0 || blocks.length === 0) return blocks
  return [...blocks.slice(0, -1), [blocks[blocks.length - 1], ...lines].join('\n')]
}

function join(blocks: string[]): string {
  return `${blocks.join('\n\n')}\n`
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** Last line of defence for tiny budgets: cut at a line boundary and say so. */
function fitToBytes(markdown: string, maxBytes: number): string {
  if (bytes(markdown) <= maxBytes) return markdown
  const note = '\n\n…summary cut here to stay under the job-summary size limit.\n'
  const room = Math.max(0, maxBytes - bytes(note))
  const cut = Buffer.from(markdown, 'utf8').subarray(0, room).toString('utf8')
  const lastNewline = cut.lastIndexOf('\n')
  return `${lastNewline > 0 ? cut.slice(0, lastNewline) : ''}${note}`
}
