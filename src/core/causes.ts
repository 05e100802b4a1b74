import type { Cause, KeyStatus } from './vocabulary.js'

export interface CauseInfo {
  /** The key-status this cause belongs to (design.md's key-status/cause table). */
  status: KeyStatus
  title: string
  /** What is wrong, in plain words. */
  explanation: string
  /** Concrete steps to fix it. */
  fix: string
}

const NEW_KEY = 'Create a new key at https://platform.openai.com/api-keys'
const STORE_BARE_KEY =
  'Re-create the secret with `gh secret set OPENAI_API_KEY` and paste only the key at the prompt: it starts with `sk-`, with no quotes, spaces or trailing newline'

/**
 * Every cause code with its status, explanation and fix. `none` is listed as `valid`; a run with liveness
 * off reports `unchecked` with cause `none` as well (diagnose.ts decides that).
 */
export const CAUSE_INFO: Readonly<Record<Cause, CauseInfo>> = {
  none: {
    status: 'valid',
    title: 'No problem found',
    explanation: 'The key has the shape of an OpenAI key and, when checked live, the API accepted it.',
    fix: 'Nothing to fix.'
  },
  'invalid-api-key': {
    status: 'invalid',
    title: 'Key rejected by the API',
    explanation:
      'The API does not know this key. It was mistyped or cut short, revoked or deleted, belongs to a deleted project, or was disabled by OpenAI after it was published (OpenAI scans public code for leaked keys). The API gives the same answer in all these cases.',
    fix: `${NEW_KEY} (or copy the right one again), then update the secret with \`gh secret set OPENAI_API_KEY\`, pasting the key at the prompt. If the old key was ever committed or printed in a public log, revoke it and treat it as leaked.`
  },
  'account-deactivated': {
    status: 'invalid',
    title: 'Account deactivated',
    explanation:
      'The OpenAI account or user that owns this key has been deactivated, so the API rejects all of its keys.',
    fix: "Check the account owner's email for a notice from OpenAI and contact https://help.openai.com if it is a mistake. Meanwhile use a key that belongs to an active account (preferably a project service account) and update the secret with `gh secret set OPENAI_API_KEY`."
  },
  'no-organization': {
    status: 'invalid',
    title: 'Key owner is not in any organization',
    explanation:
      'The key belongs to a user who left or was removed from the organization or project, or the organization was deleted. The key still exists but can no longer be used.',
    fix: 'Ask an organization owner to add the user back to the organization and project, or create a new key in the right project and update the secret. For CI, prefer a service-account key (Project settings → Service accounts): it does not depend on one person staying in the organization.'
  },
  'access-terminated': {
    status: 'invalid',
    title: 'API access terminated',
    explanation:
      "OpenAI terminated the organization's API access for a policy violation. The API reports it as HTTP 429, but waiting or retrying will not help, and no key of the organization works until access is restored.",
    fix: 'Read the email OpenAI sent to the organization owner and appeal through https://help.openai.com if you believe it is a mistake. Use a key from another organization meanwhile.'
  },
  'wrong-credential': {
    status: 'invalid',
    title: 'Not an API key',
    explanation:
      'The secret holds an access token, not an API key: a ChatGPT or Codex sign-in (OAuth) token, or a JSON Web Token issued by another service. The API accepts API keys only, and answers that the token is not from a valid issuer or lacks scopes.',
    fix: `${NEW_KEY} (a project key, or a service-account key for CI) and store it with \`gh secret set OPENAI_API_KEY\`. Tokens from \`codex login\` or a ChatGPT session are not API keys.`
  },
  'project-archived': {
    status: 'invalid',
    title: "The key's project is archived",
    explanation:
      'The key belongs to a project that was archived (or is otherwise no longer valid), so none of its keys work. The key itself was not revoked.',
    fix: 'Ask an organization owner to unarchive the project (Settings → Organization → Projects), or create a key in an active project and update the secret with `gh secret set OPENAI_API_KEY`.'
  },
  'organization-mismatch': {
    status: 'misconfigured',
    title: 'OpenAI-Organization header does not match the key',
    explanation:
      'The key itself is fine. OpenAI SDKs send the header silently when OPENAI_ORG_ID (or OPENAI_ORGANIZATION) is set in the environment.',
    fix: "Remove the organization setting (this step's `organization` input, and OPENAI_ORG_ID / OPENAI_ORGANIZATION in the workflow's `env:` or secrets), or set it to the key's own organization ID (`org-…`, Settings → Organization → General). Project keys (`sk-proj-`) need no organization header."
  },
  'unknown-organization': {
    status: 'misconfigured',
    title: 'Organization ID does not exist',
    explanation:
      'The OpenAI-Organization header usually holds a typo, an organization name (such as "Personal") instead of its `org-…` ID, or an empty value sent as "null". OpenAI SDKs send the header silently when OPENAI_ORG_ID (or OPENAI_ORGANIZATION) is set in the environment.',
    fix: "Set the organization to the ID shown in Settings → Organization → General (`org-…`), or remove the setting (this step's `organization` input, OPENAI_ORG_ID, OPENAI_ORGANIZATION): most keys need no organization header."
  },
  'project-mismatch': {
    status: 'misconfigured',
    title: 'OpenAI-Project header does not match the key',
    explanation:
      'Project keys only work in their own project. OpenAI SDKs send the header silently when OPENAI_PROJECT_ID is set in the environment.',
    fix: "Remove the project setting (this step's `project` input and OPENAI_PROJECT_ID in the workflow's `env:` or secrets), or set it to the key's own project ID (`proj_…`, Settings → Project → General)."
  },
  'auth-header-stripped': {
    status: 'misconfigured',
    title: 'The API received no key',
    explanation:
      'A key was sent, but the API answered that the request carried no usable `Authorization: Bearer` header. Something between the caller and the API removed or rewrote it: an HTTP proxy, an API gateway, or a base URL that forwards requests without the header.',
    fix: 'Check `base-url` and any proxy (HTTPS_PROXY, ALL_PROXY, a corporate gateway): it must forward `Authorization: Bearer <key>` unchanged. Some gateways (Azure API Management, for one) expect `api-key` or `Ocp-Apim-Subscription-Key` instead. Run this step once with the default base-url (`https://api.openai.com/v1`) to confirm the key itself works.'
  },
  'ip-not-authorized': {
    status: 'misconfigured',
    title: 'Runner IP is not on the allowlist',
    explanation:
      "The key's project or organization has an IP allowlist and the request came from an address that is not on it. GitHub-hosted runners use many, changing IP addresses.",
    fix: "Add the runner's egress addresses to the allowlist (Settings → Organization or Project → IP allowlist; project lists replace the organization's, and changes take up to 15 minutes), or run the job on a self-hosted or larger runner with a static IP."
  },
  'unsupported-region': {
    status: 'misconfigured',
    title: 'Country or region not supported',
    explanation:
      'OpenAI refuses requests from the country, region or territory where it locates this runner (or the relay or proxy in front of it).',
    fix: 'Run the job from a supported location: another runner, or a gateway hosted in a supported country (see https://platform.openai.com/docs/supported-countries).'
  },
  'gateway-auth-failed': {
    status: 'misconfigured',
    title: 'The gateway wants its own credential',
    explanation:
      'A gateway in front of the API (Cloudflare AI Gateway, Azure API Management, …) checks a credential of its own besides the key, and the request carried none or one it refused. The key itself was not checked.',
    fix: "Create or copy the gateway's own token in its dashboard, store it as a secret and pass it as `gateway-token` (and `gateway-header` when the gateway reads it from a header other than its default). Your app must send the same header."
  },
  'auth-scheme-mismatch': {
    status: 'misconfigured',
    title: 'The key was sent the wrong way for this endpoint',
    explanation:
      'The endpoint expects the credential in another form: Azure OpenAI reads `Authorization: Bearer` as a Microsoft Entra ID token and takes resource keys in an `api-key` header; an Entra token must be issued for the right audience; some resources disable key-based authentication altogether.',
    fix: "Set `auth-scheme` to how your app sends the credential (`api-key` for an Azure resource key, `bearer` for a token), or leave it at `auto`, which picks the endpoint's usual scheme for the key's shape."
  },
  'endpoint-not-found': {
    status: 'misconfigured',
    title: '`base-url` points at no API endpoint',
    explanation:
      'The server answered 404 for the API path: `base-url` lacks a part (such as `/v1`), has a wrong path, names a deployment or `api-version` that does not exist, or points at another service.',
    fix: 'Set `base-url` to the API root your app uses, such as `https://api.openai.com/v1`, `https://<resource>.openai.azure.com/openai/v1` for Azure OpenAI, or the gateway URL from its dashboard (ending in `/v1` or the provider segment it shows).'
  },
  'missing-scopes': {
    status: 'restricted',
    title: 'Key lacks a permission scope',
    explanation:
      'The key is live, but it is a restricted key (or its user\'s role) without a permission this request needs. Listing models needs `api.model.read` ("Models: Read"); a key without it can still work for the calls it is allowed to make.',
    fix: "Edit the key at https://platform.openai.com/api-keys and grant the missing permission (for this check: Models → Read; for inference: Model capabilities → Write), or give the key's user the right organization and project role (Reader, Member, Owner)."
  },
  'model-not-accessible': {
    status: 'restricted',
    title: 'Required model not accessible',
    explanation:
      "The key works, but a model listed in `required-models` does not exist or is not available to the key's project: a mistyped model ID, a model not allowed in the project's settings, or one the organization has no access to yet.",
    fix: "Check the model ID's spelling, allow the model for the project (Settings → Project → Limits → Model usage), or change `required-models` to models the project can use."
  },
  'insufficient-quota': {
    status: 'no-quota',
    title: 'No quota or credit left',
    explanation:
      'The key is valid, but its organization or project has no credit left or has reached a usage or spend limit. Retrying does not help until someone adds credit or raises the limit.',
    fix: 'Add credit or raise the limit in Settings → Billing and Settings → Limits of the organization and project the key belongs to. Credit bought in another organization (for example "Personal") does not count.'
  },
  'billing-not-active': {
    status: 'no-quota',
    title: 'Billing not active',
    explanation:
      'The key is valid, but its organization has no active billing: no payment method, or a failed payment.',
    fix: "Set up or fix billing at https://platform.openai.com/settings/organization/billing for the key's organization."
  },
  whitespace: {
    status: 'malformed',
    title: 'Whitespace or invisible characters in the secret',
    explanation:
      'The secret has characters around or inside the key that are not part of it: a trailing newline (common after `echo … | gh secret set` or copying from a terminal), spaces, tabs, or invisible zero-width characters. HTTP clients refuse such a header or send a key the API does not recognise.',
    fix: `${STORE_BARE_KEY}. To pipe it, use \`printf '%s' "$KEY" | gh secret set OPENAI_API_KEY\` (\`echo\` adds a newline).`
  },
  quotes: {
    status: 'malformed',
    title: 'Quotes around the key',
    explanation:
      'The secret includes the quotation marks that surrounded the key in a .env file or shell command, so the API receives `"sk-…"` instead of `sk-…`.',
    fix: `${STORE_BARE_KEY}.`
  },
  placeholder: {
    status: 'malformed',
    title: 'Placeholder instead of a key',
    explanation:
      'The secret holds a placeholder, an example value, a masked copy of a key (`sk-…abcd`), a variable name or an unexpanded variable reference, not a real key.',
    fix: `${NEW_KEY} and store the real value with \`gh secret set OPENAI_API_KEY\`. In workflows, pass it as \`\${{ secrets.OPENAI_API_KEY }}\`.`
  },
  'bearer-prefix': {
    status: 'malformed',
    title: '`Bearer` prefix in the secret',
    explanation:
      'The secret includes the `Bearer ` prefix of the Authorization header. Clients add that prefix themselves, so the API receives `Bearer Bearer sk-…`.',
    fix: `${STORE_BARE_KEY}.`
  },
  'env-assignment': {
    status: 'malformed',
    title: 'A whole `NAME=value` line in the secret',
    explanation:
      'The secret holds a line from a .env file or shell script, such as `OPENAI_API_KEY=sk-…` or `export OPENAI_API_KEY=…`, instead of just the value.',
    fix: `${STORE_BARE_KEY}: only the part after \`=\`. To load a whole .env file as secrets, use \`gh secret set -f .env\`.`
  },
  'not-openai-key': {
    status: 'malformed',
    title: 'Not an OpenAI key',
    explanation:
      "The secret holds another provider's key, a URL, or other data, not an OpenAI API key. It is never sent to the API.",
    fix: `${NEW_KEY} and store it in this secret. If the app is meant to use another provider, give that provider's key its own secret and point the app's base URL at that provider.`
  },
  'unknown-format': {
    status: 'malformed',
    title: 'Unrecognised key format',
    explanation:
      'The secret does not have the shape of an OpenAI key (`sk-`, `sk-proj-`, `sk-svcacct-` or `sk-admin-` followed by letters, digits, `-` and `_`): it is cut short, contains characters keys never contain, or belongs to another service.',
    fix: 'Copy the key again in full (OpenAI shows a key only once; create a new one if it is lost) and update the secret with `gh secret set OPENAI_API_KEY`. If `base-url` points at a gateway with its own key format, the live check decides instead.'
  },
  'missing-secret': {
    status: 'missing',
    title: 'The key is empty',
    explanation:
      'The step received an empty key. Either the secret is not set for this repository, it is set under another name than the one the workflow references, it is an environment secret but the job does not declare that `environment:`, or it is an organization secret this repository has no access to.',
    fix: 'Create the secret with `gh secret set OPENAI_API_KEY` (Settings → Secrets and variables → Actions). Check that the workflow passes the same name: `api-key: ${{ secrets.OPENAI_API_KEY }}`. If the secret belongs to an environment, add `environment: <name>` to the job; if it is an organization secret, grant this repository access to it.'
  },
  'fork-pull-request': {
    status: 'skipped',
    title: 'Secrets withheld from a fork pull request',
    explanation:
      'GitHub does not pass secrets to workflows run for pull requests from forks, so the key is empty here. This is expected and not an error.',
    fix: 'Nothing to fix. The key is checked on pushes and on pull requests from branches of this repository. Do not switch to `pull_request_target` to get secrets while running code from the fork.'
  },
  dependabot: {
    status: 'skipped',
    title: 'Secrets withheld from Dependabot',
    explanation:
      'Workflows triggered by Dependabot receive only Dependabot secrets, not Actions secrets, so the key is empty here. This is expected and not an error.',
    fix: 'Nothing to fix for the check. If Dependabot pull requests need the key, add it as a Dependabot secret: `gh secret set OPENAI_API_KEY --app dependabot`.'
  },
  timeout: {
    status: 'unreachable',
    title: 'The API did not answer in time',
    explanation:
      'No answer arrived within the timeout, even after retries, so the key could not be checked. This says nothing about the key itself.',
    fix: "Re-run the job; raise `timeout` if the network is slow; check `base-url`, proxies and the runner's outbound network."
  },
  'network-error': {
    status: 'unreachable',
    title: 'The API could not be reached',
    explanation:
      'The request did not reach the API (name resolution failed, the connection was refused or reset, or a TLS or proxy error occurred), so the key could not be checked.',
    fix: "Check `base-url` for typos, the runner's outbound network, and HTTPS_PROXY / NO_PROXY. Self-hosted runners may need a firewall rule for api.openai.com:443."
  },
  'server-error': {
    status: 'unreachable',
    title: 'The API or a gateway answered with an error',
    explanation:
      'The API, or a proxy or gateway in front of it, answered with an error that says nothing about the key: a server error, an HTML page, or a response the API does not give.',
    fix: 'Re-run the job later and check https://status.openai.com. If the answer came from a proxy or gateway, check `base-url` and the proxy. Quote the request id when contacting support.'
  },
  'rate-limited': {
    status: 'unreachable',
    title: 'Rate limited',
    explanation:
      'The API recognised the key but refused the request because the organization or project is over its rate limit, even after waiting and retrying. The key could not be checked fully.',
    fix: 'Re-run the job later or run the check less often; limits are per organization and project (https://platform.openai.com/settings/organization/limits).'
  },
  'request-blocked': {
    status: 'unreachable',
    title: 'Blocked by a firewall in front of the API',
    explanation:
      'An edge firewall or bot protection (a Cloudflare "Attention Required" page, a WAF or proxy block page) answered instead of the API, so the request never reached it. This says nothing about the key.',
    fix: "Run the job from another network or runner, or ask whoever runs the firewall (your proxy, or the gateway's WAF rules) to admit the runner; check `base-url` and HTTPS_PROXY. The page's request id or Ray ID helps their support."
  }
}

export function statusOf(cause: Cause): KeyStatus {
  return CAUSE_INFO[cause].status
}
