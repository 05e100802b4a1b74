import type { Classification } from '../core/classify.js'
import { diagnose } from '../core/diagnose.js'
import type { Diagnosis, RepoEvidence, RepoFindings, RunContext } from '../core/diagnosis-types.js'
import { analyzeKeyFormat } from '../core/key-format.js'
import { isVerifiableLeak } from '../core/leak-liveness.js'
import { shouldFail, type PolicyDecision } from '../core/policy.js'
import type { LineSource } from '../scan/coverage.js'
import type { ScanCoverage } from '../scan/types.js'
import { scanSourceOf, scannedUncommitted } from '../scan/sources/registry.js'
import type { OpenAIClient } from '../openai/client.js'
import { detectProvider, gatewayCredentialFor } from '../providers/registry.js'
import { InputError } from '../settings/action-inputs.js'
import type { RepoCheckResult, RepoFileCollector, RepoFileSet } from '../repo-checks/index.js'
import type { Settings } from '../settings/settings.js'
import { loadAllowlist, type LoadedAllowlist } from './allowlist-file.js'
import { probeKey, type KeyProbes } from './check-key.js'
import { configuredKeyEvidence, findLeaks, type LeakScan } from './find-leaks.js'
import { MAX_VERIFIED_KEYS, verifyLeaks } from './verify-leaks.js'
import { formatCount } from '../report/format.js'

export interface DoctorInput {
  settings: Settings
  run: RunContext
  workspace: string
  /** What to scan for committed keys; undefined: no scan. */
  source?: LineSource
  /**
   * Opens the repository's history as it is (never fetching): when the key is invalid and `source` did not read
   * the whole history, the history is searched for that exact key (revoked by OpenAI's leak detection?).
   */
  history?: () => Promise<LineSource>
  /** CLI --staged / --range: the key is checked only when there is one, and a missing key never fails. */
  scanOnly?: boolean
  /**
   * The CLI: an empty key means the developer's shell lacks OPENAI_API_KEY, which is reported but never fails
   * the run (a pre-commit hook or `npm start` must not fail for it). The action fails `missing` per fail-on.
   */
  missingKeyNeverFails?: boolean
  /**
   * Called with every secret (configured, cleaned, found) before anything can print it: mask it. The secrets a
   * scan finds come in one call, as it ends (nothing prints during a scan).
   */
  protect: (secrets: string | readonly string[]) => void
  /** Told as each step of the run starts (a progress line, a log line). */
  onPhase?: (phase: DoctorPhase) => void
}

/** The steps of a run, in order; `scan-only` replaces `checking-key` when there is no key to check. */
export type DoctorPhase =
  | { step: 'checking-key' }
  | { step: 'scan-only' }
  | { step: 'scanning' }
  | { step: 'verifying'; keys: number }
  | { step: 'searching-history' }

export interface DoctorResult {
  /** Undefined for a scan-only run without a key. */
  diagnosis?: Diagnosis
  leakScan?: LeakScan
  allowlist?: LoadedAllowlist
  /** What the repository says about the 401 causes no API answer shows (checklist evidence). */
  repo: RepoFindings
  repoNotes: string[]
  leaks: number
  liveLeaks: number
  decision: PolicyDecision
}

/** The whole engine, shared by the action and the CLI: check the key, scan, verify, diagnose, decide. */
export async function runDoctor(input: DoctorInput): Promise<DoctorResult> {
  const { settings, workspace } = input
  const onPhase = input.onPhase ?? (() => undefined)
  input.protect(settings.apiKey)
  if (settings.gatewayToken) input.protect(settings.gatewayToken)
  const provider = detectProvider(settings.baseUrl, settings.provider)
  const gatewayCredential = gatewayCredentialFor(provider, settings.gatewayToken, settings.gatewayHeader)
  if (gatewayCredential === null) {
    throw new InputError(
      `Input 'gateway-token' is set, but ${provider.name} has no usual header for it: name the header with 'gateway-header'.`
    )
  }
  const format = analyzeKeyFormat(settings.apiKey, provider)
  if (format.cleaned !== undefined) input.protect(format.cleaned)
  const checkKey = !(input.scanOnly && format.empty)

  const clients: OpenAIClient[] = []
  // Loaded on demand: an offline run (liveness: false) never pays for the HTTP stack.
  const newClient = async (forConfiguredKey: boolean): Promise<OpenAIClient> => {
    const { createOpenAIClient } = await import('../openai/client.js')
    const client = createOpenAIClient({
      baseUrl: settings.baseUrl,
      timeoutMs: settings.timeoutMs,
      provider,
      ...(gatewayCredential ? { gatewayCredential } : {}),
      ...(forConfiguredKey
        ? { organization: settings.organization, project: settings.project, authScheme: settings.authScheme }
        : { authScheme: 'bearer' as const })
    })
    clients.push(client)
    return client
  }
  try {
    onPhase({ step: checkKey ? 'checking-key' : 'scan-only' })
    const probes = checkKey
      ? await probeKey(settings, settings.liveness ? await newClient(true) : undefined, format)
      : undefined

    let allowlist: LoadedAllowlist | undefined
    let leakScan: LeakScan | undefined
    const runNotes: string[] = []
    const explain = probes !== undefined && needsExplaining(probes)
    const repoFiles = explain && input.source ? await readRepoFilesAlong(input.source, workspace) : undefined
    if (input.source) {
      allowlist = await loadAllowlist(workspace)
      onPhase({ step: 'scanning' })
      leakScan = await findLeaks(input.source, {
        configuredKey: settings.apiKey === '' ? undefined : settings.apiKey,
        allowlist: allowlist.allowlist
      })
      if (leakScan.allowlistNote) allowlist.problems.push(leakScan.allowlistNote)
      input.protect([...new Set(leakScan.findings.map(finding => finding.secret))])
      const verifiable = new Set(leakScan.findings.filter(isVerifiableLeak).map(finding => finding.secret))
      if (settings.verifyLeaks && settings.liveness && verifiable.size > 0 && input.run.isForkPullRequest) {
        // A fork's keys are the fork author's to test: probing them would make this workflow a key-checking oracle.
        runNotes.push(
          `${notCheckedLive(verifiable.size)}: keys found in a fork pull request are never sent, or anyone could use this workflow to test keys. Treat ${them(verifiable.size)} as live.`
        )
      } else if (settings.verifyLeaks && settings.liveness && verifiable.size > 0) {
        const known = reusableAnswers(settings, probes)
        // Found OpenAI keys are only sent where OpenAI answers; elsewhere only the configured key's answer is reused.
        const checkable = provider.verifiesOpenAIKeys
          ? leakScan.findings
          : leakScan.findings.filter(finding => known.has(finding.secret))
        const unchecked = [...verifiable].filter(
          secret => !checkable.some(finding => finding.secret === secret)
        )
        if (unchecked.length > 0) {
          runNotes.push(
            `${notCheckedLive(unchecked.length)}: \`base-url\` is ${provider.name}, which cannot tell whether an OpenAI key works. Treat ${them(unchecked.length)} as live: revoke ${them(unchecked.length)} at https://platform.openai.com/api-keys.`
          )
        }
        onPhase({ step: 'verifying', keys: Math.min(verifiable.size - unchecked.length, MAX_VERIFIED_KEYS) })
        const { notProbed } = await verifyLeaks(checkable, await newClient(false), known)
        if (notProbed > 0) {
          runNotes.push(
            `${notCheckedLive(notProbed, 'more ')}: at most ${MAX_VERIFIED_KEYS} are checked per run. Treat ${them(notProbed)} as live.`
          )
        }
      }
    }

    const repoChecks = explain ? await checkRepository(workspace, repoFiles?.sharedFileSet()) : undefined
    const sweep =
      probes &&
      isInvalid(probes) &&
      !(leakScan && scanSourceOf(leakScan.coverage).wholeHistory) &&
      input.history
        ? await sweepHistoryForKey(await input.history(), settings.apiKey, onPhase)
        : undefined
    const scans = [leakScan, sweep].filter(scan => scan !== undefined)
    // Only a scan of every commit can tell that the key was never committed: a range, or a shallow clone's few
    // commits, cannot.
    const historyScan = leakScan && scanSourceOf(leakScan.coverage).wholeHistory ? leakScan : sweep
    const repo: RepoFindings = {
      ...(repoChecks ?? {}),
      ...(scans.length > 0
        ? {
            configuredKeyCommitted: uniqueEvidence(
              scans.flatMap(scan => configuredKeyEvidence(scan.findings))
            ),
            checkedHistory: historyScan !== undefined && !historyScan.coverage.incomplete
          }
        : {}),
      ...(historyScan?.coverage.incomplete
        ? { historyNotFullySearched: historyGap(historyScan.coverage) }
        : {})
    }
    const diagnosis = probes
      ? diagnose({
          format,
          live: probes.live,
          cleanedLive: probes.cleanedLive,
          models: probes.models,
          inference: probes.inference,
          provider: provider.id,
          run: input.run,
          settings,
          repo
        })
      : undefined

    const leaks = leakScan?.findings.length ?? 0
    const liveLeaks = leakScan?.findings.filter(finding => finding.liveness === 'live').length ?? 0
    const decision = shouldFail({
      failOn: settings.failOn,
      keyStatus:
        diagnosis && !(input.missingKeyNeverFails && diagnosis.keyStatus === 'missing')
          ? diagnosis.keyStatus
          : 'skipped',
      requiredModelsSet: settings.requiredModels.length > 0,
      leaks,
      liveLeaks,
      staged: scannedUncommitted(leakScan?.coverage),
      ...(leakScan
        ? {
            unscanned: {
              files: leakScan.coverage.skipped.filter(entry => entry.unscanned).length,
              range: leakScan.coverage.incomplete,
              wholeHistory: scanSourceOf(leakScan.coverage).wholeHistory === true
            }
          }
        : {})
    })
    return {
      ...(diagnosis ? { diagnosis } : {}),
      ...(leakScan ? { leakScan } : {}),
      ...(allowlist ? { allowlist } : {}),
      repo,
      repoNotes: [
        ...runNotes,
        ...(repoChecks?.notFullyChecked ?? []).map(cut => `Repository not fully checked: ${cut.detail}.`)
      ],
      leaks,
      liveLeaks,
      decision
    }
  } finally {
    await Promise.all(clients.map(client => client.close()))
  }
}

function isInvalid(probes: KeyProbes): boolean {
  return (probes.live ?? probes.cleanedLive)?.status === 'invalid'
}

/**
 * Revoked after a leak? Every commit of the history is searched for the configured key alone, in this process:
 * the key never reaches a command line, and the findings are not reported as leaks (only as evidence).
 */
async function sweepHistoryForKey(
  history: LineSource,
  apiKey: string,
  onPhase: (phase: DoctorPhase) => void
): Promise<LeakScan | undefined> {
  if (apiKey.trim() === '') return undefined
  onPhase({ step: 'searching-history' })
  return findLeaks(history, { configuredKey: apiKey, onlyConfiguredKey: true })
}

/** How much of the history was searched for the key, and how to search all of it. */
function historyGap(coverage: ScanCoverage): NonNullable<RepoFindings['historyNotFullySearched']> {
  const fix = coverage.skipped.find(entry => entry.fix !== undefined)?.fix
  return { commits: coverage.commits, ...(fix ? { fix } : {}) }
}

function uniqueEvidence(evidence: RepoEvidence[]): RepoEvidence[] {
  const seen = new Set<string>()
  return evidence.filter(item => {
    const identity = `${item.path}\0${item.line}\0${item.commit ?? ''}`
    if (seen.has(identity)) return false
    seen.add(identity)
    return true
  })
}

/** The repository checks explain why a key fails; a key that passed, or was not checked live, needs none. */
function needsExplaining(probes: KeyProbes): boolean {
  const answer = probes.live ?? probes.cleanedLive
  if (probes.format.cause !== 'none' || probes.format.empty) return true
  return answer !== undefined && answer.status !== 'valid'
}

async function checkRepository(workspace: string, files: RepoFileSet | undefined): Promise<RepoCheckResult> {
  const { runRepoChecks } = await import('../repo-checks/index.js')
  return runRepoChecks(workspace, files ? { files } : {})
}

/**
 * A source that reads the checkout (the tree scan) shows each file to the repository checks as it reads it: the
 * checkout is listed and read once. Undefined when the source does not read the checkout.
 */
async function readRepoFilesAlong(
  source: LineSource,
  workspace: string
): Promise<RepoFileCollector | undefined> {
  if (!source.observeFiles) return undefined
  const { RepoFileCollector } = await import('../repo-checks/index.js')
  const collector = await RepoFileCollector.at(workspace).catch(() => undefined)
  if (collector) source.observeFiles(collector)
  return collector
}

/** The configured key's answer can stand for its leaked copies only when no organization/project header changed it. */
function reusableAnswers(
  settings: Settings,
  probes: { sentKey?: string; live?: Classification; cleanedLive?: Classification } | undefined
): Map<string, Classification> {
  const answer = probes?.live ?? probes?.cleanedLive
  if (!probes?.sentKey || !answer || settings.organization || settings.project) return new Map()
  return new Map([[probes.sentKey, answer]])
}

/** "1 found key was not checked live", "3 more found keys were not checked live": no "(s)". */
function notCheckedLive(count: number, more = ''): string {
  return `${formatCount(count)} ${more}found ${count === 1 ? 'key was' : 'keys were'} not checked live`
}

function them(count: number): string {
  return count === 1 ? 'it' : 'them'
}
