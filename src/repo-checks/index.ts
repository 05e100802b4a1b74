import type { RepoCheckCut, RepoEvidence } from '../core/diagnosis-types.js'
import { formatBytes } from '../report/format.js'
import { CheckBudget } from './budget.js'
import {
  candidateKind,
  REPO_READ_LIMITS,
  readRepoFilesForChecks,
  type RepoFileSet,
  type RepoReadLimits
} from './read-repo.js'
import { isDotenvPath, isWorkflowPath } from './repo-file.js'
import { checkSdkVersions } from './sdk-versions.js'
import { checkEnvVarNames, type EnvVarNameOptions } from './workflow-env.js'

export { checkEnvVarNames, type EnvVarNameOptions } from './workflow-env.js'
export { checkSdkVersions } from './sdk-versions.js'
export {
  REPO_READ_LIMITS,
  readRepoFilesForChecks,
  RepoFileCollector,
  type RepoFileSet,
  type RepoReadLimits
} from './read-repo.js'
export type { RepoFile } from './repo-file.js'

export interface RepoCheckOptions extends EnvVarNameOptions {
  /** Defaults to REPO_READ_LIMITS. */
  readLimits?: RepoReadLimits
  /** The files, when the tree scan read them already (RepoFileCollector); else the checks read the workspace. */
  files?: RepoFileSet
  /** Defaults to a budget of REPO_CHECK_BUDGET_MS from the start. */
  budget?: CheckBudget
}

/** The repository's side of the 401 checklist: fits RepoFindings (configuredKeyCommitted comes from the leak scan). */
export interface RepoCheckResult {
  envVarName: RepoEvidence[]
  outdatedLibrary: RepoEvidence[]
  /** False only when the workspace could not be read at all, so "nothing found" must not read as "ruled out". */
  checkedEnvVarNames: boolean
  checkedLibraries: boolean
  /**
   * Why a check had nothing to compare (no workflow or .env files that set names, no manifests): what it finds
   * in code still counts, but finding nothing is "not checked", never "ruled out".
   */
  envVarNamesNotChecked?: string
  librariesNotChecked?: string
  /** What was not looked at, and why (empty when the checks saw everything they look for). */
  notFullyChecked: RepoCheckCut[]
}

const MIB = 1024 * 1024

/** Reads the workspace once and runs both repository checks on it. Never throws. */
export async function runRepoChecks(
  workspace: string,
  opts: RepoCheckOptions = {}
): Promise<RepoCheckResult> {
  const limits = opts.readLimits ?? REPO_READ_LIMITS
  const budget = opts.budget ?? new CheckBudget()
  let fileSet
  try {
    fileSet = opts.files ?? (await readRepoFilesForChecks(workspace, limits))
  } catch (error) {
    // Not `instanceof Error`: errors from node:fs may come from another realm (vm contexts, bundles).
    const reason = (error as { code?: unknown } | undefined)?.code ?? 'unreadable'
    return {
      envVarName: [],
      outdatedLibrary: [],
      checkedEnvVarNames: false,
      checkedLibraries: false,
      notFullyChecked: [
        { limit: 'unreadable', detail: `the workspace could not be read (${String(reason)})` }
      ]
    }
  }
  if (fileSet.hitFileLimit) {
    budget.cut(
      'files',
      `the repository has more files than they read (at most ${limits.maxSourceFiles} source files); ` +
        'the rest were not checked'
    )
  }
  if (fileSet.hitByteLimit) {
    budget.cut(
      'bytes',
      `the repository has more source than they read (at most ${formatBytes(limits.maxSourceBytes)} of ` +
        'source files); the rest was not checked'
    )
  }
  if (fileSet.skippedLarge.length > 0) {
    budget.cut(
      'large-files',
      `not read because too large (over ${limits.maxFileBytes / MIB} MiB, lockfiles over ` +
        `${limits.maxLockfileBytes / MIB} MiB): ${namesOf(fileSet.skippedLarge)}`
    )
  }
  if (fileSet.notRead.length > 0) {
    budget.cut(
      'not-read',
      `not read (symbolic links are not followed; FIFOs and devices are not read): ${namesOf(fileSet.notRead.map(entry => entry.path))}`
    )
  }
  const { files } = fileSet
  const setsNames = files.some(file => isWorkflowPath(file.path) || isDotenvPath(file.path))
  const hasManifests =
    fileSet.lockfilesWithoutOpenAI > 0 ||
    files.some(file => {
      const kind = candidateKind(file.path)
      return (
        kind === 'lockfile' || (kind === 'config' && !isWorkflowPath(file.path) && !isDotenvPath(file.path))
      )
    })
  const envVarName = checkEnvVarNames(files, { actionSecretName: opts.actionSecretName }, budget)
  const outdatedLibrary = checkSdkVersions(files, budget)
  return {
    envVarName,
    outdatedLibrary,
    checkedEnvVarNames: true,
    checkedLibraries: true,
    ...(setsNames
      ? {}
      : {
          envVarNamesNotChecked:
            'the workspace has no workflow files (`.github/workflows/*.yml`) or `.env` files that set variable names (check out the repository before this step)'
        }),
    ...(hasManifests
      ? {}
      : {
          librariesNotChecked:
            'the workspace has no package manifests or lockfiles (`package.json`, `requirements.txt`, `pyproject.toml`, …) (check out the repository before this step)'
        }),
    notFullyChecked: budget.cuts()
  }
}

/** The first five names, and how many more. */
function namesOf(paths: readonly string[]): string {
  const more = paths.length > 5 ? ` and ${paths.length - 5} more` : ''
  return `${paths.slice(0, 5).join(', ')}${more}`
}
