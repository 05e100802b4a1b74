/** Writing the SARIF log: no @actions/core here, so the CLI does not load it. */
import type { Reporter } from '../report/run-report.js'
import { buildSarif } from '../report/sarif.js'
import { scannedUncommitted } from '../scan/sources/registry.js'
import { TOOL_INFO } from '../settings/tool.js'
import { writeFailure, writeFileInside, type WriteRoots } from './safe-write.js'

/**
 * Writes the SARIF log as JSON, creating parent directories, only inside `roots` and never through a link (see
 * safe-write.ts). A relative path is taken from `roots.base` (the workspace, where later steps such as
 * upload-sarif look). Returns the absolute path. Written synchronously, as the run ends: nothing else is waiting,
 * and each thread-pool round trip of an asynchronous write costs more than the write.
 */
export function writeSarifFile(file: string, sarif: object, roots: WriteRoots): string {
  return writeFileInside(file, `${JSON.stringify(sarif, null, 2)}\n`, roots)
}

/**
 * Writes the SARIF report to `file`; a file that cannot be written (or is refused) fails the run, in the action
 * and the CLI alike. `option` names where the path came from (`sarif-file`, `--sarif`).
 */
export function sarifReporter(file: string, option: string, roots: WriteRoots): Reporter {
  return {
    publish(report) {
      const sarif = buildSarif(report.findings, {
        toolVersion: TOOL_INFO.version,
        informationUri: TOOL_INFO.informationUri,
        staged: scannedUncommitted(report.coverage)
      })
      try {
        return { sarifWritten: writeSarifFile(file, sarif, roots) }
      } catch (error) {
        return {
          failure: {
            trigger: 'sarif-file',
            text: `Could not write the SARIF report to ${option} ${JSON.stringify(file)}: ${writeFailure(error)}`
          }
        }
      }
    }
  }
}
