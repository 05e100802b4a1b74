import { createHash } from 'node:crypto'
import type * as Sarif from 'sarif'
import { providerOf } from '../detectors/registry.js'
import type { Finding, Severity } from '../scan/types.js'
import { printable } from './escape.js'
import {
  formatCount,
  livenessLabel,
  hasLine,
  repoRelativePath,
  shortCommit,
  shownKey,
  sortFindings
} from './format.js'

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
export const SARIF_TOOL_NAME = 'openai-key-doctor'
/** GitHub code scanning rejects a run with more results than this. */
export const SARIF_MAX_RESULTS = 25_000
/** The partialFingerprints key; bump the version if the value's recipe ever changes. */
export const SARIF_FINGERPRINT_KEY = 'secretFingerprint/v1'

export interface SarifOptions {
  toolVersion: string
  informationUri: string
  /** Defaults to SARIF_MAX_RESULTS; the most severe results are kept and the rest counted in a notification. */
  maxResults?: number
  /** The keys were found in staged files (a blocked commit): not in history yet, so the advice differs. */
  staged?: boolean
}

type SarifLevel = Extract<Sarif.Result.level, 'error' | 'warning'>

/** `T` with the fields `K` present and defined. */
type Filled<T, K extends keyof T> = T & { [P in K]-?: NonNullable<T[P]> }
/** `T` with the fields of `U` replaced by `U`'s. */
type With<T, U> = Omit<T, keyof U> & U

/** A rule as this report writes it: the standard type, with the fields it always fills required. */
export type SarifRule = Filled<
  Sarif.ReportingDescriptor,
  'name' | 'shortDescription' | 'fullDescription' | 'help' | 'defaultConfiguration' | 'properties'
>

export type SarifLocation = With<
  Sarif.Location,
  {
    physicalLocation: With<
      Sarif.PhysicalLocation,
      { artifactLocation: Filled<Sarif.ArtifactLocation, 'uri'>; region?: Sarif.Region }
    >
  }
>

export type SarifResult = With<
  Filled<Sarif.Result, 'ruleId' | 'ruleIndex' | 'level' | 'partialFingerprints' | 'properties'>,
  { locations: SarifLocation[] }
>

export type SarifRun = With<
  Sarif.Run,
  {
    tool: { driver: With<Sarif.ToolComponent, { rules: SarifRule[] }> }
    invocations: Array<Filled<Sarif.Invocation, 'toolExecutionNotifications'>>
    results: SarifResult[]
  }
>

/** The SARIF 2.1.0 log (@types/sarif), with what this report always fills required. */
export type SarifLog = With<Sarif.Log, { $schema: string; runs: SarifRun[] }>

const LEVEL: Record<Severity, SarifLevel> = { critical: 'error', error: 'error', warning: 'warning' }
/** GitHub maps security-severity to critical (>= 9.0), high (7.0-8.9) and medium (4.0-6.9). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.8', error: '8.9', warning: '5.0' }
const SEVERITY_ORDER: Severity[] = ['critical', 'error', 'warning']

/** SARIF 2.1.0 for GitHub code scanning. Keys appear only redacted; results carry no commit in their fingerprint. */
export function buildSarif(findings: readonly Finding[], options: SarifOptions): SarifLog {
  const maxResults = options.maxResults ?? SARIF_MAX_RESULTS
  const kept = sortFindings(findings).slice(0, maxResults)
  const rules = buildRules(findings, options.staged === true)
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]))
  const omitted = findings.length - kept.length
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: SARIF_TOOL_NAME,
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: options.informationUri,
            rules
          }
        },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications:
              omitted > 0
                ? [
                    {
                      level: 'warning',
                      message: {
                        text:
                          `${formatCount(omitted)} of ${formatCount(findings.length)} findings were left out: code ` +
                          `scanning accepts at most ${formatCount(maxResults)} results per run. The most severe are included.`
                      }
                    }
                  ]
                : []
          }
        ],
        results: kept.map(finding =>
          toResult(finding, ruleIndex.get(finding.detectorId) ?? 0, options.staged === true)
        )
      }
    ]
  }
}

function buildRules(findings: readonly Finding[], staged: boolean): SarifRule[] {
  const byDetector = new Map<string, { name: string; severity: Severity }>()
  for (const finding of findings) {
    const known = byDetector.get(finding.detectorId)
    if (!known) byDetector.set(finding.detectorId, { name: finding.detectorName, severity: finding.severity })
    else if (SEVERITY_ORDER.indexOf(finding.severity) < SEVERITY_ORDER.indexOf(known.severity)) {
      known.severity = finding.severity
    }
  }
  return [...byDetector.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, { name, severity }]) => rule(id, printable(name), severity, staged))
}

/** What the rule's help says: a committed key is exposed for good; a staged one only if it was ever shared. */
function ruleHelp(id: string, name: string, staged: boolean): { text: string; markdown: string } {
  const allowList =
    'If the match is a test value, allow-list it with the inline marker comment, a path glob or its fingerprint'
  if (staged) {
    const advice =
      'Take the key out of the staged files before committing, and read it from a secret or an environment variable instead. ' +
      'Revoke a real key only if it was ever shared (pushed, pasted or sent elsewhere).'
    return {
      text: `A ${name} is staged to be committed; the commit was blocked, so it is not in git history. ${advice} ${allowList}.`,
      markdown: `A **${name}** is staged to be committed; the commit was blocked, so it is not in git history.\n\n${advice}\n\n${allowList}.`
    }
  }
  const revoke =
    providerOf(id) === 'openai'
      ? 'Revoke the key at https://platform.openai.com/api-keys (OpenAI may already have disabled it: its leak detection revokes keys it finds in public code), create a new one and store it as an encrypted secret.'
      : 'Revoke the key with its provider, create a new one and store it as an encrypted secret.'
  return {
    text:
      `A ${name} was committed to the repository. Anyone who can read the repository or its history can use it. ` +
      `${revoke} Deleting the line in a later commit does not help: the key stays in git history. ${allowList}.`,
    markdown:
      `A **${name}** was committed to the repository. Anyone who can read the repository or its history can use it.\n\n` +
      `1. ${revoke}\n` +
      '2. Replace the value in code with a reference to the secret (for example `${{ secrets.OPENAI_API_KEY }}` in a workflow, or an environment variable).\n' +
      '3. Deleting the line in a later commit does not help: the key stays in git history. Treat it as exposed.\n\n' +
      `${allowList} (see the job summary).`
  }
}

function rule(id: string, name: string, severity: Severity, staged: boolean): SarifRule {
  const { text, markdown } = ruleHelp(id, name, staged)
  return {
    id,
    name: name
      .replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase())
      .replace(/^./, c => c.toUpperCase()),
    shortDescription: { text: `${staged ? 'Staged' : 'Committed'} ${name}` },
    fullDescription: { text },
    help: { text, markdown },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ['security', 'secret', 'external/cwe/cwe-798'],
      precision: severity === 'warning' ? 'medium' : 'high',
      'problem.severity': LEVEL[severity],
      'security-severity': SECURITY_SEVERITY[severity]
    }
  }
}

function toResult(finding: Finding, ruleIndex: number, staged: boolean): SarifResult {
  const path = repoRelativePath(finding.path)
  const key = shownKey(finding)
  const added = finding.commit ? ` in commit ${printable(shortCommit(finding.commit))}` : ''
  const removedIn = finding.removed?.commit ? ` ${printable(shortCommit(finding.removed.commit))}` : ''
  const commit =
    (finding.inFileName ? ' in the file name' : '') +
    (finding.removed
      ? `${added} and removed later${removedIn ? ` in commit${removedIn}` : ''} (still in history)`
      : added)
  const region: Sarif.Region = {
    startLine: finding.line,
    endLine: finding.line,
    snippet: { text: key }
  }
  if (hasLine(finding) && finding.startColumn >= 1 && finding.endColumn >= finding.startColumn) {
    region.startColumn = finding.startColumn
    // SARIF's endColumn is the column after the region; a Finding's is the last column of the key.
    region.endColumn = finding.endColumn + 1
  }
  return {
    ruleId: finding.detectorId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: {
      text: `${printable(finding.detectorName)} ${key} ${staged ? 'staged' : 'committed'}${commit} (liveness: ${livenessLabel(finding.liveness)}).`
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: {
            uri: path.split('/').map(encodeURIComponent).join('/'),
            uriBaseId: '%SRCROOT%'
          },
          // A key in a file name, or one no longer in the head, has no line: the location is the file alone
          // (its path redacted, as every name that carries a key is).
          ...(hasLine(finding) ? { region } : {})
        }
      }
    ],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: stableFingerprint(finding, path) },
    properties: {
      commit: finding.commit ?? null,
      ...(finding.removed ? { removedIn: finding.removed.commit ?? null } : {}),
      ...(finding.inFileName ? { inFileName: true } : {}),
      liveness: livenessLabel(finding.liveness),
      severity: finding.severity,
      fingerprint: finding.fingerprint
    }
  }
}

/**
 * The secret's own fingerprint (detector and secret, nothing positional) joined with a hash of the path, so the
 * same key in two files is two alerts, while rebases, squash merges and line shifts keep the alert.
 */
function stableFingerprint(finding: Finding, path: string): string {
  const pathHash = createHash('sha256').update(path).digest('hex').slice(0, 16)
  return `${finding.fingerprint}:${pathHash}`
}
