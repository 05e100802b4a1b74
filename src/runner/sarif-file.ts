/** Writing the SARIF log: no @actions/core here, so the CLI does not load it. */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Writes the SARIF log as JSON, creating parent directories. A relative path is taken from GITHUB_WORKSPACE
 * (else the working directory), where later steps such as upload-sarif look. Returns the absolute path.
 */
export async function writeSarifFile(file: string, sarif: object): Promise<string> {
  const absolute = path.resolve(process.env.GITHUB_WORKSPACE || process.cwd(), file)
  await mkdir(path.dirname(absolute), { recursive: true })
  await writeFile(absolute, `${JSON.stringify(sarif, null, 2)}\n`, 'utf8')
  return absolute
}
