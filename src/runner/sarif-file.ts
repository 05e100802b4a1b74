/** Writing the SARIF log: no @actions/core here, so the CLI does not load it. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Reporter } from '../report/run-report.js'
import { buildSarif } from '../report/sarif.js'
import { TOOL_INFO } from '../settings/tool.js'

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

/**
 * Writes the SARIF report to `file`; a file that cannot be written fails the run, in the action and the CLI
 * alike. `option` names where the path came from (`sarif-file`, `--sarif`).
 */
export function sarifReporter(file: string, option: string): Reporter {
  return {
    async publish(report) {
      const sarif = buildSarif(report.findings, {
        toolVersion: TOOL_INFO.version,
        informationUri: TOOL_INFO.informationUri
      })
      try {
        return { sarifWritten: await writeSarifFile(file, sarif) }
      } catch (error) {
        const { code, message } = error as NodeJS.ErrnoException
        return {
          failure: {
            trigger: 'sarif-file',
            text: `Could not write the SARIF report to ${option} ${JSON.stringify(file)} (${code ?? message})`
          }
        }
      }
    }
  }
}
