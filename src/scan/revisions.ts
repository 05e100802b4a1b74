/** Commit ids and repository names as every source names them (git, the GitHub API, event payloads). */

const SHA_PATTERN = /^[0-9a-f]{40}([0-9a-f]{24})?$/

/** A full SHA-1 or SHA-256 commit id, checked by `isSha`. */
export type Sha = string

export interface RepositoryName {
  owner: string
  repo: string
}

export function isSha(value: unknown): value is Sha {
  return typeof value === 'string' && SHA_PATTERN.test(value)
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7)
}
