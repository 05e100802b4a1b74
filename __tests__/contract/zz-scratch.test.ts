import { it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { INSUFFICIENT_QUOTA } from '../fixtures/openai-bodies.js'
import { respond } from '../helpers/fake-openai.js'
import { actionSession } from '../helpers/action-session.js'
import { makeKey } from '../helpers/keys.js'

const KEY = makeKey('project', 11)
const session = actionSession({ validKeys: [KEY], organization: 'org-right' })
const doctor = (inputs: Record<string, string>, options: object = {}) =>
  session.run({ ...options, inputs: { 'base-url': session.fake.baseUrl, scan: 'none', ...inputs } })

it('dumps', async () => {
  const dump = (name: string, run: { summary: string; annotations: unknown[] }) =>
    writeFileSync(
      `/tmp/okd-summary/${name}.md`,
      run.summary + '\n\n<!-- annotations\n' + JSON.stringify(run.annotations, null, 1) + '\n-->\n'
    )
  dump('newline', await doctor({ 'api-key': `${KEY}\n` }))
  dump('org', await doctor({ 'api-key': KEY, organization: 'org-wrong' }))
  dump(
    'fork',
    await doctor(
      { 'api-key': '' },
      {
        eventName: 'pull_request',
        event: {
          pull_request: {
            number: 7,
            base: { sha: 'a'.repeat(40), repo: { full_name: 'octo/app' } },
            head: { sha: 'b'.repeat(40), repo: { full_name: 'fork/app' } }
          }
        }
      }
    )
  )
  session.fake.script('GET /v1/models', respond.with(INSUFFICIENT_QUOTA))
  dump('quota', await doctor({ 'api-key': KEY }))
})
