import { describe, expect, it } from '@jest/globals'
import { describeEnvVar, influencingEnvVarNames } from '../../src/core/env-influence.js'

describe('influencingEnvVarNames', () => {
  it('names set, non-empty variables that change what apps send, never their values', () => {
    const env = {
      PATH: '/usr/bin',
      OPENAI_API_KEY: 'sk-should-not-be-listed',
      OPENAI_ORG_ID: 'org-secretish',
      OPENAI_ORGANIZATION: '',
      OPENAI_PROJECT_ID: 'proj_1',
      OPENAI_BASE_URL: 'https://gateway.example.com/v1',
      OPENAI_API_BASE: 'https://old.example.com',
      OPENAI_API_HOST: 'host',
      OPENAI_API_TYPE: 'azure',
      OPENAI_API_VERSION: '2024-02-01',
      AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com',
      AZURE_OPENAI_API_KEY: 'abc',
      AZURE_OPENAI_DEPLOYMENT: undefined,
      HTTPS_PROXY: 'http://user:pass@proxy:3128',
      https_proxy: 'http://user:pass@proxy:3128',
      HTTP_PROXY: 'http://proxy:3128',
      http_proxy: '',
      ALL_PROXY: 'socks5://proxy',
      all_proxy: 'socks5://proxy',
      NO_PROXY: 'localhost',
      no_proxy: 'localhost'
    }
    const names = influencingEnvVarNames(env)
    expect(names).toEqual([
      'OPENAI_ORG_ID',
      'OPENAI_PROJECT_ID',
      'OPENAI_BASE_URL',
      'OPENAI_API_BASE',
      'OPENAI_API_HOST',
      'OPENAI_API_TYPE',
      'OPENAI_API_VERSION',
      'AZURE_OPENAI_API_KEY',
      'AZURE_OPENAI_ENDPOINT',
      'HTTPS_PROXY',
      'https_proxy',
      'HTTP_PROXY',
      'ALL_PROXY',
      'all_proxy',
      'NO_PROXY',
      'no_proxy'
    ])
    expect(names.join(' ')).not.toMatch(/pass|sk-|gateway|org-/)
  })

  it('is empty for a clean environment', () => {
    expect(influencingEnvVarNames({ HOME: '/home/runner', OPENAI_API_KEY: 'x' })).toEqual([])
  })
})

describe('describeEnvVar', () => {
  it('says what each variable changes, including lower-case proxy names and any Azure variable', () => {
    expect(describeEnvVar('OPENAI_ORG_ID')).toMatch(/OpenAI-Organization header/)
    expect(describeEnvVar('https_proxy')).toMatch(/strip or rewrite the Authorization header/)
    expect(describeEnvVar('AZURE_OPENAI_WHATEVER')).toMatch(/Azure/)
    expect(describeEnvVar('PATH')).toBeUndefined()
  })
})
