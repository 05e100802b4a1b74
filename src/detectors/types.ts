import type { DetectorMatch, Severity } from '../scan/types.js'

/** The provider a detector's keys belong to; `unknown` for the generic `sk-` detector. */
export type Provider = 'openai' | 'anthropic' | 'openrouter' | 'unknown'

/**
 * One family of secrets, in the style of trufflehog's detectors. `keywords` are literals of which every
 * match contains at least one: the scanner never runs `find` on a line that holds none of them.
 */
export interface Detector {
  /** Stable id, part of every fingerprint: renaming it invalidates users' ignore files. */
  id: string
  /** Says what kind of secret was found, e.g. "OpenAI project key". */
  name: string
  severity: Severity
  /** Whose key it is: decides whether a found key is checked live against OpenAI and where to revoke it. */
  provider: Provider
  keywords: readonly string[]
  /**
   * A literal every match starts with, when there is one (`sk-`). Whole files are searched for it instead of
   * for each keyword; the keywords still decide which detectors run on a line that has it.
   */
  prefix?: string
  /** Every match in one line (or window of a line); spans never overlap. */
  find(text: string): DetectorMatch[]
}
