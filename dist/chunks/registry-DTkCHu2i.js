const NEW_KEY = 'Create a new key at https://platform.openai.com/api-keys';
const STORE_BARE_KEY = 'Re-create the secret with `gh secret set OPENAI_API_KEY` and paste only the key at the prompt: it starts with `sk-`, with no quotes, spaces or trailing newline';
/**
 * Every cause code with its status, explanation and fix. `none` is listed as `valid`; a run with liveness
 * off reports `unchecked` with cause `none` as well (diagnose.ts decides that).
 */
const CAUSE_INFO = {
    none: {
        status: 'valid',
        title: 'No problem found',
        explanation: 'The key has the shape of an OpenAI key and, when checked live, the API accepted it.',
        fix: 'Nothing to fix.'
    },
    'invalid-api-key': {
        status: 'invalid',
        title: 'Key rejected by the API',
        explanation: 'The API does not know this key. It was mistyped or cut short, revoked or deleted, belongs to a deleted project, or was disabled by OpenAI after it was published (OpenAI scans public code for leaked keys). The API gives the same answer in all these cases.',
        fix: `${NEW_KEY} (or copy the right one again), then update the secret with \`gh secret set OPENAI_API_KEY\`, pasting the key at the prompt. If the old key was ever committed or printed in a public log, revoke it and treat it as leaked.`
    },
    'account-deactivated': {
        status: 'invalid',
        title: 'Account deactivated',
        explanation: 'The OpenAI account or user that owns this key has been deactivated, so the API rejects all of its keys.',
        fix: "Check the account owner's email for a notice from OpenAI and contact https://help.openai.com if it is a mistake. Meanwhile use a key that belongs to an active account (preferably a project service account) and update the secret with `gh secret set OPENAI_API_KEY`."
    },
    'no-organization': {
        status: 'invalid',
        title: 'Key owner is not in any organization',
        explanation: 'The key belongs to a user who left or was removed from the organization or project, or the organization was deleted. The key still exists but can no longer be used.',
        fix: 'Ask an organization owner to add the user back to the organization and project, or create a new key in the right project and update the secret. For CI, prefer a service-account key (Project settings → Service accounts): it does not depend on one person staying in the organization.'
    },
    'access-terminated': {
        status: 'invalid',
        title: 'API access terminated',
        explanation: "OpenAI terminated the organization's API access for a policy violation. The API reports it as HTTP 429, but waiting or retrying will not help, and no key of the organization works until access is restored.",
        fix: 'Read the email OpenAI sent to the organization owner and appeal through https://help.openai.com if you believe it is a mistake. Use a key from another organization meanwhile.'
    },
    'wrong-credential': {
        status: 'invalid',
        title: 'Not an API key',
        explanation: 'The secret holds an access token, not an API key: a ChatGPT or Codex sign-in (OAuth) token, or a JSON Web Token issued by another service. The API accepts API keys only, and answers that the token is not from a valid issuer or lacks scopes.',
        fix: `${NEW_KEY} (a project key, or a service-account key for CI) and store it with \`gh secret set OPENAI_API_KEY\`. Tokens from \`codex login\` or a ChatGPT session are not API keys.`
    },
    'project-archived': {
        status: 'invalid',
        title: "The key's project is archived",
        explanation: 'The key belongs to a project that was archived (or is otherwise no longer valid), so none of its keys work. The key itself was not revoked.',
        fix: 'Ask an organization owner to unarchive the project (Settings → Organization → Projects), or create a key in an active project and update the secret with `gh secret set OPENAI_API_KEY`.'
    },
    'organization-mismatch': {
        status: 'misconfigured',
        title: 'OpenAI-Organization header does not match the key',
        explanation: 'The key itself is fine. OpenAI SDKs send the header silently when OPENAI_ORG_ID (or OPENAI_ORGANIZATION) is set in the environment.',
        fix: "Remove the organization setting (this step's `organization` input, and OPENAI_ORG_ID / OPENAI_ORGANIZATION in the workflow's `env:` or secrets), or set it to the key's own organization ID (`org-…`, Settings → Organization → General). Project keys (`sk-proj-`) need no organization header."
    },
    'unknown-organization': {
        status: 'misconfigured',
        title: 'Organization ID does not exist',
        explanation: 'The OpenAI-Organization header usually holds a typo, an organization name (such as "Personal") instead of its `org-…` ID, or an empty value sent as "null". OpenAI SDKs send the header silently when OPENAI_ORG_ID (or OPENAI_ORGANIZATION) is set in the environment.',
        fix: "Set the organization to the ID shown in Settings → Organization → General (`org-…`), or remove the setting (this step's `organization` input, OPENAI_ORG_ID, OPENAI_ORGANIZATION): most keys need no organization header."
    },
    'project-mismatch': {
        status: 'misconfigured',
        title: 'OpenAI-Project header does not match the key',
        explanation: 'Project keys only work in their own project. OpenAI SDKs send the header silently when OPENAI_PROJECT_ID is set in the environment.',
        fix: "Remove the project setting (this step's `project` input and OPENAI_PROJECT_ID in the workflow's `env:` or secrets), or set it to the key's own project ID (`proj_…`, Settings → Project → General)."
    },
    'auth-header-stripped': {
        status: 'misconfigured',
        title: 'The API received no key',
        explanation: 'A key was sent, but the API answered that the request carried no usable `Authorization: Bearer` header. Something between the caller and the API removed or rewrote it: an HTTP proxy, an API gateway, or a base URL that forwards requests without the header.',
        fix: 'Check `base-url` and any proxy (HTTPS_PROXY, ALL_PROXY, a corporate gateway): it must forward `Authorization: Bearer <key>` unchanged. Some gateways (Azure API Management, for one) expect `api-key` or `Ocp-Apim-Subscription-Key` instead. Run this step once with the default base-url (`https://api.openai.com/v1`) to confirm the key itself works.'
    },
    'ip-not-authorized': {
        status: 'misconfigured',
        title: 'Runner IP is not on the allowlist',
        explanation: "The key's project or organization has an IP allowlist and the request came from an address that is not on it. GitHub-hosted runners use many, changing IP addresses.",
        fix: "Add the runner's egress addresses to the allowlist (Settings → Organization or Project → IP allowlist; project lists replace the organization's, and changes take up to 15 minutes), or run the job on a self-hosted or larger runner with a static IP."
    },
    'unsupported-region': {
        status: 'misconfigured',
        title: 'Country or region not supported',
        explanation: 'OpenAI refuses requests from the country, region or territory where it locates this runner (or the relay or proxy in front of it).',
        fix: 'Run the job from a supported location: another runner, or a gateway hosted in a supported country (see https://platform.openai.com/docs/supported-countries).'
    },
    'gateway-auth-failed': {
        status: 'misconfigured',
        title: 'The gateway wants its own credential',
        explanation: 'A gateway in front of the API (Cloudflare AI Gateway, Azure API Management, …) checks a credential of its own besides the key, and the request carried none or one it refused. The key itself was not checked.',
        fix: "Create or copy the gateway's own token in its dashboard, store it as a secret and pass it as `gateway-token` (and `gateway-header` when the gateway reads it from a header other than its default). Your app must send the same header."
    },
    'auth-scheme-mismatch': {
        status: 'misconfigured',
        title: 'The key was sent the wrong way for this endpoint',
        explanation: 'The endpoint expects the credential in another form: Azure OpenAI reads `Authorization: Bearer` as a Microsoft Entra ID token and takes resource keys in an `api-key` header; an Entra token must be issued for the right audience; some resources disable key-based authentication altogether.',
        fix: "Set `auth-scheme` to how your app sends the credential (`api-key` for an Azure resource key, `bearer` for a token), or leave it at `auto`, which picks the endpoint's usual scheme for the key's shape."
    },
    'endpoint-not-found': {
        status: 'misconfigured',
        title: '`base-url` points at no API endpoint',
        explanation: 'The server answered 404 for the API path: `base-url` lacks a part (such as `/v1`), has a wrong path, names a deployment or `api-version` that does not exist, or points at another service.',
        fix: 'Set `base-url` to the API root your app uses, such as `https://api.openai.com/v1`, `https://<resource>.openai.azure.com/openai/v1` for Azure OpenAI, or the gateway URL from its dashboard (ending in `/v1` or the provider segment it shows).'
    },
    'missing-scopes': {
        status: 'restricted',
        title: 'Key lacks a permission scope',
        explanation: 'The key is live, but it is a restricted key (or its user\'s role) without a permission this request needs. Listing models needs `api.model.read` ("Models: Read"); a key without it can still work for the calls it is allowed to make.',
        fix: "Edit the key at https://platform.openai.com/api-keys and grant the missing permission (for this check: Models → Read; for inference: Model capabilities → Write), or give the key's user the right organization and project role (Reader, Member, Owner)."
    },
    'model-not-accessible': {
        status: 'restricted',
        title: 'Required model not accessible',
        explanation: "The key works, but a model listed in `required-models` does not exist or is not available to the key's project: a mistyped model ID, a model not allowed in the project's settings, or one the organization has no access to yet.",
        fix: "Check the model ID's spelling, allow the model for the project (Settings → Project → Limits → Model usage), or change `required-models` to models the project can use."
    },
    'insufficient-quota': {
        status: 'no-quota',
        title: 'No quota or credit left',
        explanation: 'The key is valid, but its organization or project has no credit left or has reached a usage or spend limit. Retrying does not help until someone adds credit or raises the limit.',
        fix: 'Add credit or raise the limit in Settings → Billing and Settings → Limits of the organization and project the key belongs to. Credit bought in another organization (for example "Personal") does not count.'
    },
    'billing-not-active': {
        status: 'no-quota',
        title: 'Billing not active',
        explanation: 'The key is valid, but its organization has no active billing: no payment method, or a failed payment.',
        fix: "Set up or fix billing at https://platform.openai.com/settings/organization/billing for the key's organization."
    },
    whitespace: {
        status: 'malformed',
        title: 'Whitespace or invisible characters in the secret',
        explanation: 'The secret has characters around or inside the key that are not part of it: a trailing newline (common after `echo … | gh secret set` or copying from a terminal), spaces, tabs, or invisible zero-width characters. HTTP clients refuse such a header or send a key the API does not recognise.',
        fix: `${STORE_BARE_KEY}. To pipe it, use \`printf '%s' "$KEY" | gh secret set OPENAI_API_KEY\` (\`echo\` adds a newline).`
    },
    quotes: {
        status: 'malformed',
        title: 'Quotes around the key',
        explanation: 'The secret includes the quotation marks that surrounded the key in a .env file or shell command, so the API receives `"sk-…"` instead of `sk-…`.',
        fix: `${STORE_BARE_KEY}.`
    },
    placeholder: {
        status: 'malformed',
        title: 'Placeholder instead of a key',
        explanation: 'The secret holds a placeholder, an example value, a masked copy of a key (`sk-…abcd`), a variable name or an unexpanded variable reference, not a real key.',
        fix: `${NEW_KEY} and store the real value with \`gh secret set OPENAI_API_KEY\`. In workflows, pass it as \`\${{ secrets.OPENAI_API_KEY }}\`.`
    },
    'bearer-prefix': {
        status: 'malformed',
        title: '`Bearer` prefix in the secret',
        explanation: 'The secret includes the `Bearer ` prefix of the Authorization header. Clients add that prefix themselves, so the API receives `Bearer Bearer sk-…`.',
        fix: `${STORE_BARE_KEY}.`
    },
    'env-assignment': {
        status: 'malformed',
        title: 'A whole `NAME=value` line in the secret',
        explanation: 'The secret holds a line from a .env file or shell script, such as `OPENAI_API_KEY=sk-…` or `export OPENAI_API_KEY=…`, instead of just the value.',
        fix: `${STORE_BARE_KEY}: only the part after \`=\`. To load a whole .env file as secrets, use \`gh secret set -f .env\`.`
    },
    'not-openai-key': {
        status: 'malformed',
        title: 'Not an OpenAI key',
        explanation: "The secret holds another provider's key, a URL, or other data, not an OpenAI API key. It is never sent to the API.",
        fix: `${NEW_KEY} and store it in this secret. If the app is meant to use another provider, give that provider's key its own secret and point the app's base URL at that provider.`
    },
    'unknown-format': {
        status: 'malformed',
        title: 'Unrecognised key format',
        explanation: 'The secret does not have the shape of an OpenAI key (`sk-`, `sk-proj-`, `sk-svcacct-` or `sk-admin-` followed by letters, digits, `-` and `_`): it is cut short, contains characters keys never contain, or belongs to another service.',
        fix: 'Copy the key again in full (OpenAI shows a key only once; create a new one if it is lost) and update the secret with `gh secret set OPENAI_API_KEY`. If `base-url` points at a gateway with its own key format, the live check decides instead.'
    },
    'missing-secret': {
        status: 'missing',
        title: 'The key is empty',
        explanation: 'The step received an empty key. Either the secret is not set for this repository, it is set under another name than the one the workflow references, it is an environment secret but the job does not declare that `environment:`, or it is an organization secret this repository has no access to.',
        fix: 'Create the secret with `gh secret set OPENAI_API_KEY` (Settings → Secrets and variables → Actions). Check that the workflow passes the same name: `api-key: ${{ secrets.OPENAI_API_KEY }}`. If the secret belongs to an environment, add `environment: <name>` to the job; if it is an organization secret, grant this repository access to it.'
    },
    'fork-pull-request': {
        status: 'skipped',
        title: 'Secrets withheld from a fork pull request',
        explanation: 'GitHub does not pass secrets to workflows run for pull requests from forks, so the key is empty here. This is expected and not an error.',
        fix: 'Nothing to fix. The key is checked on pushes and on pull requests from branches of this repository. Do not switch to `pull_request_target` to get secrets while running code from the fork.'
    },
    dependabot: {
        status: 'skipped',
        title: 'Secrets withheld from Dependabot',
        explanation: 'Workflows triggered by Dependabot receive only Dependabot secrets, not Actions secrets, so the key is empty here. This is expected and not an error.',
        fix: 'Nothing to fix for the check. If Dependabot pull requests need the key, add it as a Dependabot secret: `gh secret set OPENAI_API_KEY --app dependabot`.'
    },
    timeout: {
        status: 'unreachable',
        title: 'The API did not answer in time',
        explanation: 'No answer arrived within the timeout, even after retries, so the key could not be checked. This says nothing about the key itself.',
        fix: "Re-run the job; raise `timeout` if the network is slow; check `base-url`, proxies and the runner's outbound network."
    },
    'network-error': {
        status: 'unreachable',
        title: 'The API could not be reached',
        explanation: 'The request did not reach the API (name resolution failed, the connection was refused or reset, or a TLS or proxy error occurred), so the key could not be checked.',
        fix: "Check `base-url` for typos, the runner's outbound network, and HTTPS_PROXY / NO_PROXY. Self-hosted runners may need a firewall rule for api.openai.com:443."
    },
    'server-error': {
        status: 'unreachable',
        title: 'The API or a gateway answered with an error',
        explanation: 'The API, or a proxy or gateway in front of it, answered with an error that says nothing about the key: a server error, an HTML page, or a response the API does not give.',
        fix: 'Re-run the job later and check https://status.openai.com. If the answer came from a proxy or gateway, check `base-url` and the proxy. Quote the request id when contacting support.'
    },
    'rate-limited': {
        status: 'unreachable',
        title: 'Rate limited',
        explanation: 'The API recognised the key but refused the request because the organization or project is over its rate limit, even after waiting and retrying. The key could not be checked fully.',
        fix: 'Re-run the job later or run the check less often; limits are per organization and project (https://platform.openai.com/settings/organization/limits).'
    },
    'request-blocked': {
        status: 'unreachable',
        title: 'Blocked by a firewall in front of the API',
        explanation: 'An edge firewall or bot protection (a Cloudflare "Attention Required" page, a WAF or proxy block page) answered instead of the API, so the request never reached it. This says nothing about the key.',
        fix: "Run the job from another network or runner, or ask whoever runs the firewall (your proxy, or the gateway's WAF rules) to admit the runner; check `base-url` and HTTPS_PROXY. The page's request id or Ray ID helps their support."
    }
};

/** Every OpenAI key starts with it. */
const OPENAI_KEY_PREFIX = 'sk-';
/** base64 of "OpenAI"; every OpenAI key format seen so far carries it between two random halves. */
const OPENAI_MARKER = 'T3BlbkFJ';
/** What follows `sk-`, and the kind it announces. Anything else after `sk-` is a user key (legacy). */
const OPENAI_KIND_PREFIXES = [
    ['proj-', 'project'],
    ['svcacct-', 'service-account'],
    ['service-', 'service-account'],
    ['admin-', 'admin'],
    ['None-', 'user']
];
/** The kind a key's prefix announces, and the prefix's length; undefined when it does not start with `sk-`. */
function openAIKeyKind(key) {
    if (!key.startsWith(OPENAI_KEY_PREFIX))
        return undefined;
    const rest = key.slice(OPENAI_KEY_PREFIX.length);
    const named = OPENAI_KIND_PREFIXES.find(([prefix]) => rest.startsWith(prefix));
    return named
        ? { kind: named[1], prefixLength: OPENAI_KEY_PREFIX.length + named[0].length }
        : { kind: 'user', prefixLength: OPENAI_KEY_PREFIX.length };
}

/** `{base}/{path}`, keeping the base's path and query (gateways need some), dropping any fragment. */
function under(baseUrl, path) {
    const url = new URL(baseUrl);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
    url.hash = '';
    return url;
}
function get(url) {
    return { url };
}
/** A verdict whose detail restates its cause's explanation, plus the `facts` it adds, if any. */
function verdict(status, cause, detail, facts) {
    return { status, cause, detail, ...(facts ? { facts } : {}) };
}
/** A verdict whose detail is all news to its cause's explanation: the verdict's cause appends it whole. */
function verdictAdding(status, cause, detail) {
    return { status, cause, detail, facts: detail };
}
/** A JSON Web Token (`eyJ….….…`): an OAuth or Entra ID access token, not an API key. */
function isJwt(value) {
    return /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/.test(value);
}
/** The smallest chat request: a few input tokens, one output token. */
function chatCompletion(url, model, tokenLimit) {
    return {
        url,
        body: { model, messages: [{ role: 'user', content: 'Say OK' }], [tokenLimit]: 1 }
    };
}
/** The answer's `code` or `type` is one of these. */
function codeOrType(answer, ...values) {
    return values.includes(answer.code) || values.includes(answer.type);
}

/**
 * OpenAI (api.openai.com): `Authorization: Bearer sk-…`, `GET /models` (free, always authenticated), error
 * bodies `{"error": {"message", "type", "param", "code"}}`. The rules follow openai-errors.md: status, then
 * `code` (and `type`), then message text, because `code` is null in older bodies. Gateways and Azure's v1 API
 * answer in the same envelope, so they reuse OPENAI_RULES after their own.
 */
/** `type` / `code` values of "valid key, no money": waiting never clears them (§2.12). */
const OPENAI_QUOTA_CODES = new Set([
    'insufficient_quota',
    'organization_usage_limit_exceeded',
    'organization_spend_limit_exceeded',
    'project_spend_limit_exceeded',
    'credit_balance_exhausted'
]);
/** A cheap model that stays available for years; what the inference check asks when no model is required. */
const OPENAI_DEFAULT_INFERENCE_MODEL = 'gpt-4o-mini';
const missingScopes = answer => {
    const scopes = /Missing scopes?:\s*([\w.]+(?:\s*,\s*[\w.]+)*)/i.exec(answer.message);
    if (!scopes && answer.code !== 'missing_scope')
        return undefined;
    const list = scopes ? scopes[1].split(/\s*,\s*/).map(scope => scope.replace(/\.+$/, '')) : [];
    const named = list.length > 0 ? list.map(scope => `\`${scope}\``).join(', ') : 'a permission';
    const why = list.includes('api.model.read')
        ? ' ("Models: Read"), which listing and reading models needs. The key is live and may still work for the calls it is allowed to make'
        : list.includes('model.request')
            ? ' ("Model capabilities: Write"), which every inference call needs. The key is live but cannot call a model'
            : '. The key is live but restricted';
    // The server's words name the scopes, and the explanation what `api.model.read` is for.
    const facts = list.includes('model.request')
        ? 'Every inference call needs `model.request` ("Model capabilities: Write"), so the key cannot call a model.'
        : undefined;
    return {
        ...verdict('restricted', 'missing-scopes', `The key lacks ${named}${why}.`, facts),
        missingScopes: list
    };
};
/** An OAuth or Entra access token (a JWT) is no API key: OpenAI answers invalid_issuer or missing scopes. */
const wrongCredential = answer => {
    const jwtRefused = isJwt(answer.ctx.sentKey) && (answer.status === 401 || answer.status === 403);
    if (!jwtRefused &&
        !codeOrType(answer, 'invalid_issuer') &&
        !/not from a valid issuer/i.test(answer.message))
        return undefined;
    return verdict('invalid', 'wrong-credential', `The secret is not an API key but an access token (a JWT, such as a ChatGPT or Codex sign-in token, or a token from another issuer), which the API does not accept as a key.`);
};
const OPENAI_RULES = [
    wrongCredential,
    missingScopes,
    answer => codeOrType(answer, 'access_terminated') || /access was terminated/i.test(answer.message)
        ? verdict('invalid', 'access-terminated', `API access was terminated for a policy violation (not a rate limit).`)
        : undefined,
    answer => codeOrType(answer, 'billing_not_active') || /account is not active.*billing/i.test(answer.message)
        ? verdict('no-quota', 'billing-not-active', `The key is valid, but billing is not active for its organization.`)
        : undefined,
    answer => OPENAI_QUOTA_CODES.has(answer.code) ||
        answer.type === 'insufficient_quota' ||
        /exceeded your current quota/i.test(answer.message)
        ? verdict('no-quota', 'insufficient-quota', 'The key is valid, but its organization or project has no quota or credit left.')
        : undefined,
    answer => codeOrType(answer, 'not_authorized_invalid_project') ||
        /project (?:is|has been) archived/i.test(answer.message)
        ? verdict('invalid', 'project-archived', `The key's project is archived (or otherwise no longer valid), so none of its keys work.`)
        : undefined,
    answer => answer.code === 'account_deactivated' || /deactivated/i.test(answer.message)
        ? verdict('invalid', 'account-deactivated', `The account that owns the key has been deactivated.`)
        : undefined,
    answer => answer.code === 'no_organization' || /must be a member of an organization/i.test(answer.message)
        ? verdict('invalid', 'no-organization', `The key's user is no longer a member of an organization or project.`)
        : undefined,
    answer => answer.code === 'mismatched_organization' ||
        /OpenAI-Organization header should match/i.test(answer.message)
        ? verdictAdding('misconfigured', 'organization-mismatch', whoSentHeader('organization', answer.ctx.organizationSent))
        : undefined,
    answer => answer.code === 'invalid_organization' || /No such organization/i.test(answer.message)
        ? verdictAdding('misconfigured', 'unknown-organization', whoSentHeader('organization', answer.ctx.organizationSent))
        : undefined,
    answer => answer.code === 'mismatched_project' ||
        /OpenAI-Project header should match|No such project/i.test(answer.message)
        ? verdictAdding('misconfigured', 'project-mismatch', whoSentHeader('project', answer.ctx.projectSent))
        : undefined,
    answer => answer.code === 'ip_not_authorized' || /\bIP\b.*not authorized/i.test(answer.message)
        ? verdict('misconfigured', 'ip-not-authorized', `This runner's IP address is not on the IP allowlist of the key's project or organization.`)
        : undefined,
    answer => answer.code === 'unsupported_country_region_territory' ||
        /Country, region, or territory not supported/i.test(answer.message)
        ? verdict('misconfigured', 'unsupported-region', `OpenAI does not serve the country or region it locates this runner in.`)
        : undefined,
    modelNotAccessible,
    answer => {
        if (!/You didn't provide an API key|Missing bearer or basic authentication/i.test(answer.message))
            return undefined;
        if (answer.ctx.sentKey === '')
            return verdict('missing', 'missing-secret', `No key was sent.`);
        return verdict('misconfigured', 'auth-header-stripped', `The server received no usable key although this step sent one, so something on the way (a proxy, gateway or \`base-url\` that forwards requests) removed or rewrote it.`);
    },
    answer => {
        if (answer.code !== 'invalid_api_key' && !/Incorrect API key provided/i.test(answer.message))
            return undefined;
        const echo = analyseEcho(answer.message, answer.ctx.sentKey);
        return {
            status: 'invalid',
            cause: 'invalid-api-key',
            detail: `The API does not accept this key.${echo ? ` ${echo.detail}` : ''}`,
            ...(echo ? { echo, facts: echo.detail } : {})
        };
    },
    answer => codeOrType(answer, 'rate_limit_exceeded', 'slow_down', 'rate_limit_error', 'requests', 'tokens') ||
        answer.status === 429
        ? verdict('unreachable', 'rate-limited', `The API recognised the key but the organization is over its rate limit, so the check could not finish.`)
        : undefined
];
/** 404/403 `model_not_found`, or a project's model block, for a model this step asked about. */
function modelNotAccessible(answer) {
    const { ctx } = answer;
    const projectBlock = /^Project\b.*does not have access to model/i.test(answer.message);
    if (answer.code !== 'model_not_found' &&
        !projectBlock &&
        !(ctx.model && !ctx.inference && answer.status === 404))
        return undefined;
    const model = ctx.model ? `\`${ctx.model}\`` : undefined;
    const why = projectBlock
        ? `The key's project is not allowed to use ${model ?? 'the model'}.`
        : `${model ?? 'The model'} does not exist or this key has no access to it.`;
    return verdict('restricted', 'model-not-accessible', why);
}
/**
 * Who sent the header the API complained about: the one fact an organization or project mismatch adds to its
 * headline (which names the header and the mismatch) and to the server's words (which the report quotes).
 */
function whoSentHeader(input, sentByThisStep) {
    return sentByThisStep
        ? `This step sent the header, from its \`${input}\` input.`
        : 'This step did not send the header: a proxy or gateway on the way added it.';
}
/**
 * OpenAI echoes what followed `Bearer `: the first 8 and last 4 characters with `*` between, same length,
 * or the whole value when it has 12 characters or fewer (openai-errors.md §2.1). Other masks (`…`, `...`)
 * are compared by their ends only.
 */
function analyseEcho(message, sentKey) {
    const echo = /Incorrect API key provided: (.*?)\. You can find your API key/s.exec(message)?.[1];
    if (echo === undefined)
        return undefined;
    const mask = /^(.*?)(\*+|\.{3}|…)(.*)$/s.exec(echo);
    const sameLength = echo.length === sentKey.length;
    const matchesSent = mask
        ? sentKey.startsWith(mask[1]) && sentKey.endsWith(mask[3]) && (!mask[2].startsWith('*') || sameLength)
        : echo === sentKey;
    const shape = echoShape(echo);
    if (matchesSent) {
        return {
            matchesSent,
            detail: `The server received exactly the ${sentKey.length}-character value this step sent${shape ? `, and that value ${shape}` : ''}.`
        };
    }
    const difference = mask && mask[2].startsWith('*') && !sameLength
        ? `${echo.length} characters instead of the ${sentKey.length} sent`
        : 'different first or last characters';
    return {
        matchesSent,
        detail: `The server received a different value than this step sent (${difference}${shape ? `; the value it received ${shape}` : ''}): a proxy or gateway substituted the header, or the app uses a stale key.`
    };
}
/** What the first characters of an echo say about the value the server received. */
function echoShape(echo) {
    if (/^["'`“‘]/.test(echo))
        return 'starts with a quote character';
    if (/^bearer/i.test(echo))
        return 'starts with `Bearer`, so the prefix was doubled';
    if (/^https?:/i.test(echo))
        return 'is a URL, not a key';
    if (/^(?:\$\{|\$[A-Za-z_]|<|%)/.test(echo))
        return 'is an unexpanded variable or a placeholder';
    if (/^(?:undefined|null)$/i.test(echo))
        return 'is the text of an unset value such as "undefined"';
    if (/^sk-(?:ant|or)-/.test(echo))
        return "is another provider's key";
    if (/^[A-Z][A-Z0-9_]*\**[A-Z0-9_]*$/.test(echo) && echo.includes('_'))
        return 'is an environment-variable name, not a key';
    if (!echo.startsWith(OPENAI_KEY_PREFIX))
        return 'does not start with `sk-`';
    return undefined;
}
/** The shape of an OpenAI key: `sk-` (with a kind prefix), letters, digits, `-` and `_`, long enough. */
function openAIKeyShape(candidate) {
    const unknown = (detail) => ({ cause: 'unknown-format', detail });
    const nonAscii = /[^\x00-\x7f]/.exec(candidate);
    if (nonAscii) {
        return unknown(`has the non-ASCII character ${codePoint(nonAscii[0])}${nameOfLookalike(nonAscii[0])} after character ${nonAscii.index}; OpenAI keys contain only letters, digits, \`-\` and \`_\``);
    }
    if (/^sk-/i.test(candidate) && !candidate.startsWith(OPENAI_KEY_PREFIX)) {
        return unknown('starts with an upper-case `SK-`; OpenAI keys start with a lower-case `sk-`');
    }
    if (isJwt(candidate)) {
        return unknown('is an access token (a JWT starting `eyJ`), such as a ChatGPT or Codex sign-in token, not an API key');
    }
    const kind = openAIKeyKind(candidate);
    if (!kind)
        return unknown('does not start with `sk-`, as every OpenAI API key does');
    const bad = /[^A-Za-z0-9_-]/.exec(candidate);
    if (bad) {
        return unknown(`contains the character ${JSON.stringify(bad[0])} after character ${bad.index}; OpenAI keys contain only letters, digits, \`-\` and \`_\``);
    }
    if (candidate.includes(OPENAI_MARKER))
        return undefined;
    const body = candidate.slice(kind.prefixLength);
    if (kind.prefixLength === OPENAI_KEY_PREFIX.length && /^[0-9a-f]{32}$/.test(body)) {
        return unknown('is `sk-` followed by 32 hexadecimal digits: the shape of DeepSeek keys and of some gateway keys, not of an OpenAI key');
    }
    if (body.length < 32) {
        return unknown(`is too short for an OpenAI key (${candidate.length} characters; OpenAI keys have 51 or more)`);
    }
    return undefined;
}
function codePoint(character) {
    return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
function nameOfLookalike(character) {
    if (character === '\u2013')
        return ' (an en dash, often typed by autocorrect instead of `-`)';
    if (character === '\u2014')
        return ' (an em dash, often typed by autocorrect instead of `-`)';
    return '';
}
/** The request bodies and paths of the OpenAI API, which OpenAI-compatible servers copy. */
const openAIRequests = {
    liveness: (baseUrl) => get(under(baseUrl, 'models')),
    // Each segment encoded on its own: provider ids such as `openai/gpt-4o` keep their path.
    model: (baseUrl, model) => get(under(baseUrl, `models/${model.split('/').map(encodeURIComponent).join('/')}`)),
    inference: (baseUrl, model) => chatCompletion(under(baseUrl, 'chat/completions'), model ?? OPENAI_DEFAULT_INFERENCE_MODEL, 'max_completion_tokens')
};
const openai = {
    id: 'openai',
    name: 'OpenAI',
    verifiesOpenAIKeys: true,
    defaultAuth: () => 'bearer',
    livenessRequest: openAIRequests.liveness,
    liveness: 'always',
    modelRequest: openAIRequests.model,
    inferenceRequest: openAIRequests.inference,
    defaultInferenceModel: () => OPENAI_DEFAULT_INFERENCE_MODEL,
    acceptsOtherProviderKeys: false,
    keyShape: openAIKeyShape,
    recognises: error => /platform\.openai\.com|help\.openai\.com/.test(error.message),
    rules: OPENAI_RULES,
    causeTexts: {}
};

/**
 * Azure OpenAI (`*.openai.azure.com`, `*.cognitiveservices.azure.com`, `*.services.ai.azure.com`): a resource key
 * in an `api-key` header, or a Microsoft Entra ID token as Bearer. Two API styles: the classic
 * `/openai/deployments/<deployment>/…?api-version=` and the v1 API at `/openai/v1/`. Its own error shapes:
 * `{"error": {"code": "401", "message": …}}` (no type) and `{"statusCode": 401, "message": …}`.
 */
/** The GA api-version used when `base-url` names none (classic API only). */
const AZURE_DEFAULT_API_VERSION = '2024-10-21';
/** Reads the resource, the API style, the deployment and the api-version out of `base-url`. */
function azureEndpoint(baseUrl) {
    const path = baseUrl.pathname;
    const at = path.search(/\/openai(?:\/|$)/);
    const prefix = (at === -1 ? path : path.slice(0, at)).replace(/\/+$/, '');
    const deployment = /\/openai\/deployments\/([^/]+)/.exec(path)?.[1];
    return {
        root: `${baseUrl.origin}${prefix}`,
        v1: /\/openai\/v1(?:\/|$)/.test(path),
        ...(deployment ? { deployment: decodeURIComponent(deployment) } : {}),
        apiVersion: baseUrl.searchParams.get('api-version') || AZURE_DEFAULT_API_VERSION
    };
}
function classic(endpoint, path) {
    const url = new URL(`${endpoint.root}/openai/${path}`);
    url.searchParams.set('api-version', endpoint.apiVersion);
    return url;
}
function livenessRequest(baseUrl) {
    const endpoint = azureEndpoint(baseUrl);
    return get(endpoint.v1 ? new URL(`${endpoint.root}/openai/v1/models`) : classic(endpoint, 'models'));
}
function inferenceRequest(baseUrl, model) {
    const endpoint = azureEndpoint(baseUrl);
    const deployment = model ?? endpoint.deployment;
    if (!deployment)
        return undefined;
    return endpoint.v1
        ? chatCompletion(new URL(`${endpoint.root}/openai/v1/chat/completions`), deployment, 'max_completion_tokens')
        : chatCompletion(classic(endpoint, `deployments/${encodeURIComponent(deployment)}/chat/completions`), deployment, 'max_completion_tokens');
}
function keyShape(candidate) {
    if (isJwt(candidate))
        return undefined;
    if (candidate.startsWith(OPENAI_KEY_PREFIX)) {
        return {
            cause: 'not-openai-key',
            detail: "is an OpenAI-style key (`sk-…`), but `base-url` is an Azure OpenAI endpoint, which takes the Azure resource's own key"
        };
    }
    if (/^[A-Za-z0-9]{32,}$/.test(candidate))
        return undefined;
    return {
        cause: 'unknown-format',
        detail: 'has neither the shape of an Azure resource key (32 hexadecimal characters, or a longer key of letters and digits) nor that of a Microsoft Entra ID token'
    };
}
/** `{"statusCode": 401, "message": "…"}` (Entra and API Management). */
function parseAzureError(record) {
    if (typeof record.statusCode === 'number' && typeof record.message === 'string') {
        return { code: String(record.statusCode), message: record.message };
    }
    return undefined;
}
const AZURE_MESSAGES = /subscription key|Virtual Network|Access token is missing|Principal does not have access|lacks the required data action|API deployment for this resource|Key based authentication is disabled|call volume quota/i;
function recognisesAzure(error) {
    const bareCode = error.code !== undefined && error.type === undefined && /^(?:\d{3}|[A-Z][A-Za-z]+)$/.test(error.code);
    return (AZURE_MESSAGES.test(error.message) ||
        (bareCode && /^(?:401|403|404|Unauthorized|PermissionDenied|DeploymentNotFound)$/.test(error.code ?? '')));
}
const AZURE_RULES = [
    answer => /missing subscription key/i.test(answer.message)
        ? verdictAdding('misconfigured', 'gateway-auth-failed', `Azure API Management in front of the resource wants its own subscription key, and the request carried none.`)
        : undefined,
    answer => {
        if (!/Access token is missing|audience is incorrect|invalid audience/i.test(answer.message))
            return undefined;
        const detail = (answer.ctx.auth ?? 'bearer') === 'bearer' && !isJwt(answer.ctx.sentKey)
            ? 'The key went as `Authorization: Bearer`, which Azure reads as a Microsoft Entra ID token; a resource key goes in the `api-key` header'
            : 'Azure did not accept the Entra ID token: it is expired, or issued for another audience than `https://cognitiveservices.azure.com`';
        return verdictAdding('misconfigured', 'auth-scheme-mismatch', `${detail}.`);
    },
    answer => /Key based authentication is disabled|AuthenticationTypeDisabled/i.test(`${answer.code} ${answer.message}`)
        ? verdictAdding('misconfigured', 'auth-scheme-mismatch', `Key-based authentication is disabled on this Azure resource; it accepts Microsoft Entra ID tokens only.`)
        : undefined,
    answer => /invalid subscription key or wrong API endpoint/i.test(answer.message)
        ? verdict('invalid', 'invalid-api-key', `Azure does not accept this key for this endpoint: it belongs to another resource, was regenerated, or \`base-url\` names the wrong resource or region.`)
        : undefined,
    answer => answer.status === 403 &&
        /Virtual Network|Firewall|private endpoint|public (?:network )?access is disabled|traffic denied/i.test(answer.message)
        ? verdict('misconfigured', 'ip-not-authorized', `The Azure resource's network rules (virtual network, private endpoint or firewall) do not admit this runner.`)
        : undefined,
    answer => /PermissionDenied/.test(answer.code) ||
        /Principal does not have access|lacks the required data action/i.test(answer.message)
        ? {
            status: 'restricted',
            cause: 'missing-scopes',
            detail: `The Entra identity behind the token has no role on the resource that allows this call (it needs "Cognitive Services OpenAI User" or higher).`,
            missingScopes: []
        }
        : undefined,
    answer => answer.code === 'DeploymentNotFound' ||
        /API deployment for this resource does not exist/i.test(answer.message)
        ? verdict('misconfigured', 'endpoint-not-found', `The resource has no deployment named ${answer.ctx.model ? `\`${answer.ctx.model}\`` : 'as in `base-url`'} (deployment names are chosen when deploying, and differ from model names).`, answer.ctx.model ? `The resource has no deployment named \`${answer.ctx.model}\`.` : undefined)
        : undefined,
    answer => /call volume quota|quota exceeded/i.test(answer.message) && answer.status !== 429
        ? verdict('no-quota', 'insufficient-quota', `The Azure resource has used up its quota; Azure restores it on the date the message names, or when the quota is raised.`, 'Azure restores the quota on the date its message names.')
        : undefined,
    answer => answer.status === 429 && /rate limit|daily|tokens per|requests per/i.test(answer.message)
        ? verdict('unreachable', 'rate-limited', `Azure recognised the key but the deployment is over its rate or daily token limit, so the check could not finish.`)
        : undefined,
    ...OPENAI_RULES
];
const PORTAL_KEYS = 'In the Azure portal, open the resource → Resource Management → Keys and Endpoint, copy KEY 1 and the Endpoint, store the key with `gh secret set AZURE_OPENAI_API_KEY` and set `base-url` to that endpoint';
const azure = {
    id: 'azure',
    name: 'Azure OpenAI',
    verifiesOpenAIKeys: false,
    defaultAuth: key => (isJwt(key) ? 'bearer' : 'api-key'),
    livenessRequest,
    liveness: 'always',
    modelRequest: () => undefined,
    inferenceRequest,
    defaultInferenceModel: baseUrl => azureEndpoint(baseUrl).deployment,
    acceptsOtherProviderKeys: false,
    keyShape,
    parseError: parseAzureError,
    recognises: recognisesAzure,
    rules: AZURE_RULES,
    causeTexts: {
        'invalid-api-key': {
            title: 'Key rejected by Azure OpenAI',
            explanation: 'Azure does not accept this key at this endpoint: the key belongs to another Azure resource, it was regenerated (which disables the old one), or `base-url` names another resource or region than the key’s.',
            fix: `${PORTAL_KEYS}. Both keys shown there work; regenerating one disables its old value.`
        },
        'not-openai-key': {
            title: 'Not a key for this Azure endpoint',
            explanation: "`base-url` is an Azure OpenAI endpoint, but the secret holds an OpenAI key or another provider's key or data. Azure accepts only the resource's own keys and Microsoft Entra ID tokens. It was not sent.",
            fix: `${PORTAL_KEYS}. To check an OpenAI key instead, remove \`base-url\` (it defaults to \`https://api.openai.com/v1\`).`
        },
        'unknown-format': {
            explanation: 'The secret has neither the shape of an Azure resource key (32 hexadecimal characters, or a longer key of letters and digits) nor that of a Microsoft Entra ID token: it is cut short or altered.',
            fix: `${PORTAL_KEYS}.`
        },
        'missing-scopes': {
            title: 'Entra identity lacks a role on the resource',
            explanation: 'The Microsoft Entra ID token is valid, but its identity has no role assignment on the Azure OpenAI resource that allows this call.',
            fix: 'In the Azure portal, open the resource → Access control (IAM) → Add role assignment, and give the identity (the workflow’s service principal or managed identity) "Cognitive Services OpenAI User". Role assignments take a few minutes to apply.'
        },
        'ip-not-authorized': {
            title: 'Azure network rules block the runner',
            explanation: "The Azure resource accepts requests only from selected virtual networks, private endpoints or firewall IP ranges, and this runner's address is not among them. GitHub-hosted runners use many, changing IP addresses.",
            fix: "In the Azure portal, open the resource → Resource Management → Networking: add the runner's egress IP range under Firewall, or run the job on a self-hosted runner inside the allowed virtual network (with the private endpoint's DNS)."
        },
        'auth-scheme-mismatch': {
            fix: 'Send a resource key in the `api-key` header (`auth-scheme: api-key`, or `auto`, the default, which does so for keys that are not tokens). Send a Microsoft Entra ID token as Bearer (`auth-scheme: bearer`), issued for `https://cognitiveservices.azure.com`. If key-based authentication is disabled on the resource (Networking/Keys: "disableLocalAuth"), only Entra ID tokens work.'
        },
        'endpoint-not-found': {
            explanation: 'Azure answered 404: `base-url` names a deployment the resource does not have (deployment names are chosen when deploying a model and often differ from the model name), an `api-version` the resource does not serve, or a path that is not an Azure OpenAI API.',
            fix: 'In the Azure AI Foundry portal, open the resource → Deployments and copy the deployment name. Use `https://<resource>.openai.azure.com/openai/v1` as `base-url` (no api-version needed), or the classic `…/openai/deployments/<deployment>/chat/completions?api-version=2024-10-21`.'
        },
        'insufficient-quota': {
            explanation: 'The key is valid, but the Azure resource or deployment has used up its quota, so requests are refused until it is restored or raised.',
            fix: 'In the Azure AI Foundry portal, open Quotas and raise the deployment’s tokens-per-minute quota, or request more quota for the subscription and region.'
        },
        'rate-limited': {
            explanation: 'Azure recognised the key but refused the request because the deployment is over its tokens-per-minute, requests-per-minute or daily token limit, even after waiting and retrying.',
            fix: 'Re-run the job later, or raise the deployment’s quota in the Azure AI Foundry portal (Deployments → Edit → Tokens per minute).'
        },
        'model-not-accessible': {
            explanation: 'The key works, but a deployment listed in `required-models` is not available: on Azure, `required-models` names deployments.',
            fix: 'Check the deployment names in the Azure AI Foundry portal (Deployments) and list those in `required-models`.'
        }
    }
};

/**
 * Gateways in front of model APIs, and any other OpenAI-compatible server: Cloudflare AI Gateway, LiteLLM,
 * OpenRouter, Azure API Management, one-api/new-api relays, local servers. They speak OpenAI's request and
 * error format with their own keys, budgets and credentials; their rules come first, then OpenAI's (the
 * errors of the API behind them come through).
 */
/** `type` / `code` values of a gateway's budget or credit being used up (LiteLLM, one-api/new-api, OpenRouter). */
const GATEWAY_QUOTA_CODES = new Set([
    'budget_exceeded',
    'insufficient_user_quota',
    'insufficient_credits',
    'pre_consume_token_quota_failed'
]);
const GATEWAY_QUOTA_MESSAGES = /Budget has been exceeded|exceeded budget|over budget|Insufficient credits|requires more credits|额度不足|余额不足|quota is not enough/i;
/** Rules every gateway shares, before OpenAI's. */
const GATEWAY_RULES = [
    answer => answer.status === 402 ||
        codeOrType(answer, ...GATEWAY_QUOTA_CODES) ||
        GATEWAY_QUOTA_MESSAGES.test(answer.message)
        ? verdict('no-quota', 'insufficient-quota', `The gateway recognised the key, but its budget or credit (of the key, its user, team or account) is used up.`)
        : undefined,
    answer => codeOrType(answer, 'token_not_found_in_db') ||
        /Invalid proxy server token|Unable to find token|无效的令牌|invalid token|User not found/i.test(answer.message)
        ? verdict('invalid', 'invalid-api-key', `The gateway does not know this key (it issues its own keys; a key of the provider behind it, or a deleted or mistyped gateway key, is refused).`)
        : undefined,
    answer => {
        if (!/No auth credentials found/i.test(answer.message))
            return undefined;
        if (answer.ctx.sentKey === '')
            return verdict('missing', 'missing-secret', `No key was sent.`);
        return verdict('misconfigured', 'auth-header-stripped', `The gateway received no key although this step sent one, so something on the way (a proxy, or a \`base-url\` that forwards requests) removed it.`);
    }
];
const GATEWAY_TEXTS = {
    'invalid-api-key': {
        title: 'Key rejected by the gateway',
        explanation: 'The gateway at `base-url` does not accept this key. Gateways issue their own keys: a key that was deleted, expired, mistyped, belongs to another gateway, or is the key of the provider behind the gateway is refused.',
        fix: "Open the gateway's dashboard (its keys or virtual keys page), create or copy a valid key for this gateway, and store it with `gh secret set` under the name your workflow passes as `api-key`."
    },
    'insufficient-quota': {
        title: 'Gateway budget or credit used up',
        explanation: 'The key is valid, but the gateway refuses requests because a budget or credit (of the key, its user, team or account) is used up. Retrying does not help until someone raises the budget or adds credit.',
        fix: "Raise the budget or add credit in the gateway's dashboard (the key's, user's or team's budget settings, or the account's credits page)."
    },
    'not-openai-key': {
        title: 'Not a key',
        explanation: 'The secret holds a URL, a token of an unrelated service or other data, not an API key. It was not sent.',
        fix: "Store the gateway's key itself (from its dashboard) with `gh secret set` under the name your workflow passes as `api-key`."
    },
    'auth-header-stripped': {
        fix: 'Check `base-url` and any proxy in front of the gateway: it must forward `Authorization: Bearer <key>` unchanged. Run this step with `base-url` set to the gateway itself to confirm the key works.'
    }
};
function gatewayKeyShape() {
    return undefined;
}
const CLOUDFLARE_AUTH_CODES = new Set(['2009', '10000']);
/** Cloudflare's own envelope: `{"success": false, "errors": [{"code": 2009, "message": "Unauthorized"}]}` (`error` too). */
function parseCloudflareError(record) {
    const list = Array.isArray(record.errors)
        ? record.errors
        : Array.isArray(record.error)
            ? record.error
            : undefined;
    const first = list?.find((item) => typeof item === 'object' && item !== null);
    if (first && (typeof first.code === 'number' || typeof first.code === 'string')) {
        return { code: String(first.code), message: typeof first.message === 'string' ? first.message : '' };
    }
    if (record.name === 'AiGatewayError' || record.internalCode !== undefined) {
        return {
            code: String(record.internalCode ?? ''),
            type: 'AiGatewayError',
            message: typeof record.message === 'string' ? record.message : ''
        };
    }
    return undefined;
}
const cloudflare = {
    id: 'cloudflare',
    name: 'Cloudflare AI Gateway',
    verifiesOpenAIKeys: true,
    defaultAuth: () => 'bearer',
    livenessRequest: openAIRequests.liveness,
    liveness: 'control',
    modelRequest: openAIRequests.model,
    inferenceRequest: openAIRequests.inference,
    defaultInferenceModel: () => OPENAI_DEFAULT_INFERENCE_MODEL,
    gatewayHeader: {
        name: 'cf-aig-authorization',
        value: token => (/^Bearer\s/i.test(token) ? token : `Bearer ${token}`)
    },
    acceptsOtherProviderKeys: true,
    keyShape: gatewayKeyShape,
    parseError: parseCloudflareError,
    recognises: (error, status) => error.type === 'AiGatewayError' || (status === 401 && CLOUDFLARE_AUTH_CODES.has(error.code ?? '')),
    rules: [
        answer => answer.type === 'AiGatewayError' ||
            CLOUDFLARE_AUTH_CODES.has(answer.code) ||
            /cf-aig-authorization/i.test(answer.message)
            ? verdictAdding('misconfigured', 'gateway-auth-failed', `The Cloudflare AI Gateway is an authenticated gateway and wants its own token in the \`cf-aig-authorization\` header; ${answer.ctx.gatewayTokenSent ? 'it refused the token this step sent' : 'this step sent none'}.`)
            : undefined,
        ...GATEWAY_RULES,
        ...OPENAI_RULES
    ],
    causeTexts: {
        ...GATEWAY_TEXTS,
        'gateway-auth-failed': {
            fix: 'In the Cloudflare dashboard, open AI → AI Gateway → your gateway → Settings → Authenticated Gateway and create an authentication token. Store it as a secret and pass it as `gateway-token: ${{ secrets.CF_AIG_TOKEN }}` (this step sends it as `cf-aig-authorization: Bearer <token>`); your app must send the same header. Gateways created since 2026-11-03 always require it.'
        }
    }
};
const litellm = {
    id: 'litellm',
    name: 'LiteLLM proxy',
    verifiesOpenAIKeys: false,
    defaultAuth: () => 'bearer',
    livenessRequest: openAIRequests.liveness,
    liveness: 'control',
    modelRequest: openAIRequests.model,
    inferenceRequest: (baseUrl, model) => model ? chatCompletion(under(baseUrl, 'chat/completions'), model, 'max_tokens') : undefined,
    defaultInferenceModel: () => undefined,
    acceptsOtherProviderKeys: true,
    keyShape: gatewayKeyShape,
    recognises: error => error.type === 'token_not_found_in_db' ||
        error.type === 'budget_exceeded' ||
        /Invalid proxy server token|LiteLLM/i.test(error.message),
    rules: [...GATEWAY_RULES, ...OPENAI_RULES],
    causeTexts: {
        ...GATEWAY_TEXTS,
        'invalid-api-key': {
            ...GATEWAY_TEXTS['invalid-api-key'],
            fix: 'In the LiteLLM admin UI (Virtual Keys) or with `POST /key/generate`, create a key for this proxy and store it with `gh secret set`; the proxy answers "Invalid proxy server token" for keys it does not have in its database.'
        }
    }
};
const openrouter = {
    id: 'openrouter',
    name: 'OpenRouter',
    verifiesOpenAIKeys: false,
    defaultAuth: () => 'bearer',
    // The models list answers without authentication; `GET /key` needs the key and tells its credit.
    livenessRequest: baseUrl => get(under(baseUrl, 'key')),
    liveness: 'always',
    modelRequest: () => undefined,
    inferenceRequest: (baseUrl, model) => chatCompletion(under(baseUrl, 'chat/completions'), model ?? 'openai/gpt-4o-mini', 'max_tokens'),
    defaultInferenceModel: () => 'openai/gpt-4o-mini',
    acceptsOtherProviderKeys: true,
    keyShape: gatewayKeyShape,
    recognises: error => /openrouter/i.test(error.message),
    rules: [...GATEWAY_RULES, ...OPENAI_RULES],
    successVerdict: value => {
        const data = value.data;
        const remaining = data?.limit_remaining;
        return typeof remaining === 'number' && remaining <= 0
            ? verdict('no-quota', 'insufficient-quota', `The key is valid, but its credit limit is used up (limit_remaining ${remaining}).`, `OpenRouter reports limit_remaining ${remaining} for the key.`)
            : undefined;
    },
    causeTexts: {
        ...GATEWAY_TEXTS,
        'invalid-api-key': {
            ...GATEWAY_TEXTS['invalid-api-key'],
            fix: 'Create a key at https://openrouter.ai/settings/keys (keys start with `sk-or-v1-`) and store it with `gh secret set OPENROUTER_API_KEY`; pass it as `api-key`.'
        },
        'insufficient-quota': {
            ...GATEWAY_TEXTS['insufficient-quota'],
            fix: "Add credits at https://openrouter.ai/settings/credits, or raise the key's credit limit at https://openrouter.ai/settings/keys. Credits belong to the account or organization the key was created in."
        }
    }
};
const azureApim = {
    ...azure,
    id: 'azure-apim',
    name: 'Azure API Management',
    verifiesOpenAIKeys: false,
    liveness: 'control',
    gatewayHeader: { name: 'Ocp-Apim-Subscription-Key', value: token => token },
    acceptsOtherProviderKeys: true,
    keyShape: gatewayKeyShape,
    rules: [
        answer => /invalid subscription key/i.test(answer.message) && answer.ctx.gatewayTokenSent
            ? verdictAdding('misconfigured', 'gateway-auth-failed', `Azure API Management refused the subscription key this step sent in \`${answer.ctx.gatewayHeader ?? 'Ocp-Apim-Subscription-Key'}\`.`)
            : undefined,
        ...azure.rules
    ],
    causeTexts: {
        ...azure.causeTexts,
        'gateway-auth-failed': {
            fix: 'In the Azure portal, open the API Management instance → Subscriptions, copy a key of a subscription that includes this API, store it as a secret and pass it as `gateway-token` (sent as `Ocp-Apim-Subscription-Key`, or in the header named by `gateway-header`, such as `api-key` when the API is configured to read it there).'
        }
    }
};
const compatible = {
    id: 'compatible',
    name: 'OpenAI-compatible server',
    verifiesOpenAIKeys: true,
    defaultAuth: () => 'bearer',
    livenessRequest: openAIRequests.liveness,
    liveness: 'control',
    modelRequest: openAIRequests.model,
    inferenceRequest: (baseUrl, model) => chatCompletion(under(baseUrl, 'chat/completions'), model ?? OPENAI_DEFAULT_INFERENCE_MODEL, 'max_tokens'),
    defaultInferenceModel: () => OPENAI_DEFAULT_INFERENCE_MODEL,
    acceptsOtherProviderKeys: true,
    keyShape: gatewayKeyShape,
    rules: [...GATEWAY_RULES, ...OPENAI_RULES],
    causeTexts: GATEWAY_TEXTS
};

const PROVIDER_IDS = [
    'openai',
    'azure',
    'azure-apim',
    'cloudflare',
    'litellm',
    'openrouter',
    'compatible'
];
/** `Authorization: Bearer <key>` or Azure's `api-key: <key>`. */
const AUTH_SCHEMES = ['bearer', 'api-key'];

/**
 * Which provider serves `base-url`: forced by the `provider` input, else recognised from the host. Loopback and
 * unknown hosts are "an OpenAI-compatible server"; its answers can still name the provider behind it
 * (`providerOfAnswer`).
 */
const PROVIDERS = {
    openai,
    azure,
    'azure-apim': azureApim,
    cloudflare,
    litellm,
    openrouter,
    compatible
};
const PROVIDER_CHOICES = ['auto', ...PROVIDER_IDS];
const AUTH_SCHEME_CHOICES = ['auto', ...AUTH_SCHEMES];
const HOSTS = [
    [/^api\.openai\.com$/, 'openai'],
    [/\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/, 'azure'],
    [/\.azure-api\.net$/, 'azure-apim'],
    [/^gateway\.ai\.cloudflare\.com$/, 'cloudflare'],
    [/^(?:www\.)?openrouter\.ai$/, 'openrouter']
];
function detectProvider(baseUrl, choice = 'auto') {
    if (choice !== 'auto')
        return PROVIDERS[choice];
    let host;
    try {
        host = new URL(baseUrl).hostname.toLowerCase();
    }
    catch {
        return compatible;
    }
    const known = HOSTS.find(([pattern]) => pattern.test(host));
    return known ? PROVIDERS[known[1]] : compatible;
}
/** How the key goes: forced by `auth-scheme`, else the provider's default for this key. */
function authSchemeFor(provider, key, choice = 'auto') {
    return choice === 'auto' ? provider.defaultAuth(key) : choice;
}
/** Providers whose answers are recognisable whatever host served them, most specific first. */
const RECOGNISABLE = [azure, cloudflare, litellm, openrouter, openai];
/**
 * The provider an answer comes from, when `base-url` alone did not say: an OpenAI-compatible server (or a
 * custom domain) that relays OpenAI, Azure or a gateway. Only a generic provider is refined.
 */
function providerOfAnswer(configured, error, status) {
    if (configured.id !== 'compatible' && configured.id !== 'openai')
        return configured;
    const found = RECOGNISABLE.find(provider => provider !== configured && provider.recognises?.(error, status));
    if (!found || (configured.id === 'openai' && found.id === 'openai'))
        return configured;
    return found;
}
/** A cause's status, title, explanation and fix in the words of the provider that answered. */
function causeInfoFor(cause, provider) {
    const own = provider ? PROVIDERS[provider].causeTexts[cause] : undefined;
    return own ? { ...CAUSE_INFO[cause], ...own } : CAUSE_INFO[cause];
}
/**
 * The gateway credential header and value: the header named by `gateway-header` with the token as given, else
 * the provider's usual header (Cloudflare: `cf-aig-authorization: Bearer <token>`). Undefined without a token;
 * null when a token has nowhere to go.
 */
function gatewayCredentialFor(provider, token, headerName) {
    if (token === '')
        return undefined;
    if (headerName)
        return { header: headerName, value: token };
    if (!provider.gatewayHeader)
        return null;
    return { header: provider.gatewayHeader.name, value: provider.gatewayHeader.value(token) };
}

export { AUTH_SCHEME_CHOICES as A, CAUSE_INFO as C, OPENAI_MARKER as O, PROVIDERS as P, openAIKeyKind as a, causeInfoFor as b, codePoint as c, detectProvider as d, OPENAI_KIND_PREFIXES as e, PROVIDER_CHOICES as f, gatewayCredentialFor as g, authSchemeFor as h, openai as o, providerOfAnswer as p };
