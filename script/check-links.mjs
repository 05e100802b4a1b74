#!/usr/bin/env node
// Every external link in the documentation answers: `node script/check-links.mjs [file.md ...]` (default: README,
// CHANGELOG, RELEASING, SECURITY and docs/*.md). Relative links and repository paths are checked offline by
// __tests__/release/docs.test.ts; this needs the internet, so the GitHub CI workflow runs it.
//
// A link is broken when the server answers 404, 410 or 5xx, or does not answer within OKD_LINK_TIMEOUT_MS
// (10 s). 401, 403 and 429 mean the page exists behind a login, a bot wall or a rate limit: printed, not failed.
// Links inside fenced code blocks and inline code are examples (`https://<resource>.openai.azure.com`), not links.
import { readdirSync, readFileSync } from 'node:fs'

const TIMEOUT_MS = Number(process.env.OKD_LINK_TIMEOUT_MS || 10_000)
const ANSWERED_BEHIND_A_WALL = new Set([401, 403, 429])

function defaultDocuments() {
  const docs = readdirSync('docs')
    .filter(name => name.endsWith('.md'))
    .map(name => `docs/${name}`)
  return ['README.md', 'CHANGELOG.md', 'RELEASING.md', 'SECURITY.md', ...docs]
}

/** URLs in prose: markdown links, autolinks and bare URLs, without code blocks, code spans or trailing punctuation. */
function externalLinks(markdown) {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '')
  const urls = prose.match(/https?:\/\/[^\s<>()[\]"'`]+/g) ?? []
  return urls.map(url => url.replace(/[.,;:!?]+$/, ''))
}

async function statusOf(url) {
  for (const method of ['HEAD', 'GET']) {
    const response = await fetch(url, { method, redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS) })
    await response.body?.cancel()
    // Some servers refuse HEAD (405, 404 or 403) but serve the page to GET.
    if (response.ok || method === 'GET') return response.status
  }
}

async function check(url) {
  try {
    const status = await statusOf(url)
    if (status < 400) return { url, verdict: 'ok', detail: String(status) }
    if (ANSWERED_BEHIND_A_WALL.has(status)) return { url, verdict: 'walled', detail: String(status) }
    return { url, verdict: 'broken', detail: String(status) }
  } catch (error) {
    const reason =
      error?.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : String(error?.cause ?? error)
    return { url, verdict: 'broken', detail: reason }
  }
}

const documents = process.argv.length > 2 ? process.argv.slice(2) : defaultDocuments()
const citedIn = new Map()
for (const document of documents) {
  for (const url of externalLinks(readFileSync(document, 'utf8'))) {
    citedIn.set(url, [...new Set([...(citedIn.get(url) ?? []), document])])
  }
}

const results = await Promise.all([...citedIn.keys()].map(check))
for (const { url, verdict, detail } of results) {
  const where = citedIn.get(url).join(', ')
  if (verdict === 'ok') console.log(`ok      ${detail}  ${url}`)
  if (verdict === 'walled')
    console.log(`walled  ${detail}  ${url} (exists behind a login or bot wall; in ${where})`)
  if (verdict === 'broken') console.error(`BROKEN  ${url} (${detail}; in ${where})`)
}
const broken = results.filter(result => result.verdict === 'broken').length
console.log(`${results.length} external links in ${documents.length} documents, ${broken} broken`)
process.exitCode = broken > 0 ? 1 : 0
