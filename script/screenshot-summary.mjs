/* global document */
// Dev script: a screenshot of a rendered job summary at GitHub's summary-pane width, to look at it as a
// reviewer does. Not part of the test suite (no pixel assertions); structure is asserted in
// __tests__/contract/failing-pr-summary.test.ts, which writes the HTML this script shows:
//
//   OKD_SUMMARY_DIR=/tmp/okd-summary npm test -- __tests__/contract/failing-pr-summary.test.ts
//   npm i --no-save playwright-core github-markdown-css    # and a Chromium, e.g. apt-get install chromium
//   node script/screenshot-summary.mjs /tmp/okd-summary/summary.html [width=1000] [chromium=/usr/bin/chromium]
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const [file, width = '1000', executablePath = '/usr/bin/chromium'] = process.argv.slice(2)
if (!file) {
  console.error('usage: node script/screenshot-summary.mjs SUMMARY.html [WIDTH] [CHROMIUM]')
  process.exit(2)
}
const require = createRequire(import.meta.url)
const { chromium } = await import('playwright-core')
const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8')
const page = `<!doctype html><meta charset="utf-8"><style>${css}
  body { margin: 0 } .markdown-body { box-sizing: border-box; padding: 16px 24px }</style>
  <article class="markdown-body">${readFileSync(file, 'utf8')}</article>`

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
})
try {
  const tab = await browser.newPage({ viewport: { width: Number(width), height: 900 } })
  await tab.setContent(page)
  const out = file.replace(/\.html$/, '') + `-${width}.png`
  await tab.screenshot({ path: out })
  // Then every collapsed section opened, as a reader who expands them sees it.
  const { overflow, wrapped } = await tab.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true
    return {
      overflow: [...document.querySelectorAll('table')].map(table => table.scrollWidth - table.clientWidth),
      // A code span on more than one line: a key, a fingerprint or a path that wraps.
      wrapped: [...document.querySelectorAll('table code')]
        .filter(code => code.getClientRects().length > 1)
        .map(code => code.textContent)
    }
  })
  const expanded = file.replace(/\.html$/, '') + `-${width}-expanded.png`
  await tab.screenshot({ path: expanded, fullPage: true })
  console.log(`${out} (first screen), ${expanded} (all sections open)`)
  console.log(`horizontal overflow per table (px): ${overflow.join(', ') || 'no tables'}`)
  console.log(
    `code spans wrapped in tables: ${wrapped.length}${wrapped.length ? `: ${wrapped.slice(0, 5).join(' | ')}` : ''}`
  )
} finally {
  await browser.close()
}
