import type { ServerSaid } from './diagnosis-types.js'

/**
 * "HTTP 403 AuthenticationTypeDisabled: “Key based authentication is disabled for this resource.”": the status
 * once, the code when it adds to the status, and the message in quotes. Plain text; each report escapes it.
 */
export function describeServerSaid(said: ServerSaid): string {
  const code = said.code ? ` ${said.code}` : ''
  const truncated = said.truncated ? ' (body cut short)' : ''
  const message = said.message ? `: “${said.message}”` : ' (no message)'
  return `HTTP ${said.httpStatus}${code}${truncated}${message}`
}
