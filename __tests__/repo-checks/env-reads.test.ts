import { describe, expect, it } from '@jest/globals'
import { envReadWords, findEnvReads } from '../../src/repo-checks/env-reads.js'
import { holdsAny } from '../../src/repo-checks/repo-file.js'

/** One read per line of each language, none naming openai: each needs its own word to be found. */
const READS: Array<[path: string, text: string, name: string]> = [
  ['app.js', 'const port = process.env.PORT\n', 'PORT'],
  ['app.ts', 'const url = process.env["DATABASE_URL"]\n', 'DATABASE_URL'],
  ['app.mjs', 'const { API_TOKEN } = process.env\n', 'API_TOKEN'],
  ['vite.ts', 'const base = import.meta.env.VITE_BASE\n', 'VITE_BASE'],
  ['deno.ts', 'const key = Deno.env.get("SERVICE_KEY")\n', 'SERVICE_KEY'],
  ['bun.ts', 'const mode = Bun.env.MODE\n', 'MODE'],
  ['app.py', 'import os\nkey = os.getenv("SERVICE_KEY")\n', 'SERVICE_KEY'],
  ['settings.py', 'import os\nurl = os.environ["DATABASE_URL"]\n', 'DATABASE_URL'],
  ['config.py', 'from os import environ\nmode = environ.get("MODE")\n', 'MODE'],
  ['app.rb', 'key = ENV["SERVICE_KEY"]\n', 'SERVICE_KEY'],
  ['config.rb', 'url = ENV.fetch("DATABASE_URL")\n', 'DATABASE_URL'],
  ['main.go', 'key := os.Getenv("SERVICE_KEY")\n', 'SERVICE_KEY'],
  ['env.go', 'url, ok := os.LookupEnv("DATABASE_URL")\n', 'DATABASE_URL']
]

describe('findEnvReads and the words it needs', () => {
  it.each(READS)('finds the read in %s, whose text (and bytes) hold one of its words', (path, text, name) => {
    expect(findEnvReads({ path, text }).map(read => read.name)).toEqual([name])
    // What lets the checks pass over other files before decoding them.
    expect(holdsAny(Buffer.from(text), envReadWords(path))).toBe(true)
  })

  it('finds the SDK default of a client built without a key, which needs no env word', () => {
    const text = "import OpenAI from 'openai'\nconst client = new OpenAI()\n"
    expect(findEnvReads({ path: 'bot.ts', text }).map(read => read.name)).toEqual(['OPENAI_API_KEY'])
    expect(holdsAny(Buffer.from(text), envReadWords('bot.ts'))).toBe(true)
  })

  it('has no words for files that are not code it reads, and code without them reads nothing', () => {
    expect(envReadWords('README.md')).toEqual([])
    expect(holdsAny('const environment = "production" // ENV', envReadWords('app.ts'))).toBe(false)
  })
})
