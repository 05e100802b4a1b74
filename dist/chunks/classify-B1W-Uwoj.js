import { b as OPENAI_KEY_PREFIX, o as openAIKeyKind, O as OPENAI_MARKER, C as CAUSE_INFO } from './openai-key-CMrVDMWO.js';
import { s as scrub, r as redact } from './redact-D01G0adF.js';

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
function verdict(status, cause, detail) {
    return { status, cause, detail };
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
    return {
        status: 'restricted',
        cause: 'missing-scopes',
        detail: `${answer.label}: the key lacks ${named}${why}.`,
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
    return verdict('invalid', 'wrong-credential', `${answer.label}: the secret is not an API key but an access token (a JWT, such as a ChatGPT or Codex sign-in token, or a token from another issuer), which the API does not accept as a key.`);
};
const OPENAI_RULES = [
    wrongCredential,
    missingScopes,
    answer => codeOrType(answer, 'access_terminated') || /access was terminated/i.test(answer.message)
        ? verdict('invalid', 'access-terminated', `${answer.label}: API access was terminated for a policy violation (not a rate limit).`)
        : undefined,
    answer => codeOrType(answer, 'billing_not_active') || /account is not active.*billing/i.test(answer.message)
        ? verdict('no-quota', 'billing-not-active', `${answer.label}: the key is valid, but billing is not active for its organization.`)
        : undefined,
    answer => OPENAI_QUOTA_CODES.has(answer.code) ||
        answer.type === 'insufficient_quota' ||
        /exceeded your current quota/i.test(answer.message)
        ? verdict('no-quota', 'insufficient-quota', `${answer.label}: the key is valid, but its organization or project has no quota or credit left${answer.code && answer.code !== 'insufficient_quota' ? ` (${answer.code.replace(/_/g, ' ')})` : ''}.`)
        : undefined,
    answer => codeOrType(answer, 'not_authorized_invalid_project') ||
        /project (?:is|has been) archived/i.test(answer.message)
        ? verdict('invalid', 'project-archived', `${answer.label}: the key's project is archived (or otherwise no longer valid), so none of its keys work.`)
        : undefined,
    answer => answer.code === 'account_deactivated' || /deactivated/i.test(answer.message)
        ? verdict('invalid', 'account-deactivated', `${answer.label}: the account that owns the key has been deactivated.`)
        : undefined,
    answer => answer.code === 'no_organization' || /must be a member of an organization/i.test(answer.message)
        ? verdict('invalid', 'no-organization', `${answer.label}: the key's user is no longer a member of an organization or project.`)
        : undefined,
    answer => answer.code === 'mismatched_organization' ||
        /OpenAI-Organization header should match/i.test(answer.message)
        ? verdict('misconfigured', 'organization-mismatch', `${answer.label}: ${headerSource('OpenAI-Organization', answer.ctx.organizationSent)} names an organization the key does not belong to.`)
        : undefined,
    answer => answer.code === 'invalid_organization' || /No such organization/i.test(answer.message)
        ? verdict('misconfigured', 'unknown-organization', `${answer.label}: ${headerSource('OpenAI-Organization', answer.ctx.organizationSent)} names an organization that does not exist.`)
        : undefined,
    answer => answer.code === 'mismatched_project' ||
        /OpenAI-Project header should match|No such project/i.test(answer.message)
        ? verdict('misconfigured', 'project-mismatch', `${answer.label}: ${headerSource('OpenAI-Project', answer.ctx.projectSent)} names a project the key does not belong to.`)
        : undefined,
    answer => answer.code === 'ip_not_authorized' || /\bIP\b.*not authorized/i.test(answer.message)
        ? verdict('misconfigured', 'ip-not-authorized', `${answer.label}: this runner's IP address is not on the IP allowlist of the key's project or organization.`)
        : undefined,
    answer => answer.code === 'unsupported_country_region_territory' ||
        /Country, region, or territory not supported/i.test(answer.message)
        ? verdict('misconfigured', 'unsupported-region', `${answer.label}: OpenAI does not serve the country or region it locates this runner in.`)
        : undefined,
    modelNotAccessible,
    answer => {
        if (!/You didn't provide an API key|Missing bearer or basic authentication/i.test(answer.message))
            return undefined;
        if (answer.ctx.sentKey === '')
            return verdict('missing', 'missing-secret', `${answer.label}: no key was sent.`);
        return verdict('misconfigured', 'auth-header-stripped', `${answer.label}: the server received no usable key although this step sent one, so something on the way (a proxy, gateway or \`base-url\` that forwards requests) removed or rewrote it.`);
    },
    answer => {
        if (answer.code !== 'invalid_api_key' && !/Incorrect API key provided/i.test(answer.message))
            return undefined;
        const echo = analyseEcho(answer.message, answer.ctx.sentKey);
        return {
            status: 'invalid',
            cause: 'invalid-api-key',
            detail: `${answer.label}: the API does not accept this key.${echo ? ` ${echo.detail}` : ''}`,
            ...(echo ? { echo } : {})
        };
    },
    answer => codeOrType(answer, 'rate_limit_exceeded', 'slow_down', 'rate_limit_error', 'requests', 'tokens') ||
        answer.status === 429
        ? verdict('unreachable', 'rate-limited', `${answer.label}${answer.tries}: the API recognised the key but the organization is over its rate limit, so the check could not finish.`)
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
    const model = ctx.model ? `\`${ctx.model}\`` : 'the model';
    const why = projectBlock
        ? `the key's project is not allowed to use ${model}`
        : `${model} does not exist or this key has no access to it`;
    return verdict('restricted', 'model-not-accessible', `${answer.label}: ${why}.`);
}
function headerSource(header, sentByThisStep) {
    return sentByThisStep
        ? `the ${header} header this step sent`
        : `an ${header} header that this step did not send (a proxy or gateway added it)`;
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
        ? verdict('misconfigured', 'gateway-auth-failed', `${answer.label}: Azure API Management in front of the resource wants its own subscription key, and the request carried none.`)
        : undefined,
    answer => {
        if (!/Access token is missing|audience is incorrect|invalid audience/i.test(answer.message))
            return undefined;
        const detail = (answer.ctx.auth ?? 'bearer') === 'bearer' && !isJwt(answer.ctx.sentKey)
            ? 'the key went as `Authorization: Bearer`, which Azure reads as a Microsoft Entra ID token; a resource key goes in the `api-key` header'
            : 'Azure did not accept the Entra ID token: it is expired, or issued for another audience than https://cognitiveservices.azure.com';
        return verdict('misconfigured', 'auth-scheme-mismatch', `${answer.label}: ${detail}.`);
    },
    answer => /Key based authentication is disabled|AuthenticationTypeDisabled/i.test(`${answer.code} ${answer.message}`)
        ? verdict('misconfigured', 'auth-scheme-mismatch', `${answer.label}: key-based authentication is disabled on this Azure resource; it accepts Microsoft Entra ID tokens only.`)
        : undefined,
    answer => /invalid subscription key or wrong API endpoint/i.test(answer.message)
        ? verdict('invalid', 'invalid-api-key', `${answer.label}: Azure does not accept this key for this endpoint: it belongs to another resource, was regenerated, or \`base-url\` names the wrong resource or region.`)
        : undefined,
    answer => answer.status === 403 &&
        /Virtual Network|Firewall|private endpoint|public (?:network )?access is disabled|traffic denied/i.test(answer.message)
        ? verdict('misconfigured', 'ip-not-authorized', `${answer.label}: the Azure resource's network rules (virtual network, private endpoint or firewall) do not admit this runner.`)
        : undefined,
    answer => /PermissionDenied/.test(answer.code) ||
        /Principal does not have access|lacks the required data action/i.test(answer.message)
        ? {
            status: 'restricted',
            cause: 'missing-scopes',
            detail: `${answer.label}: the Entra identity behind the token has no role on the resource that allows this call (it needs "Cognitive Services OpenAI User" or higher).`,
            missingScopes: []
        }
        : undefined,
    answer => answer.code === 'DeploymentNotFound' ||
        /API deployment for this resource does not exist/i.test(answer.message)
        ? verdict('misconfigured', 'endpoint-not-found', `${answer.label}: the resource has no deployment named ${answer.ctx.model ? `\`${answer.ctx.model}\`` : 'as in `base-url`'} (deployment names are chosen when deploying, and differ from model names).`)
        : undefined,
    answer => /call volume quota|quota exceeded/i.test(answer.message) && answer.status !== 429
        ? verdict('no-quota', 'insufficient-quota', `${answer.label}: the Azure resource has used up its quota; Azure restores it on the date the message names, or when the quota is raised.`)
        : undefined,
    answer => answer.status === 429 && /rate limit|daily|tokens per|requests per/i.test(answer.message)
        ? verdict('unreachable', 'rate-limited', `${answer.label}${answer.tries}: Azure recognised the key but the deployment is over its rate or daily token limit, so the check could not finish.`)
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
            fix: `${PORTAL_KEYS}. To check an OpenAI key instead, remove \`base-url\` (it defaults to https://api.openai.com/v1).`
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
            fix: 'Send a resource key in the `api-key` header (`auth-scheme: api-key`, or `auto`, the default, which does so for keys that are not tokens). Send a Microsoft Entra ID token as Bearer (`auth-scheme: bearer`), issued for https://cognitiveservices.azure.com. If key-based authentication is disabled on the resource (Networking/Keys: "disableLocalAuth"), only Entra ID tokens work.'
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
        ? verdict('no-quota', 'insufficient-quota', `${answer.label}: the gateway recognised the key, but its budget or credit (of the key, its user, team or account) is used up.`)
        : undefined,
    answer => codeOrType(answer, 'token_not_found_in_db') ||
        /Invalid proxy server token|Unable to find token|无效的令牌|invalid token|User not found/i.test(answer.message)
        ? verdict('invalid', 'invalid-api-key', `${answer.label}: the gateway does not know this key (it issues its own keys; a key of the provider behind it, or a deleted or mistyped gateway key, is refused).`)
        : undefined,
    answer => {
        if (!/No auth credentials found/i.test(answer.message))
            return undefined;
        if (answer.ctx.sentKey === '')
            return verdict('missing', 'missing-secret', `${answer.label}: no key was sent.`);
        return verdict('misconfigured', 'auth-header-stripped', `${answer.label}: the gateway received no key although this step sent one, so something on the way (a proxy, or a \`base-url\` that forwards requests) removed it.`);
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
            ? verdict('misconfigured', 'gateway-auth-failed', `${answer.label}: the Cloudflare AI Gateway is an authenticated gateway and wants its own token in the \`cf-aig-authorization\` header; ${answer.ctx.gatewayTokenSent ? 'it refused the token this step sent' : 'this step sent none'}.`)
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
    successVerdict: (value, label) => {
        const data = value.data;
        const remaining = data?.limit_remaining;
        return typeof remaining === 'number' && remaining <= 0
            ? verdict('no-quota', 'insufficient-quota', `${label}: the key is valid, but its credit limit is used up (limit_remaining ${remaining}).`)
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
            ? verdict('misconfigured', 'gateway-auth-failed', `${answer.label}: Azure API Management refused the subscription key this step sent in \`${answer.ctx.gatewayHeader ?? 'Ocp-Apim-Subscription-Key'}\`.`)
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

/**
 * Turns what one probe came back with into a key-status and cause (design.md's table), in plain words.
 * The body is parsed once (OpenAI's envelope, then the providers' own shapes); the provider that answered
 * (the one at `base-url`, or the one its answer reveals) applies its ordered rules. Nothing here prints the
 * key: messages are scrubbed, and the masked echo in "Incorrect API key provided: …" is compared with the sent
 * key, never shown whole.
 */
/** What the server said is shown to users; past this it is cut with an ellipsis. */
const MAX_MESSAGE_LENGTH = 300;
/** HTML titles of edge/WAF block and challenge pages (Cloudflare, Akamai, AWS WAF, nginx). */
const BLOCK_PAGE = /Attention Required|Just a moment|Access denied|Request blocked|been blocked|Forbidden|Request Rejected/i;
function classifyProbe(outcome, ctx, configured = openai) {
    const attempts = outcome.attempts;
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    if (outcome.kind === 'timeout') {
        return {
            status: 'unreachable',
            cause: 'timeout',
            detail: `No answer within ${formatSeconds(outcome.timeoutMs)}${tries}; the key could not be checked.`,
            fromApi: false,
            provider: configured.id,
            attempts
        };
    }
    if (outcome.kind === 'network-error')
        return classifyNetworkError(outcome, ctx, configured);
    const secrets = [ctx.sentKey, ctx.sentKey.trim()];
    const requestId = safeRequestId(outcome.requestId);
    const parsed = parseBody(outcome.body);
    const error = parsed.kind === 'error' || parsed.kind === 'unreadable' ? parsed.error : undefined;
    const provider = error !== undefined
        ? providerOfAnswer(configured, error, outcome.status)
        : outcome.fromOpenAI && configured.id === 'compatible'
            ? openai
            : configured;
    const apiMessage = error ? cleanMessage(error.message, secrets) : '';
    const apiCode = error?.code && meaningfulCode(error.code, outcome.status) ? error.code : undefined;
    const base = {
        httpStatus: outcome.status,
        ...(requestId ? { requestId } : {}),
        ...(apiCode ? { apiCode } : {}),
        ...(apiMessage ? { apiMessage } : {}),
        provider: provider.id,
        attempts
    };
    // The request id is a field of its own (reports show it once), never part of the words.
    const where = `HTTP ${outcome.status}`;
    if (error) {
        const truncated = parsed.kind === 'unreadable' ? ', truncated body' : '';
        const type = error.type && error.type !== 'invalid_request_error' ? error.type : undefined;
        const marker = apiCode ?? type;
        const answer = {
            status: outcome.status,
            code: error.code ?? '',
            type: error.type ?? '',
            message: error.message,
            ctx,
            label: `HTTP ${outcome.status}${marker ? ` ${marker}` : ''}${truncated}`,
            tries
        };
        for (const rule of provider.rules) {
            const verdict = rule(answer);
            if (verdict)
                return { ...base, ...verdict, fromApi: parsed.kind === 'error' };
        }
    }
    if (outcome.status >= 200 && outcome.status < 300) {
        if (parsed.kind === 'success-json' && looksLikeApiResult(parsed.value)) {
            if (outcome.unproven) {
                return {
                    ...base,
                    status: 'unchecked',
                    cause: 'none',
                    detail: `${where}, but the same request with a made-up credential was accepted too: the ${provider.name} at \`base-url\` answers without checking keys, so whether this key is valid could not be verified there.`,
                    fromApi: true
                };
            }
            const special = provider.successVerdict?.(parsed.value, where);
            if (special)
                return { ...base, ...special, fromApi: true };
            const what = ctx.inference
                ? `a minimal request to \`${ctx.model ?? 'the model'}\` succeeded, so quota, billing and the model are in order`
                : ctx.model
                    ? `the model \`${ctx.model}\` is accessible`
                    : 'the key is valid';
            return { ...base, status: 'valid', cause: 'none', detail: `${where}: ${what}.`, fromApi: true };
        }
        return {
            ...base,
            status: 'unreachable',
            cause: 'server-error',
            detail: `${where}, but the answer is not an API answer (${describeBody(parsed)}): \`base-url\` probably points at a web page or a service that is not an OpenAI-compatible API.`,
            fromApi: false
        };
    }
    return { ...base, ...unrecognised(outcome.status, parsed, where, ctx, tries) };
}
/**
 * A 429 that waiting will not clear (quota, billing, credits, a terminated account): answered at once instead
 * of retried. Decided by the provider's own rules, so the quota codes live in one place.
 */
function waitingWontHelp(status, body, provider) {
    if (status !== 429)
        return false;
    const answer = classifyProbe({ kind: 'response', status, body, attempts: 1 }, { sentKey: '', organizationSent: false, projectSent: false }, provider);
    return answer.status === 'no-quota' || answer.status === 'invalid';
}
/** An error code worth showing: not the HTTP status again, nor its reason phrase (Azure sends both). */
function meaningfulCode(code, status) {
    return (code !== String(status) &&
        !/^(?:Unauthorized|Forbidden|Not ?Found|Bad ?Request|Too ?Many ?Requests)$/i.test(code));
}
function classifyNetworkError(outcome, ctx, provider) {
    const message = cleanMessage(outcome.message, [ctx.sentKey, ctx.sentKey.trim()]);
    const base = { fromApi: false, provider: provider.id, attempts: outcome.attempts };
    if (outcome.code === 'INVALID_HEADER' && !/organization|project|gateway/i.test(outcome.message)) {
        return {
            ...base,
            status: 'malformed',
            cause: 'whitespace',
            detail: 'The HTTP client refused to send the key: it contains a line break, control or non-Latin-1 character that a header cannot carry. Nothing was sent.'
        };
    }
    const hint = outcome.code === 'INVALID_URL'
        ? ' Check `base-url`.'
        : outcome.code === 'PROXY_ERROR'
            ? ' The proxy (HTTPS_PROXY / HTTP_PROXY) refused or failed the connection.'
            : '';
    const tries = outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : '';
    return {
        ...base,
        status: 'unreachable',
        cause: 'network-error',
        detail: `The request did not reach the API${tries}: ${outcome.code}${message ? ` (${message})` : ''}.${hint}`
    };
}
/** No rule matched: say what came back, with the status, without guessing further. */
function unrecognised(status, parsed, where, ctx, tries) {
    const body = describeBody(parsed);
    const fromApi = parsed.kind === 'error';
    const result = (status, cause, detail) => ({
        status,
        cause,
        detail,
        fromApi
    });
    if (parsed.kind === 'html' &&
        (status === 403 || (parsed.title !== undefined && BLOCK_PAGE.test(parsed.title)))) {
        return result('unreachable', 'request-blocked', `${where} with ${body}: an edge firewall or bot protection in front of the API blocked the request before it reached the API, so the key could not be checked.`);
    }
    if (status === 401) {
        return result('invalid', 'invalid-api-key', `${where} with ${body}: the server refused the credentials${fromApi ? ' for a reason this tool does not recognise (its own words are quoted with the verdict)' : ' without saying why'}. If \`base-url\` points at a gateway, it may want its own credential (\`gateway-token\`).`);
    }
    if (status === 429) {
        return result('unreachable', 'rate-limited', `${where}${tries} with ${body}: rate limited; the key could not be checked.`);
    }
    if (status === 404 && !ctx.model) {
        return result('misconfigured', 'endpoint-not-found', `${where} with ${body}: \`base-url\` has no such endpoint; it probably lacks the \`/v1\` part, has a wrong path, or points at the wrong service.`);
    }
    const hint = status === 407
        ? ' A proxy in front of the API requires its own authentication.'
        : parsed.kind === 'html'
            ? ' An HTML page comes from a proxy, gateway or web server in front of the API, not from the API.'
            : '';
    return result('unreachable', 'server-error', `${where}${tries} with ${body}; the key could not be checked.${hint}`);
}
function describeBody(parsed) {
    switch (parsed.kind) {
        case 'empty':
            return 'an empty body';
        case 'html':
            return parsed.title ? `an HTML page titled "${parsed.title}"` : 'an HTML page';
        case 'unreadable':
            return 'a body that is not valid JSON (truncated or not from the API)';
        case 'error':
            return parsed.error.code ? `the unrecognised error code ${parsed.error.code}` : 'an unrecognised error';
        case 'success-json':
            return 'an unexpected JSON answer';
    }
}
const PROVIDER_PARSERS = Object.values(PROVIDERS).flatMap(provider => provider.parseError ? [provider.parseError] : []);
function parseBody(body) {
    const text = body.trim();
    if (text === '')
        return { kind: 'empty' };
    if (/^<(?:!doctype|html|head|body|\?xml)/i.test(text) || /<\/html>/i.test(text)) {
        const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text)?.[1].replace(/\s+/g, ' ').trim();
        return { kind: 'html', ...(title ? { title: plainText(title) } : {}) };
    }
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return { kind: 'unreadable', ...salvage(text) };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return { kind: 'unreadable' };
    const record = value;
    const error = record.error;
    if (typeof error === 'string')
        return { kind: 'error', error: { message: error } };
    if (error !== null && typeof error === 'object' && !Array.isArray(error)) {
        const fields = error;
        return {
            kind: 'error',
            error: {
                code: stringField(fields.code),
                type: stringField(fields.type),
                message: stringField(fields.message) ?? ''
            }
        };
    }
    for (const parse of PROVIDER_PARSERS) {
        const own = parse(record);
        if (own)
            return { kind: 'error', error: own };
    }
    // The inner error object on its own, as some SDKs and relays print it.
    if (typeof record.message === 'string' && ('code' in record || 'type' in record)) {
        return {
            kind: 'error',
            error: { code: stringField(record.code), type: stringField(record.type), message: record.message }
        };
    }
    return { kind: 'success-json', value: record };
}
/** Best effort on a cut-off JSON body: the code and message text, if they made it through. */
function salvage(text) {
    const code = /"code"\s*:\s*"([\w-]{1,64})"/.exec(text)?.[1];
    const message = /"message"\s*:\s*"((?:[^"\\]|\\.)*)/.exec(text)?.[1];
    if (!code && !message)
        return {};
    return { error: { code, message: message ?? '' } };
}
function stringField(value) {
    if (typeof value === 'string' && value !== '' && value !== 'None')
        return value;
    if (typeof value === 'number')
        return String(value);
    return undefined;
}
/** A models list, a model, a completion, or a gateway's key information (`{"data": {…}}`). */
function looksLikeApiResult(value) {
    return (Array.isArray(value.data) ||
        (typeof value.data === 'object' && value.data !== null) ||
        value.object === 'list' ||
        value.object === 'model' ||
        typeof value.id === 'string');
}
/**
 * Scrubs the key, masks the credential OpenAI echoes (whole when 12 characters or fewer), and bounds the text
 * to one line of at most MAX_MESSAGE_LENGTH characters.
 */
function cleanMessage(message, secrets) {
    const scrubbed = scrub(message, secrets).replace(/(Incorrect API key provided: )(.*?)(\. You can find|$)/s, (_whole, before, echo, after) => before + maskEcho(echo) + after);
    const plain = plainText(scrubbed).replace(/\s+/g, ' ').trim();
    return plain.length > MAX_MESSAGE_LENGTH ? `${plain.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : plain;
}
function maskEcho(echo) {
    if (echo.includes('*'))
        return echo.replace(/\*{2,}/g, '…');
    return echo.includes('…') ? echo : redact(echo);
}
/** Control characters would break log lines and annotations. */
function plainText(text) {
    return text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' ');
}
function safeRequestId(requestId) {
    return requestId && /^[\w.:-]{1,128}$/.test(requestId) ? requestId : undefined;
}
function formatSeconds(ms) {
    return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export { AUTH_SCHEME_CHOICES as A, PROVIDERS as P, causeInfoFor as a, PROVIDER_CHOICES as b, codePoint as c, classifyProbe as d, detectProvider as e, authSchemeFor as f, gatewayCredentialFor as g, openai as o, waitingWontHelp as w };
