/**
 * Environment variables that OpenAI SDKs and HTTP clients read silently, changing what an app sends
 * without any code change (openai-errors.md §2.4, §5; peers-and-user-pain.md §4). Only names are ever
 * reported, never values: a proxy URL can carry credentials.
 */

const OPENAI_VARIABLES: Readonly<Record<string, string>> = {
  OPENAI_ORG_ID:
    'SDKs send it as the OpenAI-Organization header; a stale value gives 401 mismatched_organization',
  OPENAI_ORGANIZATION: 'some SDKs and tools send it as the OpenAI-Organization header',
  OPENAI_PROJECT_ID: 'SDKs send it as the OpenAI-Project header; a stale value gives 401 mismatched_project',
  OPENAI_BASE_URL: 'SDKs send every request (and the key) to this URL instead of api.openai.com',
  OPENAI_API_BASE: 'older SDKs and LangChain send requests to this URL instead of api.openai.com',
  OPENAI_API_HOST: 'some tools send requests to this host instead of api.openai.com',
  OPENAI_API_TYPE: 'older SDKs switch to Azure mode (`api-key` header, Azure endpoints) when it is `azure`',
  OPENAI_API_VERSION: 'Azure clients add it as `api-version`; it selects the Azure OpenAI API'
}

const AZURE_PREFIX = 'AZURE_OPENAI_'
const AZURE_DESCRIPTION =
  'Azure OpenAI clients read it (endpoint, key or deployment), which sends requests to Azure'

const PROXY_VARIABLES: Readonly<Record<string, string>> = {
  HTTPS_PROXY: 'HTTPS requests go through this proxy, which can strip or rewrite the Authorization header',
  HTTP_PROXY: 'HTTP requests go through this proxy, which can strip or rewrite the Authorization header',
  ALL_PROXY: 'requests go through this proxy, which can strip or rewrite the Authorization header',
  NO_PROXY: 'hosts listed here bypass the proxy, so they take a different network path'
}

/** Names of set, non-empty variables that change what apps send, in a stable order. */
export function influencingEnvVarNames(env: Readonly<Record<string, string | undefined>>): string[] {
  const isSet = (name: string): boolean => (env[name] ?? '') !== ''
  const openai = Object.keys(OPENAI_VARIABLES).filter(isSet)
  const azure = Object.keys(env)
    .filter(name => name.startsWith(AZURE_PREFIX) && isSet(name))
    .sort()
  const proxies = Object.keys(PROXY_VARIABLES).flatMap(name => [name, name.toLowerCase()].filter(isSet))
  return [...openai, ...azure, ...proxies]
}

/** What an influencing variable changes, in plain words; undefined for names this module does not know. */
export function describeEnvVar(name: string): string | undefined {
  if (name in OPENAI_VARIABLES) return OPENAI_VARIABLES[name]
  if (name.startsWith(AZURE_PREFIX)) return AZURE_DESCRIPTION
  return PROXY_VARIABLES[name.toUpperCase()]
}

export function isProxyEnvVar(name: string): boolean {
  return name.toUpperCase() in PROXY_VARIABLES && name.toUpperCase() !== 'NO_PROXY'
}

/** Variables that change where requests go or which protocol flavour the client speaks (client setup). */
export function isClientSetupEnvVar(name: string): boolean {
  return (
    name.startsWith(AZURE_PREFIX) ||
    [
      'OPENAI_BASE_URL',
      'OPENAI_API_BASE',
      'OPENAI_API_HOST',
      'OPENAI_API_TYPE',
      'OPENAI_API_VERSION'
    ].includes(name)
  )
}

export function isOrganizationOrProjectEnvVar(name: string): boolean {
  return name === 'OPENAI_ORG_ID' || name === 'OPENAI_ORGANIZATION' || name === 'OPENAI_PROJECT_ID'
}
