/** The action's side of settings; kept apart from parseSettings so the CLI never loads @actions/core. */
import * as core from '@actions/core'
import { parseSettings } from './action-inputs.js'
import type { Settings } from './settings.js'

/** Reads the action's inputs (INPUT_* variables) into typed, validated settings. */
export function readActionSettings(): Settings {
  return parseSettings(name => core.getInput(name, { trimWhitespace: false }))
}
