/**
 * `<detectorId>:<first 16 hex digits of sha256(secret)>`, e.g. `openai-project-key:3f9a0c1d2e4b5a67`.
 *
 * Built from the detector and the secret only, never from the path, line or commit, so it survives
 * rebases, squash merges and moved code (gitleaks' `commit:file:rule:line` fingerprints break on all of
 * those: gitleaks #979, #1355). One fingerprint therefore names one secret wherever it appears: listing it in
 * `.openai-key-doctor-ignore` accepts that secret everywhere, and the report groups places by it. 64 bits
 * of a hash reveal nothing usable about a random key.
 */
export function fingerprint(detectorId: string, secret: string): string {
  return `${detectorId}:${crypto().createHash('sha256').update(secret).digest('hex').slice(0, 16)}`
}

/** node:crypto, loaded when the first finding needs it: most runs find nothing, and loading it costs a few ms. */
function crypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto')
}

export const FINGERPRINT_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*:[0-9a-f]{16}$/
