/** The thin adapter between the pure report builders and the runner (@actions/core, files). */
import * as core from '@actions/core'
import { mkdir, appendFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { AnnotationPlan } from '../report/annotations.js'

/** Registers a value with the runner's masker, and its trimmed form when that differs; empty values are skipped. */
export function maskSecret(value: string): void {
  for (const form of new Set([value, value.trim()])) {
    if (form.trim() !== '') core.setSecret(form)
  }
}

/** Issues the planned annotations in order; @actions/core escapes `%`, CR, LF (and `:` `,` in properties). */
export function emitAnnotations(plan: AnnotationPlan): void {
  for (const annotation of plan.annotations) {
    const { level, message, ...properties } = annotation
    core[level](message, properties)
  }
  if (plan.overflowNotice) core.notice(plan.overflowNotice)
}

/** Appends to $GITHUB_STEP_SUMMARY; returns false (with a debug line) where there is none, e.g. locally. */
export async function writeSummary(markdown: string): Promise<boolean> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) {
    core.debug('GITHUB_STEP_SUMMARY is not set: no job summary written')
    return false
  }
  await appendFile(file, markdown, 'utf8')
  return true
}

export interface ActionOutputs {
  'key-status': string
  cause: string
  'key-type': string
  leaks: number
  'live-leaks': number
  /** '' when no SARIF file was written. */
  'sarif-file': string
}

export function setOutputs(outputs: ActionOutputs): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, String(value))
}

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
