/**
 * Which provider serves `base-url`: forced by the `provider` input, else recognised from the host. Loopback and
 * unknown hosts are "an OpenAI-compatible server"; its answers can still name the provider behind it
 * (`providerOfAnswer`).
 */
import { CAUSE_INFO, type CauseInfo } from '../core/causes.js'
import type { Cause } from '../core/vocabulary.js'
import { azure } from './azure.js'
import { azureApim, cloudflare, compatible, litellm, openrouter } from './gateway.js'
import { openai } from './openai.js'
import {
  AUTH_SCHEMES,
  PROVIDER_IDS,
  type ApiError,
  type AuthScheme,
  type Provider,
  type ProviderId
} from './types.js'

export const PROVIDERS: Readonly<Record<ProviderId, Provider>> = {
  openai,
  azure,
  'azure-apim': azureApim,
  cloudflare,
  litellm,
  openrouter,
  compatible
}

export const PROVIDER_CHOICES = ['auto', ...PROVIDER_IDS] as const
export type ProviderChoice = (typeof PROVIDER_CHOICES)[number]

export const AUTH_SCHEME_CHOICES = ['auto', ...AUTH_SCHEMES] as const
export type AuthSchemeChoice = (typeof AUTH_SCHEME_CHOICES)[number]

const HOSTS: ReadonlyArray<readonly [RegExp, ProviderId]> = [
  [/^api\.openai\.com$/, 'openai'],
  [/\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/, 'azure'],
  [/\.azure-api\.net$/, 'azure-apim'],
  [/^gateway\.ai\.cloudflare\.com$/, 'cloudflare'],
  [/^(?:www\.)?openrouter\.ai$/, 'openrouter']
]

export function detectProvider(baseUrl: string, choice: ProviderChoice = 'auto'): Provider {
  if (choice !== 'auto') return PROVIDERS[choice]
  let host: string
  try {
    host = new URL(baseUrl).hostname.toLowerCase()
  } catch {
    return compatible
  }
  const known = HOSTS.find(([pattern]) => pattern.test(host))
  return known ? PROVIDERS[known[1]] : compatible
}

/** How the key goes: forced by `auth-scheme`, else the provider's default for this key. */
export function authSchemeFor(
  provider: Provider,
  key: string,
  choice: AuthSchemeChoice = 'auto'
): AuthScheme {
  return choice === 'auto' ? provider.defaultAuth(key) : choice
}

/** Providers whose answers are recognisable whatever host served them, most specific first. */
const RECOGNISABLE: readonly Provider[] = [azure, cloudflare, litellm, openrouter, openai]

/**
 * The provider an answer comes from, when `base-url` alone did not say: an OpenAI-compatible server (or a
 * custom domain) that relays OpenAI, Azure or a gateway. Only a generic provider is refined.
 */
export function providerOfAnswer(configured: Provider, error: ApiError, status: number): Provider {
  if (configured.id !== 'compatible' && configured.id !== 'openai') return configured
  const found = RECOGNISABLE.find(provider => provider !== configured && provider.recognises?.(error, status))
  if (!found || (configured.id === 'openai' && found.id === 'openai')) return configured
  return found
}

/** A cause's status, title, explanation and fix in the words of the provider that answered. */
export function causeInfoFor(cause: Cause, provider: ProviderId | undefined): CauseInfo {
  const own = provider ? PROVIDERS[provider].causeTexts[cause] : undefined
  return own ? { ...CAUSE_INFO[cause], ...own } : CAUSE_INFO[cause]
}

/**
 * The gateway credential header and value: the header named by `gateway-header` with the token as given, else
 * the provider's usual header (Cloudflare: `cf-aig-authorization: Bearer <token>`). Undefined without a token;
 * null when a token has nowhere to go.
 */
export function gatewayCredentialFor(
  provider: Provider,
  token: string,
  headerName: string
): { header: string; value: string } | undefined | null {
  if (token === '') return undefined
  if (headerName) return { header: headerName, value: token }
  if (!provider.gatewayHeader) return null
  return { header: provider.gatewayHeader.name, value: provider.gatewayHeader.value(token) }
}
