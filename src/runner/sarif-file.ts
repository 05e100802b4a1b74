/** Writing the SARIF log: no @actions/core here, so the CLI does not load it. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Writes the SARIF log as JSON, creating parent directories. A relative path is taken from GITHUB_WORKSPACE
 * (else the working directory), where later steps such as upload-sarif look. Returns the absolute path.
 * Written synchronously, as the run ends: nothing else is waiting, and each thread-pool round trip of an
 * asynchronous write costs more than the write.
 */
export async function writeSarifFile(file: string, sarif: object): Promise<string> {
  const absolute = path.resolve(process.env.GITHUB_WORKSPACE || process.cwd(), file)
  mkdirSync(path.dirname(absolute), { recursive: true })
  writeFileSync(absolute, `${JSON.stringify(sarif, null, 2)}\n`, 'utf8')
  return absolute
}
