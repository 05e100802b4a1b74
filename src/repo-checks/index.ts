import type { RepoEvidence } from '../core/diagnosis-types.js'
import { formatBytes } from '../report/format.js'
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
  /** What was not looked at, in plain words, for the job summary. */
  notes: string[]
}

const MIB = 1024 * 1024

/** Reads the workspace once and runs both repository checks on it. Never throws. */
export async function runRepoChecks(
  workspace: string,
  opts: RepoCheckOptions = {}
): Promise<RepoCheckResult> {
  const limits = opts.readLimits ?? REPO_READ_LIMITS
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
      notes: [`The repository checks did not run: the workspace could not be read (${String(reason)}).`]
    }
  }
  const notes: string[] = []
  if (fileSet.hitFileLimit) {
    notes.push(
      `The repository has more files than the checks read (at most ${limits.maxSourceFiles} source files); ` +
        'env var names and SDK calls in the rest were not checked.'
    )
  }
  if (fileSet.hitByteLimit) {
    notes.push(
      `The repository has more source than the checks read (at most ${formatBytes(limits.maxSourceBytes)} of ` +
        'source files); env var names and SDK calls in the rest were not checked.'
    )
  }
  if (fileSet.skippedLarge.length > 0) {
    notes.push(
      `Not read because too large (over ${limits.maxFileBytes / MIB} MiB, lockfiles over ` +
        `${limits.maxLockfileBytes / MIB} MiB): ${namesOf(fileSet.skippedLarge)}.`
    )
  }
  if (fileSet.notRead.length > 0) {
    notes.push(
      `Not read (symbolic links are not followed; FIFOs and devices are not read): ${namesOf(fileSet.notRead.map(entry => entry.path))}.`
    )
  }
  const { files } = fileSet
  const setsNames = files.some(file => isWorkflowPath(file.path) || isDotenvPath(file.path))
  const hasManifests = files.some(file => {
    const kind = candidateKind(file.path)
    return (
      kind === 'lockfile' || (kind === 'config' && !isWorkflowPath(file.path) && !isDotenvPath(file.path))
    )
  })
  return {
    envVarName: checkEnvVarNames(files, { actionSecretName: opts.actionSecretName }),
    outdatedLibrary: checkSdkVersions(files),
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
    notes
  }
}

/** The first five names, and how many more. */
function namesOf(paths: readonly string[]): string {
  const more = paths.length > 5 ? ` and ${paths.length - 5} more` : ''
  return `${paths.slice(0, 5).join(', ')}${more}`
}
