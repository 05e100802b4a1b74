#!/usr/bin/env node
// What the release workflow is about to publish, checked before anything is tagged (RELEASING.md):
// package.json's version is valid semver, newer than every vX.Y.Z tag, and has its own CHANGELOG.md section.
// Prints `version=`, `tag=`, `major=` (empty for a pre-release: the major tag stays on the last stable
// release) and `prerelease=` lines for $GITHUB_OUTPUT, and writes the release notes (that CHANGELOG section)
// to the file named by the first argument. Exits 1 with the reason when any check fails.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import semver from 'semver'

function fail(message) {
  console.error(`release-plan: ${message}`)
  process.exit(1)
}

/** The text under `## [version]` up to the next `## ` heading or the link definitions at the end, trimmed. */
function changelogSection(changelog, version) {
  const lines = changelog.split('\n')
  const start = lines.findIndex(line => line.startsWith(`## [${version}]`))
  if (start < 0) return undefined
  const end = lines.findIndex((line, index) => index > start && /^(## |\[[^\]]+\]: )/.test(line))
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
}

const notesFile = process.argv[2]
if (!notesFile) fail('usage: release-plan.mjs NOTES_FILE')

const { version } = JSON.parse(readFileSync('package.json', 'utf8'))
if (semver.valid(version) !== version) fail(`package.json version "${version}" is not a semver version`)

const released = execFileSync('git', ['tag', '--list', 'v*'], { encoding: 'utf8' })
  .split('\n')
  .map(tag => semver.valid(tag.slice(1)))
  .filter(Boolean)
if (released.includes(version)) fail(`v${version} is already tagged: bump the version first`)
const newer = released.filter(tag => semver.gte(tag, version))
if (newer.length > 0) fail(`v${version} is not newer than v${semver.rsort(newer)[0]}`)

const notes = changelogSection(readFileSync('CHANGELOG.md', 'utf8'), version)
if (!notes) fail(`CHANGELOG.md has no non-empty "## [${version}]" section`)
writeFileSync(notesFile, `${notes}\n`)

const prerelease = semver.prerelease(version) !== null
console.log(`version=${version}`)
console.log(`tag=v${version}`)
console.log(`major=${prerelease ? '' : `v${semver.major(version)}`}`)
console.log(`prerelease=${prerelease}`)
