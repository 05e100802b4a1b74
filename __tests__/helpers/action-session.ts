/**
 * The set-up every test of the built action shares: a fake OpenAI API started before the file's tests and
 * closed after them, reset after each test; the runs' temp directories and the git fixtures removed.
 */
import { afterAll, afterEach, beforeAll } from '@jest/globals'
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from './fake-openai.js'
import { GitFixture } from './git-fixtures.js'
import { cleanup, runAction, type ActionRun, type RunOptions } from './runner-harness.js'

export interface ActionSession {
  /** Available from beforeAll on. */
  readonly fake: FakeOpenAI
  /** Runs the built action; its temp directories are removed after the test. */
  run(options: RunOptions): Promise<ActionRun>
  /** A git fixture removed after the file's tests. */
  fixture(): GitFixture
}

/** Call at the top of a test file: it registers the hooks. */
export function actionSession(options: FakeOpenAIOptions = {}): ActionSession {
  let fake: FakeOpenAI | undefined
  const runs: ActionRun[] = []
  const fixtures: GitFixture[] = []
  beforeAll(async () => {
    fake = await startFakeOpenAI(options)
  })
  afterAll(async () => {
    await fake?.close()
    for (const fx of fixtures.splice(0)) fx.cleanup()
  })
  afterEach(() => {
    fake?.reset()
    for (const run of runs.splice(0)) cleanup(run)
  })
  return {
    get fake() {
      if (!fake) throw new Error('the fake OpenAI API starts in beforeAll')
      return fake
    },
    async run(runOptions) {
      const run = await runAction(runOptions)
      runs.push(run)
      return run
    },
    fixture() {
      const fx = new GitFixture()
      fixtures.push(fx)
      return fx
    }
  }
}
