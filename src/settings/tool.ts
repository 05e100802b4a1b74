/** Facts about this tool that reports name (SARIF driver, User-Agent). A test keeps `version` equal to package.json's. */
export const TOOL_INFO = {
  name: 'openai-key-doctor',
  version: '1.0.0',
  informationUri: 'https://github.com/openai-key-doctor/openai-key-doctor'
} as const

/**
 * Bounds of a scan: the tree scan reads files up to maxFileBytes whole and larger ones in chunks (see
 * git/tree.ts); lines over maxLineBytes (minified code) are scanned in overlapping windows, so memory stays
 * bounded whatever the repository holds.
 */
export const SCAN_LIMITS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxLineBytes: 64 * 1024
} as const
