/**
 * Reading what other jobs of the sweep wrote (the plan file, the result files of the artifacts): checked field by
 * field, so a damaged file is an error that names it, not a crash or a wrong table.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { SweepPlan } from './chunk.js'
import { RESULT_SUFFIX, type SweepResult } from './results.js'

export class SweepFileError extends Error {}

export function readPlan(file: string): SweepPlan {
  const plan = parseFile(file) as Partial<SweepPlan>
  const valid =
    plan?.sweepPlan === 1 &&
    typeof plan.organization === 'string' &&
    Array.isArray(plan.jobs) &&
    plan.jobs.every(job => Array.isArray(job) && job.every(name => typeof name === 'string'))
  if (!valid) throw new SweepFileError(`${file} is not a sweep plan (sweepPlan: 1).`)
  return plan as SweepPlan
}

/** Every `*.result.json` under `dir` (artifacts downloaded one folder each, or merged into one). */
export function readResults(dir: string): SweepResult[] {
  return resultFiles(dir).map(name => {
    const file = path.join(dir, name)
    const result = parseFile(file) as Partial<SweepResult>
    const count = (value: unknown) =>
      value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0)
    const valid =
      result?.sweepResult === 1 &&
      typeof result.repository === 'string' &&
      count(result.leakCount) &&
      count(result.liveLeakCount) &&
      Array.isArray(result.notScanned) &&
      result.notScanned.every(item => typeof item === 'string') &&
      (result.error === null || typeof result.error === 'string')
    if (!valid) throw new SweepFileError(`${file} is not a sweep result (sweepResult: 1).`)
    return result as SweepResult
  })
}

/** None when the directory is missing: no scan job uploaded anything (each planned repository has no result). */
function resultFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter(name => name.endsWith(RESULT_SUFFIX))
      .sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw new SweepFileError(
      `Could not read ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`
    )
  }
}

function parseFile(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new SweepFileError(
      `Could not read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`
    )
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new SweepFileError(`${file} is not JSON.`)
  }
}
