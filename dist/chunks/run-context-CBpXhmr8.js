import { o as openai, c as codePoint, P as PROVIDERS, a as causeInfoFor, A as AUTH_SCHEME_CHOICES, b as PROVIDER_CHOICES, d as classifyProbe, e as detectProvider, g as gatewayCredentialFor } from './classify-B1W-Uwoj.js';
import { o as openAIKeyKind } from './openai-key-CMrVDMWO.js';
import { r as redact, s as scrub } from './redact-D01G0adF.js';
import { g as providerOf, h as KEY_REJECTED_STATUSES, F as FAIL_ON_VALUES, S as SCAN_MODES, i as loadAllowlist, j as findLeaks, k as configuredKeyEvidence, m as windowString, s as splitLines, n as SegmentDecoder, o as decodeText, q as wideTextAsUtf8, L as LineSplitter, p as printable, r as writeFailure, t as writeFileInside } from './safe-write-cybW-w1k.js';
import { availableParallelism } from 'node:os';
import { f as formatBytes, s as sortFindings, c as formatCount, r as repoRelativePath, a as shownKey, b as shortCommit, l as livenessLabel } from './format-C9thmpK9.js';
import { r as runGit, G as GitError, s as streamGit, D as DEFAULT_GIT_TIMEOUT_MS, a as runGitBytes } from './git-gqzBRKGx.js';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { constants, existsSync, openSync, readSync, closeSync, lstatSync, realpathSync, fstatSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

/** The ten causes of seed/openai-401-guide.txt, in the guide's order. */
const CHECKLIST_IDS = [
    'missing-key',
    'typo',
    'placeholder',
    'other-account',
    'whitespace',
    'revoked',
    'env-var-name',
    'client-setup',
    'proxy',
    'outdated-library'
];

/**
 * Environment variables that OpenAI SDKs and HTTP clients read silently, changing what an app sends
 * without any code change (openai-errors.md §2.4, §5; peers-and-user-pain.md §4). Only names are ever
 * reported, never values: a proxy URL can carry credentials.
 */
const OPENAI_VARIABLES = {
    OPENAI_ORG_ID: 'SDKs send it as the OpenAI-Organization header; a stale value gives 401 mismatched_organization',
    OPENAI_ORGANIZATION: 'some SDKs and tools send it as the OpenAI-Organization header',
    OPENAI_PROJECT_ID: 'SDKs send it as the OpenAI-Project header; a stale value gives 401 mismatched_project',
    OPENAI_BASE_URL: 'SDKs send every request (and the key) to this URL instead of api.openai.com',
    OPENAI_API_BASE: 'older SDKs and LangChain send requests to this URL instead of api.openai.com',
    OPENAI_API_HOST: 'some tools send requests to this host instead of api.openai.com',
    OPENAI_API_TYPE: 'older SDKs switch to Azure mode (`api-key` header, Azure endpoints) when it is `azure`',
    OPENAI_API_VERSION: 'Azure clients add it as `api-version`; it selects the Azure OpenAI API'
};
const AZURE_PREFIX = 'AZURE_OPENAI_';
const AZURE_DESCRIPTION = 'Azure OpenAI clients read it (endpoint, key or deployment), which sends requests to Azure';
const PROXY_VARIABLES = {
    HTTPS_PROXY: 'HTTPS requests go through this proxy, which can strip or rewrite the Authorization header',
    HTTP_PROXY: 'HTTP requests go through this proxy, which can strip or rewrite the Authorization header',
    ALL_PROXY: 'requests go through this proxy, which can strip or rewrite the Authorization header',
    NO_PROXY: 'hosts listed here bypass the proxy, so they take a different network path'
};
/** Names of set, non-empty variables that change what apps send, in a stable order. */
function influencingEnvVarNames(env) {
    const isSet = (name) => (env[name] ?? '') !== '';
    const openai = Object.keys(OPENAI_VARIABLES).filter(isSet);
    const azure = Object.keys(env)
        .filter(name => name.startsWith(AZURE_PREFIX) && isSet(name))
        .sort();
    const proxies = Object.keys(PROXY_VARIABLES).flatMap(name => [name, name.toLowerCase()].filter(isSet));
    return [...openai, ...azure, ...proxies];
}
/** What an influencing variable changes, in plain words; undefined for names this module does not know. */
function describeEnvVar(name) {
    if (name in OPENAI_VARIABLES)
        return OPENAI_VARIABLES[name];
    if (name.startsWith(AZURE_PREFIX))
        return AZURE_DESCRIPTION;
    return PROXY_VARIABLES[name.toUpperCase()];
}
function isProxyEnvVar(name) {
    return name.toUpperCase() in PROXY_VARIABLES && name.toUpperCase() !== 'NO_PROXY';
}
/** Variables that change where requests go or which protocol flavour the client speaks (client setup). */
function isClientSetupEnvVar(name) {
    return (name.startsWith(AZURE_PREFIX) ||
        [
            'OPENAI_BASE_URL',
            'OPENAI_API_BASE',
            'OPENAI_API_HOST',
            'OPENAI_API_TYPE',
            'OPENAI_API_VERSION'
        ].includes(name));
}
function isOrganizationOrProjectEnvVar(name) {
    return name === 'OPENAI_ORG_ID' || name === 'OPENAI_ORGANIZATION' || name === 'OPENAI_PROJECT_ID';
}

/**
 * Offline checks of a key before any request (design.md "malformed"). Recognises what people actually
 * paste into secrets (peers-and-user-pain.md §4): stray whitespace and invisible characters, quotes, a
 * `Bearer ` prefix, a whole `.env` line, placeholders and masked copies, other providers' keys. Fixable
 * wrappers are peeled off into `cleaned`, so the caller can test the key without them.
 */
/** Priority of the primary cause: the problem that would still stop the key after the others are fixed. */
const CAUSE_PRIORITY = [
    'not-openai-key',
    'placeholder',
    'unknown-format',
    'env-assignment',
    'bearer-prefix',
    'quotes',
    'whitespace'
];
const LEADING_JUNK = /^[\s\u200B-\u200D\u2060\uFEFF]+/;
const TRAILING_JUNK = /[\s\u200B-\u200D\u2060\uFEFF]+$/;
const INNER_JUNK = /[\s\u200B-\u200D\u2060\uFEFF]/;
const ALL_INNER_JUNK = /[\s\u200B-\u200D\u2060\uFEFF]/g;
/** A header value this tool may send as is: visible ASCII, inner spaces allowed, nothing at the edges. */
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const CHARACTER_NAMES = {
    '\r\n': ['a Windows line break (\\r\\n)', 'Windows line breaks (\\r\\n)'],
    '\n': ['a newline (\\n)', 'newlines (\\n)'],
    '\r': ['a carriage return (\\r)', 'carriage returns (\\r)'],
    ' ': ['a space', 'spaces'],
    '\t': ['a tab', 'tabs'],
    '\u00A0': ['a non-breaking space (U+00A0)', 'non-breaking spaces (U+00A0)'],
    '\u200B': ['a zero-width space (U+200B)', 'zero-width spaces (U+200B)'],
    '\u200C': ['a zero-width non-joiner (U+200C)', 'zero-width non-joiners (U+200C)'],
    '\u200D': ['a zero-width joiner (U+200D)', 'zero-width joiners (U+200D)'],
    '\u2060': ['a word joiner (U+2060)', 'word joiners (U+2060)'],
    '\uFEFF': ['a byte-order mark (U+FEFF)', 'byte-order marks (U+FEFF)']
};
const QUOTE_NAMES = {
    '"': 'a double quote',
    "'": 'a single quote',
    '`': 'a backtick',
    '\u201C': 'a curly double quote (“)',
    '\u201D': 'a curly double quote (”)',
    '\u2018': 'a curly single quote (‘)',
    '\u2019': 'a curly single quote (’)',
    '\u201E': 'a low double quote („)',
    '\u201A': 'a low single quote (‚)',
    '\u00AB': 'a guillemet («)',
    '\u00BB': 'a guillemet (»)'
};
const PAIRED_QUOTES = {
    '""': 'double quotes',
    "''": 'single quotes',
    '``': 'backticks',
    '\u201C\u201D': 'curly double quotes (“…”)',
    '\u2018\u2019': 'curly single quotes (‘…’)',
    '\u201E\u201C': 'low-high double quotes („…“)',
    '\u00AB\u00BB': 'guillemets («…»)'
};
const OTHER_PROVIDERS = [
    {
        pattern: /^sk-ant-/,
        provider: 'Anthropic',
        llm: true,
        detail: 'is an Anthropic API key (it starts with `sk-ant-`), not an OpenAI key'
    },
    {
        pattern: /^sk-or-/,
        provider: 'OpenRouter',
        llm: true,
        ownedBy: 'openrouter',
        detail: 'is an OpenRouter API key (it starts with `sk-or-`), not an OpenAI key'
    },
    {
        pattern: /^gsk_/,
        provider: 'Groq',
        llm: true,
        detail: 'is a Groq API key (it starts with `gsk_`), not an OpenAI key'
    },
    {
        pattern: /^AIza[\w-]{20,}$/,
        provider: 'Google',
        llm: true,
        detail: 'is a Google API key (it starts with `AIza`), not an OpenAI key'
    },
    {
        pattern: /^xai-/,
        provider: 'xAI',
        llm: true,
        detail: 'is an xAI API key (it starts with `xai-`), not an OpenAI key'
    },
    {
        pattern: /^(?:gh[pousr]_|github_pat_)/,
        provider: 'GitHub',
        detail: 'is a GitHub token, not an OpenAI key'
    },
    {
        pattern: /^hf_[A-Za-z0-9]{20,}$/,
        provider: 'Hugging Face',
        llm: true,
        detail: 'is a Hugging Face token (it starts with `hf_`), not an OpenAI key'
    },
    {
        pattern: /^pplx-/,
        provider: 'Perplexity',
        llm: true,
        detail: 'is a Perplexity API key (it starts with `pplx-`), not an OpenAI key'
    },
    {
        pattern: /^r8_/,
        provider: 'Replicate',
        llm: true,
        detail: 'is a Replicate API token (it starts with `r8_`), not an OpenAI key'
    },
    {
        pattern: /^(?:AKIA|ASIA)[0-9A-Z]{16}$/,
        provider: 'AWS',
        detail: 'is an AWS access key ID, not an OpenAI key'
    },
    { pattern: /^xox[abposr]-/, provider: 'Slack', detail: 'is a Slack token, not an OpenAI key' },
    {
        pattern: /^[0-9a-f]{32}$/i,
        provider: 'Azure OpenAI',
        llm: true,
        ownedBy: 'azure',
        detail: 'has the shape of an Azure OpenAI resource key (32 hexadecimal digits), not of an OpenAI key; Azure keys work only with an Azure endpoint and the `api-key` header'
    },
    {
        pattern: /^[a-z][a-z0-9+.-]*:\/\//i,
        detail: 'is a URL, not a key (a base URL or endpoint was probably stored in the key’s secret)'
    },
    { pattern: /^[{[]/, detail: 'is a JSON value, not a bare key (store only the key itself)' }
];
const EXPRESSION_DETAIL = 'is an unexpanded GitHub expression (`${{ … }}`), not a key: it was stored or passed where workflows do not evaluate expressions';
const VARIABLE_REFERENCE_DETAIL = "is an unexpanded variable reference (`$NAME`, `${NAME}` or `%NAME%`), not a key: nothing replaced it with the variable's value";
const VARIABLE_NAME_DETAIL = 'is an environment-variable name, not a key: the name was stored where its value belongs';
/** Placeholder shapes and what they are; `true` marks a variable mix-up (see FormatProblem). */
const PLACEHOLDERS = [
    [/\$\{\{[\s\S]*\}\}/, EXPRESSION_DETAIL, true],
    [/^(?:\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*|%[A-Za-z_]\w*%)$/, VARIABLE_REFERENCE_DETAIL, true],
    [/<[^<>]*>/, 'contains an angle-bracket placeholder (`<…>`), not a real key'],
    [
        /\.\.\.|…/,
        'contains an ellipsis (`...` or `…`): it is an example or a shortened display of a key, not the key itself'
    ],
    [
        /\*{3,}/,
        'contains `***`: it is a masked copy of a key, as dashboards and logs show it, not the key itself'
    ],
    [
        /your[\s_-]*(?:openai[\s_-]*)?(?:api[\s_-]*)?(?:secret[\s_-]*)?key/i,
        'is a placeholder ("your … key"), not a real key'
    ],
    [
        /^sk-(?:proj-|svcacct-|admin-|None-)?(?:your|insert|enter|replace|paste|here|x{4,})/i,
        'is a placeholder (`sk-YOUR…` or `sk-xxxx…`), not a real key'
    ],
    [
        /^(?:undefined|null|none|nil)$/i,
        'is the text of an unset value (such as "undefined" or "null"): a script stored an empty variable'
    ],
    [
        /^(?:change[-_ ]?me|replace[-_ ]?me|placeholder|dummy|test(?:ing)?|secret|password|todo|tbd|empty|example|sample|fake|foo|bar|key|api[-_ ]?key|token|x+|sk-|sk-proj-)$/i,
        'is a placeholder word, not a key'
    ],
    [/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, VARIABLE_NAME_DETAIL, true]
];
function isVariableMixUp(problem) {
    return problem.variableMixUp === true;
}
const LOW_ENTROPY_DETAIL = 'has too little randomness to be a real key (repeated or sequential characters, like `sk-proj-XXXX…`): it is a placeholder';
/**
 * `provider` is the server at `base-url`: its key shape applies, and keys of other providers are refused unless
 * it is a gateway that routes them (design: a key is sent only where it belongs, never another provider's key to
 * api.openai.com).
 */
function analyzeKeyFormat(raw, provider = openai) {
    if (raw === '')
        return { empty: true, problems: [], cause: 'missing-secret', keyType: '', sendable: false };
    const problems = [];
    const unwrapped = unwrap(raw, problems);
    if (unwrapped === '') {
        problems.push({
            cause: 'whitespace',
            detail: 'holds only whitespace, quotes or invisible characters, no key'
        });
        return report(raw, problems, '', '', false, undefined, undefined);
    }
    // Placeholders such as `${{ secrets.X }}` and JSON contain spaces of their own: recognise them first.
    const recognised = recognise(unwrapped, provider);
    const candidate = recognised ? unwrapped : removeInnerJunk(unwrapped, problems);
    const { problem: shape, provider: other } = recognised ??
        recognise(candidate, provider) ?? { problem: provider.keyShape(candidate) };
    if (shape)
        problems.push(shape);
    const keyType = shape ? 'unknown' : keyTypeOf(candidate);
    const sendable = HEADER_SAFE.test(raw) && problems.every(problem => problem.cause === 'unknown-format');
    const innerJunkRemoved = candidate !== unwrapped;
    const cleanable = candidate !== raw &&
        HEADER_SAFE.test(candidate) &&
        (shape === undefined || (shape.cause === 'unknown-format' && !innerJunkRemoved));
    return report(raw, problems, candidate, keyType, sendable, cleanable ? candidate : undefined, other);
}
/** Another provider's key, other data, or a placeholder: things that are never sent. */
function recognise(value, atBaseUrl) {
    const other = OTHER_PROVIDERS.find(shape => shape.ownedBy !== atBaseUrl.id &&
        !(shape.llm && atBaseUrl.acceptsOtherProviderKeys) &&
        shape.pattern.test(value));
    if (other)
        return {
            problem: { cause: 'not-openai-key', detail: other.detail },
            ...(other.provider ? { provider: other.provider } : {})
        };
    const placeholder = placeholderProblem(value);
    return placeholder ? { problem: placeholder } : undefined;
}
function report(raw, problems, candidate, keyType, sendable, cleaned, provider) {
    const primary = CAUSE_PRIORITY.find(cause => problems.some(problem => problem.cause === cause));
    return {
        empty: false,
        problems,
        cause: primary ?? 'none',
        keyType,
        ...(provider ? { provider } : {}),
        sendable,
        ...(cleaned !== undefined ? { cleaned } : {}),
        fingerprint: { type: keyType || 'unknown', length: raw.length, redacted: redact(candidate || raw.trim()) }
    };
}
/** Peels whitespace, `NAME=` assignments, quotes and `Bearer ` off the edges until nothing changes. */
function unwrap(raw, problems) {
    const add = (cause, detail, characters = 1) => {
        if (!problems.some(problem => problem.detail === detail))
            problems.push({ cause, detail, ...(characters > 1 ? { characters } : {}) });
    };
    let value = raw;
    for (;;) {
        const before = value;
        value = stripEdgeJunk(value, add);
        value = stripAssignment(value, add);
        value = stripQuotes(value, add);
        value = stripBearer(value, add);
        if (value === before || value === '')
            return value;
    }
}
function stripEdgeJunk(value, add) {
    const leading = LEADING_JUNK.exec(value)?.[0] ?? '';
    if (leading === value)
        return '';
    const trailing = TRAILING_JUNK.exec(value)?.[0] ?? '';
    if (leading)
        add('whitespace', `starts with ${nameCharacters(leading)}`, countCharacters(leading));
    if (trailing)
        add('whitespace', `ends with ${nameCharacters(trailing)}`, countCharacters(trailing));
    return value.slice(leading.length, value.length - trailing.length);
}
const ASSIGNMENT = /^(export\s+|set\s+|\$env:)?([A-Za-z_]\w*)\s*=\s*(?=\S)/;
const YAML_ENTRY = /^([A-Z][A-Z0-9_]*):\s+(?=\S)/;
function stripAssignment(value, add) {
    const assignment = ASSIGNMENT.exec(value);
    if (assignment && isVariableName(assignment[2])) {
        const shown = `${assignment[1] ? assignment[1].trim() + ' ' : ''}${assignment[2]}=`;
        add('env-assignment', `is a whole assignment (\`${shown}…\`), not just the key`);
        return value.slice(assignment[0].length);
    }
    const entry = YAML_ENTRY.exec(value);
    if (entry && isVariableName(entry[1])) {
        add('env-assignment', `is a whole YAML entry (\`${entry[1]}: …\`), not just the key`);
        return value.slice(entry[0].length);
    }
    return value;
}
/** Upper-case names, or names that say what they hold; never a fragment of a key such as base64 text. */
function isVariableName(name) {
    return /^[A-Z_][A-Z0-9_]*$/.test(name) || /key|token|secret/i.test(name);
}
function stripQuotes(value, add) {
    const first = value[0];
    const last = value[value.length - 1];
    const leading = first in QUOTE_NAMES;
    const trailing = value.length > 1 && last in QUOTE_NAMES;
    if (!leading && !trailing)
        return value;
    const pair = leading && trailing ? PAIRED_QUOTES[first + last] : undefined;
    if (pair)
        add('quotes', `is wrapped in ${pair}`, 2);
    else {
        if (leading)
            add('quotes', `starts with ${QUOTE_NAMES[first]}`);
        if (trailing)
            add('quotes', `ends with ${QUOTE_NAMES[last]}`);
    }
    return value.slice(leading ? 1 : 0, trailing ? -1 : undefined);
}
const BEARER = /^(authorization\s*:\s*)?bearer(?:\s+|(?=sk-))/i;
function stripBearer(value, add) {
    const bearer = BEARER.exec(value);
    if (!bearer || bearer[0].length === value.length)
        return value;
    add('bearer-prefix', bearer[1] ? 'starts with `Authorization: Bearer `' : 'starts with `Bearer `');
    return value.slice(bearer[0].length);
}
function removeInnerJunk(value, problems) {
    const first = INNER_JUNK.exec(value);
    if (!first)
        return value;
    const junk = value.match(ALL_INNER_JUNK)?.join('') ?? '';
    const characters = countCharacters(junk);
    problems.push({
        cause: 'whitespace',
        detail: `has ${nameCharacters(junk)} inside the key (the first after character ${first.index})`,
        ...(characters > 1 ? { characters } : {})
    });
    return value.replace(ALL_INNER_JUNK, '');
}
/** The characters of a run of whitespace as a reader counts them (a Windows line break is one). */
function characterTokens(run) {
    return run.match(/\r\n|[\s\S]/g) ?? [];
}
function countCharacters(run) {
    return characterTokens(run).length;
}
/** "a newline (\n)", "2 spaces and a tab": names the characters of a run of whitespace. */
function nameCharacters(run) {
    const counts = new Map();
    for (const token of characterTokens(run))
        counts.set(token, (counts.get(token) ?? 0) + 1);
    const names = [...counts].map(([token, count]) => {
        const [one, many] = CHARACTER_NAMES[token] ?? [
            `an invisible character (${codePoint(token)})`,
            `invisible characters (${codePoint(token)})`
        ];
        return count === 1 ? one : `${count} ${many}`;
    });
    return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
function placeholderProblem(candidate) {
    const match = PLACEHOLDERS.find(([pattern]) => pattern.test(candidate));
    if (match)
        return { cause: 'placeholder', detail: match[1], ...(match[2] ? { variableMixUp: true } : {}) };
    const body = candidate.slice(openAIKeyKind(candidate)?.prefixLength ?? 0);
    if (looksMadeUp(body))
        return { cause: 'placeholder', detail: LOW_ENTROPY_DETAIL };
    return undefined;
}
/** Shannon entropy at or below 3 bits (the gitleaks threshold), or mostly runs like `abcd` / `4321`. */
function looksMadeUp(body) {
    if (body.length < 16)
        return false;
    const counts = new Map();
    for (const character of body)
        counts.set(character, (counts.get(character) ?? 0) + 1);
    let entropy = 0;
    for (const count of counts.values()) {
        const frequency = count / body.length;
        entropy -= frequency * Math.log2(frequency);
    }
    if (entropy <= 3)
        return true;
    let steps = 0;
    for (let i = 1; i < body.length; i++) {
        if (Math.abs(body.charCodeAt(i) - body.charCodeAt(i - 1)) === 1)
            steps++;
    }
    return steps / (body.length - 1) >= 0.5;
}
function keyTypeOf(candidate) {
    return openAIKeyKind(candidate)?.kind ?? 'unknown';
}

/**
 * The ten causes of seed/openai-401-guide.txt, each with a verdict and the evidence behind it. A verdict
 * is only as strong as the evidence: what the API cannot tell apart stays `likely`, what this step cannot
 * see is `not-checkable`, with the reason.
 */
const TITLES = {
    'missing-key': 'Missing API key',
    typo: 'Typographical error',
    placeholder: 'Placeholder key',
    'other-account': 'Key from a different environment or account',
    whitespace: 'Extra whitespace',
    revoked: 'Expired or revoked key',
    'env-var-name': 'Incorrect environment variable name',
    'client-setup': 'Misconfigured API client or library',
    proxy: 'Network proxies or firewalls',
    'outdated-library': 'Outdated client library'
};
/** Answers that need the API to have identified the key (a typo or a revoked key cannot produce them). */
const KEY_RECOGNISED = new Set([
    'none',
    'organization-mismatch',
    'unknown-organization',
    'project-mismatch',
    'ip-not-authorized',
    'project-archived',
    'missing-scopes',
    'model-not-accessible',
    'insufficient-quota',
    'billing-not-active',
    'rate-limited'
]);
/** The rows whose `confirmed` evidence is the very fact a verdict of this cause states. */
const ROWS_OF_CAUSE = {
    'missing-secret': ['missing-key'],
    whitespace: ['whitespace'],
    placeholder: ['placeholder', 'env-var-name'],
    'not-openai-key': ['other-account'],
    'organization-mismatch': ['other-account'],
    'unknown-organization': ['other-account'],
    'project-mismatch': ['other-account'],
    'account-deactivated': ['revoked'],
    'access-terminated': ['revoked'],
    'project-archived': ['revoked'],
    'auth-scheme-mismatch': ['client-setup'],
    'endpoint-not-found': ['client-setup'],
    'auth-header-stripped': ['proxy'],
    'request-blocked': ['proxy'],
    'gateway-auth-failed': ['proxy']
};
function buildChecklist(facts) {
    const withheld = withheldReason(facts);
    const verdictRows = (facts.verdictCause && ROWS_OF_CAUSE[facts.verdictCause]) || [];
    return CHECKLIST_IDS.map(id => {
        const [verdict, evidence] = withheld ? ['not-checkable', withheld] : JUDGES[id](facts);
        const verdictCause = verdict === 'confirmed' && verdictRows.includes(id);
        return {
            id,
            title: TITLES[id],
            verdict,
            evidence,
            ...(verdictCause ? { verdictCause: true } : {})
        };
    });
}
/**
 * An expected skip (a fork pull request, a Dependabot run): GitHub gives this run no secret, so there is nothing
 * to read and no cause to confirm or rule out, least of all a missing key.
 */
function withheldReason(facts) {
    const { format, run } = facts;
    if (!format.empty)
        return undefined;
    if (run.isForkPullRequest)
        return 'Not checked: GitHub withholds secrets from pull requests opened from forks, so this run has no key to read. That is expected, not a missing key.';
    if (run.isDependabot)
        return 'Not checked: Dependabot runs receive only Dependabot secrets, so this run has no key to read. That is expected, not a missing key.';
    return undefined;
}
const JUDGES = {
    'missing-key': facts => {
        const { format, run } = facts;
        if (format.empty) {
            if (!run.inActions)
                return ['confirmed', 'OPENAI_API_KEY is not set (or empty) in this shell.'];
            return [
                'confirmed',
                'The step received an empty key: the secret is not set, is set under another name, or is an environment secret used without `environment:`.'
            ];
        }
        if (format.keyType === '')
            return ['confirmed', 'The secret holds only whitespace or quotes, no key.'];
        const stripped = facts.answer?.cause === 'auth-header-stripped'
            ? ' But the API received no key, so something on the way removed it (see proxies).'
            : '';
        return ['ruled-out', `The secret is set (${format.fingerprint?.length ?? 0} characters).${stripped}`];
    },
    typo: facts => {
        const { format, answer } = facts;
        if (format.empty || format.keyType === '')
            return ['not-checkable', 'There is no key to check.'];
        if (answer?.status === 'valid')
            return ['ruled-out', 'The API accepted the key, so its characters are right.'];
        if (answer && KEY_RECOGNISED.has(answer.cause)) {
            return [
                'ruled-out',
                `The API recognised the key (${evidenceOf(answer)}), which a mistyped key cannot get.`
            ];
        }
        if (answer?.cause === 'invalid-api-key') {
            const echo = answer.echo?.matchesSent
                ? ' The server received exactly what this step sent, so the secret itself holds a key the API does not know.'
                : '';
            const leaked = committed(facts.repo)
                ? ' The key is committed in the repository, though, which points to revocation rather than a typo.'
                : '';
            return [
                'likely',
                `${evidenceOf(answer)}: a mistyped key and a revoked one get the same answer, so both remain possible.${echo}${leaked}`
            ];
        }
        const shape = format.problems.find(problem => problem.cause === 'unknown-format');
        if (shape)
            return [
                'likely',
                `The secret ${shape.detail}: a copy that was cut short or altered would look like this.`
            ];
        if (format.problems.some(problem => problem.cause === 'placeholder' || problem.cause === 'not-openai-key')) {
            return ['ruled-out', `Not a typo: the secret ${primaryDetail(format)}.`];
        }
        return [
            'not-checkable',
            `Only the API can tell a mistyped key from a real one, and ${noAnswerReason(facts)}.`
        ];
    },
    placeholder: facts => {
        const { format, answer } = facts;
        const placeholder = format.problems.find(problem => problem.cause === 'placeholder');
        if (placeholder)
            return ['confirmed', `The secret ${placeholder.detail}.`];
        if (format.empty || format.keyType === '')
            return ['ruled-out', 'The secret holds no value at all, not a placeholder.'];
        const other = format.problems.find(problem => problem.cause === 'not-openai-key');
        if (other)
            return ['ruled-out', `The secret ${other.detail}, not a placeholder.`];
        const accepted = answer?.status === 'valid' ? ', and the API accepted it' : '';
        const looks = format.cause === 'unknown-format'
            ? 'The secret matches none of the known placeholder patterns and has enough randomness'
            : `The secret has the shape of an OpenAI ${format.keyType} key and enough randomness to be real`;
        return ['ruled-out', `${looks}${accepted}.`];
    },
    'other-account': facts => {
        const { format, answer, run } = facts;
        const other = format.problems.find(problem => problem.cause === 'not-openai-key');
        if (other)
            return ['confirmed', `The secret ${other.detail}.`];
        if (!answer)
            return ['not-checkable', `Only the API can tell whose key it is, and ${noAnswerReason(facts)}.`];
        switch (answer.cause) {
            case 'organization-mismatch':
            case 'unknown-organization':
            case 'project-mismatch':
                return ['confirmed', answer.detail];
            case 'no-organization':
                return [
                    'confirmed',
                    `${evidenceOf(answer)}: the key's user is no longer a member of the organization or project it was created in.`
                ];
            case 'insufficient-quota':
            case 'billing-not-active':
                return [
                    'likely',
                    `${evidenceOf(answer)}: the key's organization has no usable credit. If credit was bought in another organization (for example "Personal"), the key belongs to the wrong one.`
                ];
            case 'invalid-api-key':
                return [
                    'not-checkable',
                    `${evidenceOf(answer)} does not say whose key it was. A key of another account works unless it was revoked, so compare: ${keysPage(facts)}`
                ];
        }
        if (answer.status === 'valid' && facts.refusedModel) {
            return [
                'likely',
                `The key works, but its project cannot use a required model, so it may belong to another project than the one with access. ${facts.refusedModel.detail}`
            ];
        }
        if (answer.status === 'valid') {
            const unsent = run.influencingEnvVars.filter(name => isOrganizationOrProjectEnvVar(name) &&
                !(name === 'OPENAI_PROJECT_ID' ? facts.projectSent : facts.organizationSent));
            if (unsent.length > 0) {
                return [
                    'not-checkable',
                    `The key works with the headers this step sends, but ${listNames(unsent)} ${unsent.length === 1 ? 'is' : 'are'} set in this job's environment and your app's SDK sends ${unsent.length === 1 ? 'it' : 'them'}; set this step's \`organization\` / \`project\` inputs to the same values to test that combination.`
                ];
            }
            return [
                'ruled-out',
                `The API accepted the key with the organization and project headers this step sends (${sentHeaders(facts)}).`
            ];
        }
        if (KEY_RECOGNISED.has(answer.cause)) {
            return ['ruled-out', `The API matched the key to its organization and project (${evidenceOf(answer)}).`];
        }
        return ['not-checkable', `Only the API can tell whose key it is, and ${noAnswerReason(facts)}.`];
    },
    whitespace: facts => {
        const { format, answer } = facts;
        const found = format.problems.filter(problem => problem.cause === 'whitespace');
        if (found.length > 0) {
            const live = answer?.status === 'valid' && format.cleaned !== undefined ? ' Without it, the key is live.' : '';
            return ['confirmed', `The secret ${joinDetails(found)}.${live}`];
        }
        if (answer?.cause === 'whitespace')
            return ['confirmed', answer.detail];
        if (format.empty)
            return ['not-checkable', 'There is no key to check.'];
        return [
            'ruled-out',
            `No spaces, tabs, line breaks or invisible characters around or inside the ${format.fingerprint?.length ?? 0}-character secret.`
        ];
    },
    revoked: facts => {
        const { format, answer, repo } = facts;
        if (format.empty || format.keyType === '')
            return ['not-checkable', 'There is no key to check.'];
        if (!answer)
            return ['not-checkable', `Only the API knows whether a key was revoked, and ${noAnswerReason(facts)}.`];
        const leak = committed(repo);
        switch (answer.cause) {
            case 'account-deactivated':
            case 'access-terminated':
                return [
                    'confirmed',
                    `${evidenceOf(answer)}: every key of the account stopped working. ${answer.detail}`
                ];
            case 'no-organization':
                return [
                    'likely',
                    `${evidenceOf(answer)}: the key's user was removed from the organization or project, which disables the key.`
                ];
            case 'project-archived':
                return [
                    'confirmed',
                    `${evidenceOf(answer)}: the key's project is archived, which disables all of its keys.`
                ];
            case 'invalid-api-key': {
                if (leak && facts.provider === 'openai') {
                    return [
                        'likely',
                        `This key is committed at ${formatLocations(leak)}. OpenAI disables keys it finds published, and a revoked key gets the same ${evidenceOf(answer)} as a typo.`
                    ];
                }
                const clean = repo?.checkedHistory
                    ? ' The key does not appear in the repository history, so it was not leaked there.'
                    : '';
                return [
                    'likely',
                    `${evidenceOf(answer)}: a revoked or deleted key gets the same answer as a mistyped one.${clean}`
                ];
            }
        }
        if (answer.status === 'valid')
            return ['ruled-out', 'The API accepted the key, so it is neither revoked nor expired.'];
        if (KEY_RECOGNISED.has(answer.cause))
            return ['ruled-out', `The API recognised the key (${evidenceOf(answer)}), so it is not revoked.`];
        return ['not-checkable', `Only the API knows whether a key was revoked, and ${noAnswerReason(facts)}.`];
    },
    'env-var-name': facts => {
        const { format, repo } = facts;
        const mixUp = format.problems.find(isVariableMixUp);
        if (mixUp)
            return ['confirmed', `The secret ${mixUp.detail}.`];
        if (repo?.envVarName && repo.envVarName.length > 0)
            return ['likely', formatEvidence(repo.envVarName)];
        if (repo?.envVarNamesNotChecked)
            return ['not-checkable', `Not checked: ${repo.envVarNamesNotChecked}.`];
        if (repo?.checkedEnvVarNames) {
            return [
                'ruled-out',
                'The repository checks found no mismatch between the variable names workflows set and the names the code reads.'
            ];
        }
        const empty = format.empty
            ? ' The key is empty, which is what a secret stored under another name looks like.'
            : '';
        return [
            format.empty ? 'likely' : 'not-checkable',
            `This step only sees the secret it is given, and the repository was not read (it runs when the key fails, on the checked-out workspace: check out the repository before this step) to compare the names your workflows set with the names your code reads (for example OPENAI_API_KEY versus OPENAI_KEY).${empty}`
        ];
    },
    'client-setup': facts => {
        const { answer, run } = facts;
        if (answer?.cause === 'auth-scheme-mismatch' || answer?.cause === 'endpoint-not-found')
            return ['confirmed', answer.detail];
        const clientVars = run.influencingEnvVars.filter(isClientSetupEnvVar);
        const named = clientVars.map(name => `${name} (${describeEnvVar(name)})`).join('; ');
        if (answer?.status === 'valid' && clientVars.length > 0) {
            return [
                'likely',
                `The key works here, but this job's environment sets ${named}. If your app still gets 401, its client is set up differently from this check.`
            ];
        }
        const vars = named ? ` This job's environment sets ${named}.` : '';
        const works = answer?.status === 'valid'
            ? ' The key works, so if your app still gets 401, look at how it creates its client.'
            : '';
        return [
            'not-checkable',
            `This step calls the API directly with the secret, so it tests the key, not how your app builds its client (which variable it reads, which base URL and headers it uses).${works}${vars}`
        ];
    },
    proxy: facts => {
        const { answer, run } = facts;
        const proxies = run.influencingEnvVars.filter(isProxyEnvVar);
        const through = proxies.length > 0 ? ` through ${listNames(proxies)}` : '';
        if (!answer)
            return ['not-checkable', `The network path was not tested: ${noAnswerReason(facts)}.`];
        if (answer.cause === 'auth-header-stripped' ||
            answer.cause === 'request-blocked' ||
            answer.cause === 'gateway-auth-failed')
            return ['confirmed', `${answer.detail}${proxyNote(proxies)}`];
        if (answer.echo && !answer.echo.matchesSent)
            return ['confirmed', `${answer.echo.detail}${proxyNote(proxies)}`];
        const headerAdded = (answer.cause === 'organization-mismatch' || answer.cause === 'unknown-organization') &&
            !facts.organizationSent
            ? 'OpenAI-Organization'
            : answer.cause === 'project-mismatch' && !facts.projectSent
                ? 'OpenAI-Project'
                : undefined;
        if (headerAdded) {
            return [
                'confirmed',
                `The API complained about an ${headerAdded} header that this step did not send: something on the way added it.${proxyNote(proxies)}`
            ];
        }
        if (answer.fromApi) {
            const intact = answer.echo?.matchesSent
                ? 'The server received exactly the key this step sent'
                : 'The API answered this step directly';
            return [
                'ruled-out',
                `${intact} (${evidenceOf(answer)}), over this runner's network path${through}. Another path (your app's host or container) may still differ.`
            ];
        }
        if (answer.httpStatus !== undefined) {
            return [
                'likely',
                `${answer.detail} Something in front of the API answered instead of the API itself.${proxyNote(proxies)}`
            ];
        }
        if (proxies.length > 0)
            return ['likely', `${answer.detail} Requests go${through}.`];
        return [
            'not-checkable',
            `No answer arrived (${evidenceOf(answer)}), so the network path could not be tested.`
        ];
    },
    'outdated-library': facts => {
        const { repo, format } = facts;
        if (repo?.outdatedLibrary && repo.outdatedLibrary.length > 0)
            return ['likely', formatEvidence(repo.outdatedLibrary)];
        if (repo?.librariesNotChecked)
            return ['not-checkable', `Not checked: ${repo.librariesNotChecked}.`];
        if (repo?.checkedLibraries)
            return ['ruled-out', 'The repository checks found no outdated OpenAI SDK versions.'];
        const project = format.keyType === 'project' || format.keyType === 'service-account'
            ? ' Old SDKs and wrappers that check key formats themselves reject `sk-proj-` and `sk-svcacct-` keys before sending anything.'
            : '';
        return [
            'not-checkable',
            `This step calls the API without an SDK, so it cannot see which library your app uses, and the repository was not read (it runs when the key fails, on the checked-out workspace) to find old pins such as openai<1.0 (Python) or openai<4 (Node).${project}`
        ];
    }
};
function committed(repo) {
    return repo?.configuredKeyCommitted && repo.configuredKeyCommitted.length > 0
        ? repo.configuredKeyCommitted
        : undefined;
}
/** "HTTP 401 invalid_api_key", "timeout", "network-error". */
function evidenceOf(answer) {
    if (answer.httpStatus === undefined)
        return answer.cause;
    const from = answer.provider === 'openai' || answer.provider === 'compatible'
        ? ''
        : ` from ${PROVIDERS[answer.provider].name}`;
    return `HTTP ${answer.httpStatus}${answer.apiCode ? ` ${answer.apiCode}` : ''}${from}`;
}
/** "a.ts:3 (commit 1a2b3c4): message; b.ts:9 and 2 more". */
function formatEvidence(list, limit = 3) {
    const shown = list.slice(0, limit).map(item => {
        const commit = item.commit ? ` (commit ${item.commit.slice(0, 7)})` : '';
        return `${item.path}:${item.line}${commit}${item.message ? `: ${item.message}` : ''}`;
    });
    const more = list.length > limit ? ` and ${list.length - limit} more` : '';
    return `${shown.join('; ')}${more}`;
}
/** Locations only ("a.ts:3 (commit 1a2b3c4)"): messages about the configured key are not needed to find it. */
function formatLocations(list) {
    return formatEvidence(list.map(item => ({ ...item, message: '' })));
}
function joinDetails(problems) {
    const details = problems.map(problem => problem.detail);
    return details.length <= 1
        ? (details[0] ?? '')
        : `${details.slice(0, -1).join(', ')} and ${details[details.length - 1]}`;
}
function primaryDetail(format) {
    return format.problems.find(problem => problem.cause === format.cause)?.detail ?? 'is malformed';
}
function noAnswerReason(facts) {
    const { format, answer } = facts;
    if (format.empty || format.keyType === '')
        return 'there is no key';
    if (!facts.liveness)
        return 'liveness is off';
    if (answer?.cause === 'auth-header-stripped')
        return `the key never reached the API (${evidenceOf(answer)})`;
    if (answer)
        return `the API gave no usable answer (${evidenceOf(answer)})`;
    if (!format.sendable && format.cleaned === undefined)
        return `the secret was not sent, because it ${primaryDetail(format)}`;
    return 'the key was not checked live';
}
function sentHeaders(facts) {
    const sent = [
        facts.organizationSent ? 'OpenAI-Organization' : '',
        facts.projectSent ? 'OpenAI-Project' : ''
    ].filter(Boolean);
    return sent.length > 0 ? `${sent.join(' and ')} from its inputs` : 'none';
}
/** Where the user can see which keys exist, in the provider's terms. */
function keysPage(facts) {
    switch (facts.provider) {
        case 'openai':
            return `look for a key shown as \`${shortDisplay(facts.format)}\` at https://platform.openai.com/api-keys in the account and project you expect.`;
        case 'azure':
        case 'azure-apim':
            return `check that the key is KEY 1 or KEY 2 of the resource \`base-url\` names (Azure portal → the resource → Keys and Endpoint); a key of another resource or region is refused.`;
        default:
            return `look for the key in the dashboard of the ${PROVIDERS[facts.provider].name} at \`base-url\`; keys of another gateway or of the provider behind it are refused.`;
    }
}
/** How the OpenAI dashboard lists a key: `sk-…abcd`. */
function shortDisplay(format) {
    const redacted = format.fingerprint?.redacted ?? '';
    const tail = redacted.split('…')[1] ?? '';
    return `sk-…${tail}`;
}
function listNames(names) {
    return names.length <= 1
        ? (names[0] ?? '')
        : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
function proxyNote(proxies) {
    return proxies.length > 0 ? ` This job routes requests through ${listNames(proxies)}.` : '';
}

/**
 * Combines the offline format check, the live answers and the run's context into one verdict with its
 * explanation, fix, notes and checklist (design.md "key-status and cause"). Pure: every fact comes in.
 */
/** Outside GitHub Actions the key comes from the shell's environment, not from a workflow secret. */
const LOCAL_UNSET = 'OPENAI_API_KEY is not set in this shell';
function diagnose(input) {
    const { format, settings } = input;
    const keyAnswer = input.cleanedLive ?? input.live;
    const verdict = decide(input);
    const checklist = buildChecklist({
        format,
        answer: keyAnswer,
        refusedModel: input.models
            ?.map(model => model.classification)
            .find(answer => answer.cause === 'model-not-accessible'),
        run: input.run,
        liveness: settings.liveness,
        organizationSent: settings.organization !== '',
        projectSent: settings.project !== '',
        provider: keyAnswer?.provider ?? input.provider ?? 'openai',
        repo: input.repo,
        verdictCause: verdict.cause
    });
    const diagnosis = {
        keyStatus: verdict.status,
        cause: verdict.cause,
        keyType: format.keyType,
        headline: headline(input, verdict),
        explanation: explanation(input, verdict),
        fix: fix(input, verdict),
        ...(format.fingerprint ? { fingerprint: format.fingerprint } : {}),
        ...(requestIdOf(input, verdict) ? { requestId: requestIdOf(input, verdict) } : {}),
        ...(verdict.answer?.httpStatus !== undefined && verdict.status !== 'valid'
            ? { serverSaid: serverSaid(verdict.answer) }
            : {}),
        notes: notes(input, verdict),
        checklist,
        models: modelChecks(input, verdict)
    };
    return scrubDiagnosis(diagnosis, [
        settings.apiKey,
        settings.apiKey.trim(),
        format.cleaned ?? '',
        settings.gatewayToken,
        settings.gatewayToken.trim()
    ]);
}
function decide(input) {
    const { format, run, settings, live } = input;
    if (format.empty) {
        if (run.isForkPullRequest)
            return { status: 'skipped', cause: 'fork-pull-request' };
        if (run.isDependabot)
            return { status: 'skipped', cause: 'dependabot' };
        return { status: 'missing', cause: 'missing-secret' };
    }
    // A key of unusual shape that the API (or a gateway at base-url) accepts is judged by that answer.
    const onlyShape = format.problems.every(problem => problem.cause === 'unknown-format');
    if (format.cause !== 'none' && !(onlyShape && live?.status === 'valid')) {
        return { status: 'malformed', cause: format.cause };
    }
    if (!settings.liveness || !live)
        return { status: 'unchecked', cause: 'none' };
    if (live.status !== 'valid')
        return { status: live.status, cause: live.cause, answer: live };
    const failing = (input.models ?? [])
        .map(model => model.classification)
        .filter(answer => answer.status !== 'valid');
    const model = failing.find(answer => answer.cause === 'model-not-accessible') ?? failing[0];
    if (model)
        return { status: model.status, cause: model.cause, answer: model };
    const billable = decisiveInference(input)[0];
    if (billable)
        return { status: billable.status, cause: billable.cause, answer: billable };
    return { status: 'valid', cause: 'none', answer: live };
}
/**
 * Inference answers that say something about the key: quota, billing, a model block, a missing scope, a dead
 * key. Anything else (a model that is no chat model, a parameter a server refuses) leaves the verdict alone.
 */
function decisiveInference(input) {
    return (input.inference ?? [])
        .map(model => model.classification)
        .filter(answer => DECISIVE_STATUSES.has(answer.status) && answer.cause !== 'endpoint-not-found');
}
const DECISIVE_STATUSES = new Set([
    'no-quota',
    'restricted',
    'invalid',
    'misconfigured'
]);
/** The provider whose words explain the verdict: the one that answered, else the one at `base-url`. */
function infoOf(input, verdict) {
    return causeInfoFor(verdict.cause, verdict.answer?.provider ?? input.provider);
}
/** The status once, the server's code when it adds something, and its message (already scrubbed and bounded). */
function serverSaid(answer) {
    return {
        httpStatus: answer.httpStatus ?? 0,
        ...(answer.apiCode ? { code: answer.apiCode } : {}),
        ...(answer.apiMessage ? { message: answer.apiMessage } : {})
    };
}
function headline(input, verdict) {
    const { format } = input;
    const info = infoOf(input, verdict);
    switch (verdict.status) {
        case 'valid': {
            const models = input.models && input.models.length > 0
                ? `, and can use ${input.models.map(model => model.id).join(', ')}`
                : '';
            return `The key is valid (${describeKeyType(format, input.provider)})${models}`;
        }
        case 'unchecked':
            if (verdict.answer)
                return `Could not be verified: the endpoint at \`base-url\` answers without checking the key`;
            return `Not checked live (${input.settings.liveness ? 'no live answer' : 'liveness is off'}); ${input.provider && input.provider !== 'openai' ? `the format suits ${PROVIDERS[input.provider].name}` : `the format is that of an OpenAI ${describeKeyType(format)}`}`;
        case 'malformed':
            if (format.problems.length > 0)
                return `${info.title}: the secret ${primaryProblem(format).detail}`;
            break;
        case 'missing':
            return input.run.inActions ? 'No key: the secret is empty' : `No key: ${LOCAL_UNSET}`;
        case 'skipped':
            return `Skipped: ${lowerFirst(info.title)}`;
    }
    // The status, code and message are the server-said line's; the attempts are a note; the cause code is the heading's.
    const model = verdict.cause === 'model-not-accessible' ? `: ${failingModelIds(input).join(', ')}` : '';
    return `${info.title}${model}`;
}
function explanation(input, verdict) {
    const { format, repo } = input;
    const info = infoOf(input, verdict);
    if (verdict.status === 'malformed' && format.problems.length > 0) {
        // The headline names the primary problem; the others are said here, once.
        const others = format.problems.filter(problem => problem !== primaryProblem(format));
        return others.length > 0
            ? `${info.explanation} The secret also ${joinDetails(others)}.`
            : info.explanation;
    }
    if (verdict.status === 'unchecked' && verdict.answer)
        return verdict.answer.detail;
    if (verdict.status === 'unchecked') {
        return input.settings.liveness
            ? 'The format is sound, but the key was not checked against the API.'
            : 'The format is sound. With `liveness: false` no request is made, so whether the API accepts the key is unknown.';
    }
    if (verdict.status === 'missing' && !input.run.inActions) {
        return `${LOCAL_UNSET} (or it is empty), so there is no key to check.`;
    }
    const detail = verdict.answer ? ` ${verdict.answer.detail}` : '';
    if (verdict.status === 'valid')
        return `The API at \`base-url\` accepted the key.${detail}`;
    // Only OpenAI revokes keys it finds published; an Azure or gateway key that leaked is not switched off.
    const leaked = revokedByOpenAI(input, verdict) ? committedEvidence(repo) : undefined;
    if (verdict.status === 'invalid' && leaked) {
        return `OpenAI's leak detection most likely revoked this key: it is committed at ${formatLocations(leaked)}, and OpenAI disables keys it finds published. ${info.explanation}${detail}`;
    }
    return `${info.explanation}${detail}`;
}
function fix(input, verdict) {
    const info = infoOf(input, verdict);
    const leaked = revokedByOpenAI(input, verdict) ? committedEvidence(input.repo) : undefined;
    if (verdict.status === 'invalid' && leaked) {
        return `Remove the key from ${formatLocations(leaked)} and keep the new one only in secrets; the old key stays in the git history, so revoke it if it still shows at https://platform.openai.com/api-keys. ${info.fix}`;
    }
    if (verdict.status === 'missing' && !input.run.inActions) {
        return ('Set it for this shell (`export OPENAI_API_KEY=...`) and run again. To only scan for committed keys, ' +
            'use `--staged` or `--range A..B`: they check the key only when OPENAI_API_KEY is set.');
    }
    if (verdict.status === 'unchecked' && verdict.answer) {
        return 'Check the key where the server does check it (for a local or relay server, through a route that needs the key), or set `provider` to the service behind `base-url` so this step asks an endpoint that authenticates (see docs/providers.md).';
    }
    if (verdict.status === 'unchecked') {
        return input.settings.liveness
            ? 'Nothing to fix in the format.'
            : 'Nothing to fix in the format. Leave `liveness` at its default (`true`) to check the key against the API; it costs no tokens.';
    }
    if (verdict.status === 'malformed' && input.cleanedLive && input.cleanedLive.status !== 'valid') {
        return `${info.fix} The key itself is also rejected ${withoutThem(input.format)} (${evidenceOf(input.cleanedLive)}): ${lowerFirst(causeInfoFor(input.cleanedLive.cause, input.cleanedLive.provider).fix)}`;
    }
    return info.fix;
}
function notes(input, verdict) {
    const { format, live, cleanedLive, settings, run } = input;
    const result = [];
    // The characters themselves are named in the headline and the cause; a note says only what the key does without them.
    if (format.cleaned !== undefined && fixableProblems(format).length > 0) {
        const without = withoutThem(format);
        if (cleanedLive?.status === 'valid')
            result.push(`${upperFirst(without)}, the key is live.`);
        // A key rejected without them is the fix's subject (it quotes the answer); not said again here.
        else if (!cleanedLive && !settings.liveness)
            result.push(`The cleaned key (${without}) was not checked live, because liveness is off.`);
    }
    if (verdict.status === 'valid' && format.cause === 'unknown-format') {
        result.push(`The key does not have an OpenAI key's shape (it ${primaryProblem(format).detail}), but the API at \`base-url\` accepted it: presumably a gateway's own key.`);
    }
    else if (verdict.status === 'malformed' && live) {
        result.push(`Sent as it is, the API answered: ${live.detail}`);
    }
    // Said by the verdict's own answer when the header is what the API complained about.
    if (settings.organization && !ORGANIZATION_CAUSES.has(verdict.cause))
        result.push('This step sent the OpenAI-Organization header from its `organization` input.');
    if (settings.project && verdict.cause !== 'project-mismatch')
        result.push('This step sent the OpenAI-Project header from its `project` input.');
    for (const name of run.influencingEnvVars) {
        const here = isProxyEnvVar(name) || name.toUpperCase() === 'NO_PROXY'
            ? " (this check's requests use it too)"
            : isOrganizationOrProjectEnvVar(name)
                ? ' (this check ignores it; set the `organization` / `project` input to reproduce it)'
                : '';
        result.push(`${name} is set in the environment${here}: ${describeEnvVar(name) ?? 'it changes what apps send'}.`);
    }
    result.push(...inferenceNotes(input, verdict));
    const retried = verdict.answer && verdict.answer.attempts > 1 ? verdict.answer : undefined;
    if (retried)
        result.push(`The API was asked ${retried.attempts} times, with backoff between attempts.`);
    return result;
}
/** What the inference check found, or that quota and billing were not checked and how to check them. */
function inferenceNotes(input, verdict) {
    const { settings } = input;
    const keyWorks = verdict.status === 'valid' || verdict.status === 'restricted' || verdict.status === 'no-quota';
    if (!settings.liveness || !keyWorks)
        return [];
    if (!settings.inferenceCheck) {
        if (verdict.status === 'no-quota')
            return [];
        return [
            'Quota and billing were not checked: the models list costs nothing and answers even when the organization has no credit, billing is off, the project blocks a model or the key lacks the `model.request` scope. To check them, set `inference-check: true` (CLI: `--inference-check`): one minimal request per required model, a fraction of a cent each.'
        ];
    }
    const asked = input.inference ?? [];
    if (asked.length === 0) {
        return [
            'The inference check was on, but no model could be named for it: list the models (or, on Azure, the deployments) your app uses in `required-models`.'
        ];
    }
    const decisive = new Set(decisiveInference(input));
    return asked.flatMap(model => {
        const answer = model.classification;
        if (answer.status === 'valid')
            return [
                `Inference check: \`${model.id}\` answered a minimal request, so quota and billing are in order.`
            ];
        if (decisive.has(answer))
            return [];
        return [`Inference check of \`${model.id}\` was inconclusive (${evidenceOf(answer)}): ${answer.detail}`];
    });
}
function fixableProblems(format) {
    return format.problems.filter(problem => problem.cause !== 'unknown-format');
}
/** "without it" for one character or wrapper, "without them" for more ("2 spaces", a pair of quotes). */
function withoutThem(format) {
    const fixable = fixableProblems(format);
    return fixable.length === 1 && (fixable[0].characters ?? 1) === 1 ? 'without it' : 'without them';
}
const ORGANIZATION_CAUSES = new Set(['organization-mismatch', 'unknown-organization']);
/** The verdict's request id; for a malformed secret, the one of the cleaned key's answer that the fix quotes. */
function requestIdOf(input, verdict) {
    if (verdict.answer)
        return verdict.answer.requestId;
    return verdict.status === 'malformed' ? input.cleanedLive?.requestId : undefined;
}
function modelChecks(input, verdict) {
    const probed = new Map((input.models ?? []).map(model => [model.id, model.classification]));
    for (const model of input.inference ?? []) {
        const known = probed.get(model.id);
        if (!known || known.status === 'valid')
            probed.set(model.id, model.classification);
    }
    return input.settings.requiredModels.map(id => {
        const answer = probed.get(id);
        if (!answer) {
            const provider = PROVIDERS[input.provider ?? 'openai'];
            const why = !input.settings.liveness
                ? 'liveness is off'
                : !['valid', 'unchecked', 'no-quota'].includes(verdict.status)
                    ? 'the key itself did not pass'
                    : !input.settings.inferenceCheck
                        ? `${provider.name} has no free model check; set \`inference-check: true\` to ask each model`
                        : 'no answer was recorded';
            return { id, accessible: undefined, detail: `not checked: ${why}` };
        }
        if (answer.status === 'valid')
            return { id, accessible: true, detail: 'accessible' };
        if (answer.cause === 'model-not-accessible') {
            return { id, accessible: false, detail: `not accessible to this key (${evidenceOf(answer)})` };
        }
        return { id, accessible: undefined, detail: `could not check: ${answer.detail}` };
    });
}
function failingModelIds(input) {
    return [...(input.models ?? []), ...(input.inference ?? [])]
        .filter(model => model.classification.cause === 'model-not-accessible')
        .map(model => model.id);
}
function primaryProblem(format) {
    return (format.problems.find(problem => problem.cause === format.cause) ?? {
        cause: 'unknown-format',
        detail: 'is malformed'
    });
}
/** "project key"; for a key without an OpenAI prefix at another provider, "Azure OpenAI key". */
function describeKeyType(format, provider = 'openai') {
    switch (format.keyType) {
        case 'project':
            return 'project key';
        case 'service-account':
            return 'service-account key';
        case 'admin':
            return 'admin key';
        case 'user':
            return 'user key';
        default:
            return provider === 'openai' ? 'key of unknown type' : `${PROVIDERS[provider].name} key`;
    }
}
function revokedByOpenAI(input, verdict) {
    return (verdict.answer?.provider ?? input.provider ?? 'openai') === 'openai';
}
function committedEvidence(repo) {
    return repo?.configuredKeyCommitted && repo.configuredKeyCommitted.length > 0
        ? repo.configuredKeyCommitted
        : undefined;
}
function lowerFirst(text) {
    return text.charAt(0).toLowerCase() + text.slice(1);
}
function upperFirst(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
function scrubDiagnosis(diagnosis, secrets) {
    const clean = (text) => scrub(text, secrets);
    return {
        ...diagnosis,
        headline: clean(diagnosis.headline),
        explanation: clean(diagnosis.explanation),
        fix: clean(diagnosis.fix),
        notes: diagnosis.notes.map(clean),
        checklist: diagnosis.checklist.map(item => ({ ...item, evidence: clean(item.evidence) })),
        models: diagnosis.models.map(model => ({ ...model, detail: clean(model.detail) })),
        ...(diagnosis.serverSaid?.message
            ? { serverSaid: { ...diagnosis.serverSaid, message: clean(diagnosis.serverSaid.message) } }
            : {})
    };
}

/**
 * Whether a found key still works, from the API's answer to `GET /models`: any answer that means the key
 * authenticated (valid, restricted scopes, no quota, a region or IP block after authentication) is live;
 * the answers that mean the key itself is dead are dead; anything undetermined is unknown.
 */
function leakLiveness(answer) {
    switch (answer.status) {
        case 'valid':
        case 'restricted':
        case 'no-quota':
            return 'live';
        case 'invalid':
            return 'dead';
        default:
            return 'unknown';
    }
}
/** Leaks the API can verify: OpenAI keys, and the workflow's own key (whatever its shape). */
function isVerifiableLeak(finding) {
    return providerOf(finding.detectorId) === 'openai';
}

/** design.md `fail-on`: which outcomes fail the step. `none` adds no condition; `skipped` never fails. */
function shouldFail(args) {
    const reasons = [];
    const add = (trigger, text) => {
        reasons.push({ trigger, text });
    };
    const { failOn, keyStatus } = args;
    if (failOn.has('key')) {
        if (KEY_REJECTED_STATUSES.has(keyStatus))
            add('key', `fail-on key: the key is ${keyStatus}`);
        else if (keyStatus === 'restricted' && args.requiredModelsSet) {
            add('key', 'fail-on key: the key is restricted and required-models is set');
        }
    }
    if (failOn.has('quota') && keyStatus === 'no-quota')
        add('quota', 'fail-on quota: the key has no quota or credit');
    if (failOn.has('unreachable') && keyStatus === 'unreachable') {
        add('unreachable', 'fail-on unreachable: the key could not be checked');
    }
    if (failOn.has('leak') && args.leaks > 0)
        add('leak', `fail-on leak: ${plural(args.leaks, 'committed key')} found`);
    if (failOn.has('leak') && args.unscanned?.range)
        add('unscanned', 'fail-on leak: part of the change could not be scanned for keys');
    if (failOn.has('leak') && (args.unscanned?.files ?? 0) > 0) {
        add('unscanned', `fail-on leak: ${plural(args.unscanned?.files ?? 0, 'file')} could not be scanned for keys`);
    }
    if (failOn.has('live-leak') && args.liveLeaks > 0) {
        add('live-leak', `fail-on live-leak: ${plural(args.liveLeaks, 'committed key')} verified live`);
    }
    return { fail: reasons.length > 0, reasons };
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A bad input value: the message names the input and its allowed values. */
class InputError extends Error {
}
const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Validation shared by the action and the CLI: `read` returns the raw string of an input, '' when unset. */
function parseSettings(read) {
    const text = (name) => read(name).trim();
    return {
        apiKey: read('api-key'),
        baseUrl: parseBaseUrl(text('base-url') || DEFAULT_BASE_URL),
        organization: text('organization'),
        project: text('project'),
        provider: parseChoice('provider', text('provider'), PROVIDER_CHOICES),
        authScheme: parseChoice('auth-scheme', text('auth-scheme'), AUTH_SCHEME_CHOICES),
        gatewayToken: read('gateway-token').trim(),
        gatewayHeader: parseHeaderName(text('gateway-header')),
        liveness: parseBoolean('liveness', text('liveness'), true),
        requiredModels: parseRequiredModels(read('required-models')),
        inferenceCheck: parseBoolean('inference-check', text('inference-check'), false),
        scan: parseScan(text('scan')),
        verifyLeaks: parseBoolean('verify-leaks', text('verify-leaks'), true),
        failOn: parseFailOn(text('fail-on')),
        sarifFile: text('sarif-file'),
        githubToken: text('github-token'),
        timeoutMs: parseTimeout(text('timeout'))
    };
}
function parseList(value) {
    return [
        ...new Set(value
            .split(/[,\n]/)
            .map(item => item.trim())
            .filter(Boolean))
    ];
}
function parseBoolean(name, value, fallback) {
    if (value === '')
        return fallback;
    if (/^(true|yes|on|1)$/i.test(value))
        return true;
    if (/^(false|no|off|0)$/i.test(value))
        return false;
    throw new InputError(`Input '${name}' must be true or false, got ${quote(value)}.`);
}
function parseChoice(name, value, choices) {
    if (value === '')
        return choices[0];
    const choice = value.toLowerCase();
    if (choices.includes(choice))
        return choice;
    throw new InputError(`Input '${name}' must be one of ${choices.join(', ')}; got ${quote(value)}.`);
}
/** An HTTP header name (RFC 9110 token), such as `cf-aig-authorization` or `Ocp-Apim-Subscription-Key`. */
function parseHeaderName(value) {
    if (value === '' || /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/.test(value))
        return value;
    throw new InputError(`Input 'gateway-header' must be an HTTP header name such as cf-aig-authorization; got ${quote(value)}.`);
}
function parseScan(value) {
    if (value === '')
        return 'changed';
    const mode = value.toLowerCase();
    if (SCAN_MODES.includes(mode))
        return mode;
    throw new InputError(`Input 'scan' must be one of ${SCAN_MODES.join(', ')}; got ${quote(value)}.`);
}
function parseFailOn(value) {
    const items = parseList(value === '' ? 'key,leak' : value.toLowerCase());
    const unknown = items.filter(item => !FAIL_ON_VALUES.includes(item));
    if (unknown.length > 0) {
        throw new InputError(`Input 'fail-on' accepts a comma separated list of ${FAIL_ON_VALUES.join(', ')}; ` +
            `unknown: ${unknown.map(quote).join(', ')}.`);
    }
    if (items.includes('none') && items.length > 1) {
        const conditions = FAIL_ON_VALUES.filter(item => item !== 'none').join(', ');
        throw new InputError(`Input 'fail-on' cannot combine 'none' with other values; use 'none' alone, or any of ${conditions}.`);
    }
    return new Set(items.filter(item => item !== 'none'));
}
function parseBaseUrl(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new InputError(`Input 'base-url' must be an http(s) URL such as ${DEFAULT_BASE_URL}; got ${quoteNonUrl(value)}.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new InputError(`Input 'base-url' must use https:// (or http:// for a local gateway); got ${quote(`${url.protocol}//${url.host}`)}.`);
    }
    if (url.username || url.password) {
        throw new InputError(`Input 'base-url' must not contain credentials; pass the key in 'api-key'.`);
    }
    return url.toString().replace(/\/+$/, '');
}
/** Each entry costs a request per run (and an inference request with `inference-check`). */
const MAX_REQUIRED_MODELS = 50;
/** A model id: provider ids such as `openai/gpt-4o` have segments; none may be empty, `.` or `..`. */
const MODEL_ID = /^[\w.:@+-]{1,128}(\/[\w.:@+-]{1,128}){0,4}$/;
function parseRequiredModels(value) {
    const models = parseList(value);
    if (models.length > MAX_REQUIRED_MODELS) {
        throw new InputError(`Input 'required-models' lists ${models.length} models; at most ${MAX_REQUIRED_MODELS} are checked per run.`);
    }
    for (const model of models) {
        if (!MODEL_ID.test(model) || model.split('/').some(segment => segment === '.' || segment === '..')) {
            throw new InputError(`Input 'required-models' has ${quote(model)}, which is not a model id (letters, digits and . _ - : @ +, segments separated by /, none of them . or ..).`);
        }
    }
    return models;
}
function parseTimeout(value) {
    if (value === '')
        return 10_000;
    const seconds = Number(value);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 300) {
        throw new InputError(`Input 'timeout' must be a number of seconds above 0 and at most 300; got ${quote(value)}.`);
    }
    return Math.round(seconds * 1000);
}
/** A host name with an optional port and path, such as `api.openai.com/v1`: a URL missing its scheme. */
const HOST_LIKE = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/[\w./-]*)?$/i;
/**
 * A `base-url` that is no URL: shown when it is a host name missing its scheme, else redacted whatever its length,
 * since it may be a key pasted into the wrong input.
 */
function quoteNonUrl(value) {
    const trimmed = value.trim();
    return trimmed.length <= 60 && HOST_LIKE.test(trimmed)
        ? JSON.stringify(trimmed)
        : `${JSON.stringify(redact(trimmed))} (redacted)`;
}
/** Looks like a key pasted into the wrong input: shown redacted, as every key is. */
const KEY_LIKE = /sk-[\w-]{6,}/g;
/** Longer values may be a secret pasted into the wrong input (a gateway key is no `sk-` key): shown redacted. */
const MAX_ECHOED_LENGTH = 24;
/** Input values are user data: show them on one line, and never a key or anything longer than a word in full. */
function quote(value) {
    const oneLine = value.replace(/[\r\n]+/g, ' ').trim();
    if (oneLine.length > MAX_ECHOED_LENGTH)
        return `${JSON.stringify(redact(oneLine))} (redacted)`;
    return JSON.stringify(oneLine.replace(KEY_LIKE, key => redact(key)));
}

/** `work` on every item, at most `limit` at a time; the results in the items' order. */
async function mapBounded(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        for (let index = next++; index < items.length; index = next++)
            results[index] = await work(items[index]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

/** Answers after which the key is known to authenticate, so models and the inference check are worth asking. */
const KEY_WORKS = new Set(['valid']);
/**
 * Offline format check first (for the provider at `base-url`); then, with liveness on, the provider's liveness
 * request for the raw key when it is sendable, or for its cleaned form when the raw secret is malformed but
 * fixable; then each required model where the provider can check one for free; then, only with
 * `inference-check`, one minimal billable request per required model (or the provider's default model).
 * Placeholders and keys that belong elsewhere are never sent.
 */
async function probeKey(settings, client, format = analyzeKeyFormat(settings.apiKey, detectProvider(settings.baseUrl, settings.provider))) {
    const probes = { format, models: [], inference: [] };
    if (!settings.liveness || !client || format.empty)
        return probes;
    const candidate = format.sendable ? settings.apiKey : sendableCleaned(format, client);
    if (candidate === undefined)
        return probes;
    const provider = client.provider;
    const context = {
        sentKey: candidate,
        organizationSent: settings.organization !== '',
        projectSent: settings.project !== '',
        auth: client.authFor(candidate),
        gatewayTokenSent: settings.gatewayToken !== '',
        ...(settings.gatewayHeader || provider.gatewayHeader
            ? { gatewayHeader: settings.gatewayHeader || provider.gatewayHeader?.name }
            : {})
    };
    const answer = classifyProbe(await client.probeModels(candidate), context, provider);
    probes.sentKey = candidate;
    if (format.sendable)
        probes.live = answer;
    else
        probes.cleanedLive = answer;
    if (!KEY_WORKS.has(answer.status))
        return probes;
    const outcomes = await mapBounded(settings.requiredModels, MODEL_CONCURRENCY, model => client.probeModel(candidate, model));
    settings.requiredModels.forEach((model, index) => {
        const outcome = outcomes[index];
        if (outcome)
            probes.models.push({
                id: model,
                classification: classifyProbe(outcome, { ...context, model }, provider)
            });
    });
    if (!settings.inferenceCheck)
        return probes;
    const asked = settings.requiredModels.length > 0 ? settings.requiredModels : [undefined];
    for (const model of asked) {
        if (probes.models.some(probe => probe.id === model && probe.classification.status !== 'valid'))
            continue;
        const result = await client.probeInference(candidate, model);
        if (!result)
            continue;
        probes.inference.push({
            id: result.model,
            classification: classifyProbe(result.outcome, { ...context, model: result.model, inference: true }, provider)
        });
    }
    return probes;
}
function sendableCleaned(format, client) {
    if (format.cleaned === undefined)
        return undefined;
    return analyzeKeyFormat(format.cleaned, client.provider).sendable ? format.cleaned : undefined;
}
/** `required-models` are probed this many at a time. */
const MODEL_CONCURRENCY = 4;

const CONCURRENCY = 4;
/**
 * At most this many found keys are probed per run: a change with thousands of fake keys must not turn the runner
 * into a key-checking service (thousands of requests, and a published verdict for each).
 */
const MAX_VERIFIED_KEYS = 200;
/**
 * Checks each distinct found OpenAI key live (GET /models, the key doctor's client and retry rules), at
 * most CONCURRENCY at a time and at most `maxProbes` keys (the first found, in report order), and sets `liveness`
 * on every finding of that key. `known` answers (the configured key, already probed) are reused instead of asked
 * again. Returns how many keys were left unchecked because of the cap.
 */
async function verifyLeaks(findings, client, known = new Map(), maxProbes = MAX_VERIFIED_KEYS) {
    const secrets = [...new Set(findings.filter(isVerifiableLeak).map(finding => finding.secret))];
    const verdicts = new Map();
    const verdictOf = (answer) => ({ liveness: leakLiveness(answer), cause: answer.cause });
    for (const [secret, answer] of known)
        verdicts.set(secret, verdictOf(answer));
    const unknown = secrets.filter(secret => !verdicts.has(secret));
    const pending = unknown.slice(0, maxProbes);
    await mapBounded(pending, CONCURRENCY, async (secret) => {
        const outcome = await client.probeModels(secret);
        const answer = classifyProbe(outcome, { sentKey: secret, organizationSent: false, projectSent: false }, client.provider);
        verdicts.set(secret, verdictOf(answer));
    });
    for (const finding of findings) {
        const verdict = verdicts.get(finding.secret);
        if (!verdict)
            continue;
        finding.liveness = verdict.liveness;
        if (verdict.liveness === 'unknown')
            finding.livenessCause = verdict.cause;
    }
    return { notProbed: unknown.length - pending.length };
}

/** The whole engine, shared by the action and the CLI: check the key, scan, verify, diagnose, decide. */
async function runDoctor(input) {
    const { settings, workspace } = input;
    const onPhase = input.onPhase ?? (() => undefined);
    input.protect(settings.apiKey);
    if (settings.gatewayToken)
        input.protect(settings.gatewayToken);
    const provider = detectProvider(settings.baseUrl, settings.provider);
    const gatewayCredential = gatewayCredentialFor(provider, settings.gatewayToken, settings.gatewayHeader);
    if (gatewayCredential === null) {
        throw new InputError(`Input 'gateway-token' is set, but ${provider.name} has no usual header for it: name the header with 'gateway-header'.`);
    }
    const format = analyzeKeyFormat(settings.apiKey, provider);
    if (format.cleaned !== undefined)
        input.protect(format.cleaned);
    const checkKey = !(input.scanOnly && format.empty);
    const clients = [];
    // Loaded on demand: an offline run (liveness: false) never pays for the HTTP stack.
    const newClient = async (forConfiguredKey) => {
        const { createOpenAIClient } = await import('./client-DATaPNgV.js');
        const client = createOpenAIClient({
            baseUrl: settings.baseUrl,
            timeoutMs: settings.timeoutMs,
            provider,
            ...(gatewayCredential ? { gatewayCredential } : {}),
            ...(forConfiguredKey
                ? { organization: settings.organization, project: settings.project, authScheme: settings.authScheme }
                : { authScheme: 'bearer' })
        });
        clients.push(client);
        return client;
    };
    try {
        onPhase({ step: checkKey ? 'checking-key' : 'scan-only' });
        const probes = checkKey
            ? await probeKey(settings, settings.liveness ? await newClient(true) : undefined, format)
            : undefined;
        let allowlist;
        let leakScan;
        const runNotes = [];
        if (input.source) {
            allowlist = await loadAllowlist(workspace);
            onPhase({ step: 'scanning' });
            leakScan = await findLeaks(input.source, {
                configuredKey: settings.apiKey === '' ? undefined : settings.apiKey,
                allowlist: allowlist.allowlist
            });
            if (leakScan.allowlistNote)
                allowlist.problems.push(leakScan.allowlistNote);
            input.protect([...new Set(leakScan.findings.map(finding => finding.secret))]);
            const verifiable = new Set(leakScan.findings.filter(isVerifiableLeak).map(finding => finding.secret));
            if (settings.verifyLeaks && settings.liveness && verifiable.size > 0 && input.run.isForkPullRequest) {
                // A fork's keys are the fork author's to test: probing them would make this workflow a key-checking oracle.
                runNotes.push(`${verifiable.size} found key(s) were not checked live: they come from a fork pull request, and checking them would let anyone use this workflow to test keys. Treat them as live.`);
            }
            else if (settings.verifyLeaks && settings.liveness && verifiable.size > 0) {
                const known = reusableAnswers(settings, probes);
                // Found OpenAI keys are only sent where OpenAI answers; elsewhere only the configured key's answer is reused.
                const checkable = provider.verifiesOpenAIKeys
                    ? leakScan.findings
                    : leakScan.findings.filter(finding => known.has(finding.secret));
                const unchecked = [...verifiable].filter(secret => !checkable.some(finding => finding.secret === secret));
                if (unchecked.length > 0) {
                    runNotes.push(`${unchecked.length} found key(s) were not checked live: \`base-url\` is ${provider.name}, which cannot tell whether an OpenAI key works. Treat them as live: revoke them at https://platform.openai.com/api-keys.`);
                }
                onPhase({ step: 'verifying', keys: Math.min(verifiable.size - unchecked.length, MAX_VERIFIED_KEYS) });
                const { notProbed } = await verifyLeaks(checkable, await newClient(false), known);
                if (notProbed > 0) {
                    runNotes.push(`${notProbed} more found key(s) were not checked live: at most ${MAX_VERIFIED_KEYS} are checked per run. Treat them as live.`);
                }
            }
        }
        const repoChecks = probes && needsExplaining(probes) ? await checkRepository(workspace) : undefined;
        const sweep = probes && isInvalid(probes) && leakScan?.coverage.mode !== 'history' && input.history
            ? await sweepHistoryForKey(input.history(), settings.apiKey, onPhase)
            : undefined;
        const scans = [leakScan, sweep].filter(scan => scan !== undefined);
        const repo = {
            ...(repoChecks ?? {}),
            ...(scans.length > 0
                ? {
                    configuredKeyCommitted: uniqueEvidence(scans.flatMap(scan => configuredKeyEvidence(scan.findings))),
                    checkedHistory: scans.some(scan => !scan.coverage.incomplete)
                }
                : {})
        };
        const diagnosis = probes
            ? diagnose({
                format,
                live: probes.live,
                cleanedLive: probes.cleanedLive,
                models: probes.models,
                inference: probes.inference,
                provider: provider.id,
                run: input.run,
                settings,
                repo
            })
            : undefined;
        const leaks = leakScan?.findings.length ?? 0;
        const liveLeaks = leakScan?.findings.filter(finding => finding.liveness === 'live').length ?? 0;
        const decision = shouldFail({
            failOn: settings.failOn,
            keyStatus: diagnosis && !(input.missingKeyNeverFails && diagnosis.keyStatus === 'missing')
                ? diagnosis.keyStatus
                : 'skipped',
            requiredModelsSet: settings.requiredModels.length > 0,
            leaks,
            liveLeaks,
            ...(leakScan
                ? {
                    unscanned: {
                        files: leakScan.coverage.skipped.filter(entry => entry.unscanned).length,
                        range: leakScan.coverage.incomplete
                    }
                }
                : {})
        });
        return {
            ...(diagnosis ? { diagnosis } : {}),
            ...(leakScan ? { leakScan } : {}),
            ...(allowlist ? { allowlist } : {}),
            repo,
            repoNotes: [...runNotes, ...(repoChecks?.notes ?? [])],
            leaks,
            liveLeaks,
            decision
        };
    }
    finally {
        await Promise.all(clients.map(client => client.close()));
    }
}
function isInvalid(probes) {
    return (probes.live ?? probes.cleanedLive)?.status === 'invalid';
}
/**
 * Revoked after a leak? Every commit of the history is searched for the configured key alone, in this process:
 * the key never reaches a command line, and the findings are not reported as leaks (only as evidence).
 */
async function sweepHistoryForKey(history, apiKey, onPhase) {
    if (apiKey.trim() === '')
        return undefined;
    onPhase({ step: 'searching-history' });
    return findLeaks(history, { configuredKey: apiKey, onlyConfiguredKey: true });
}
function uniqueEvidence(evidence) {
    const seen = new Set();
    return evidence.filter(item => {
        const identity = `${item.path}\0${item.line}\0${item.commit ?? ''}`;
        if (seen.has(identity))
            return false;
        seen.add(identity);
        return true;
    });
}
/** The repository checks explain why a key fails; a key that passed, or was not checked live, needs none. */
function needsExplaining(probes) {
    const answer = probes.live ?? probes.cleanedLive;
    if (probes.format.cause !== 'none' || probes.format.empty)
        return true;
    return answer !== undefined && answer.status !== 'valid';
}
async function checkRepository(workspace) {
    const { runRepoChecks } = await import('./repo-checks-f_w92tQL.js');
    return runRepoChecks(workspace);
}
/** The configured key's answer can stand for its leaked copies only when no organization/project header changed it. */
function reusableAnswers(settings, probes) {
    const answer = probes?.live ?? probes?.cleanedLive;
    if (!probes?.sentKey || !answer || settings.organization || settings.project)
        return new Map();
    return new Map([[probes.sentKey, answer]]);
}

/** Collects what a line source covered while it streams; `snapshot()` is final once the lines are consumed. */
class CoverageRecorder {
    mode;
    source;
    range;
    commits = 0;
    bytes = 0;
    incomplete = false;
    paths = new Set();
    distinctFiles = 0;
    skipped = [];
    skippedKeys = new Set();
    constructor(mode, source, range) {
        this.mode = mode;
        this.source = source;
        this.range = range;
    }
    /** A file seen, counted once however many commits touch it. */
    addFile(path) {
        this.paths.add(path);
    }
    /** A file a source sees only once (the tree scan): counted without keeping its path. */
    countFile() {
        this.distinctFiles++;
    }
    /** Record something not scanned; `incomplete` marks a gap in the requested range itself (not just one file). */
    skip(entry, incomplete = false) {
        if (incomplete)
            this.incomplete = true;
        const key = `${entry.what}\0${entry.reason}`;
        if (this.skippedKeys.has(key))
            return;
        this.skippedKeys.add(key);
        this.skipped.push(entry);
    }
    snapshot() {
        const coverage = {
            mode: this.mode,
            source: this.source,
            commits: this.commits,
            files: this.paths.size + this.distinctFiles,
            bytes: this.bytes,
            skipped: [...this.skipped],
            incomplete: this.incomplete
        };
        if (this.range !== undefined)
            coverage.range = this.range;
        return coverage;
    }
}

/**
 * Which commits a run must scan, decided from the event payload alone (pure, no I/O).
 *
 * Payload values are hostile: every SHA is checked against SHA_PATTERN and every branch name against a
 * conservative pattern before it can reach a git command line; anything else makes the plan say so.
 */
const SHA_PATTERN = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const ZERO_SHA_PATTERN = /^0+$/;
const OWNER_OR_REPO_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;
function isSha(value) {
    return typeof value === 'string' && SHA_PATTERN.test(value);
}
function shortSha(sha) {
    return sha.slice(0, 7);
}
/**
 * A branch name safe to put on a git command line: a strict subset of git's check-ref-format (ASCII letters,
 * digits, `._/-`, no `..`, `//`, `@{`, no leading `-`, `.` or `/`, no trailing `/`, `.` or `.lock`).
 */
function isSafeBranchName(value) {
    return (typeof value === 'string' &&
        value.length > 0 &&
        value.length <= 255 &&
        /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(value) &&
        !value.includes('..') &&
        !value.includes('//') &&
        !value.includes('/.') &&
        !value.endsWith('/') &&
        !value.endsWith('.') &&
        !value.endsWith('.lock'));
}
function planScanRange(event, scan) {
    const payload = event.payload;
    const trigger = String(event.name);
    const repository = repositoryOf(payload);
    const common = { trigger, repository };
    if (scan === 'all')
        return { kind: 'tree', ...common, label: `${trigger}: every tracked file at HEAD` };
    switch (trigger) {
        case 'pull_request':
        case 'pull_request_target':
            return planPullRequest(field(payload, 'pull_request'), common);
        case 'push':
            return planPush(payload, common);
        case 'merge_group':
            return planMergeGroup(field(payload, 'merge_group'), common);
        default:
            return planLastCommit(event.sha, common);
    }
}
function planPullRequest(pr, common) {
    const base = field(field(pr, 'base'), 'sha');
    const head = field(field(pr, 'head'), 'sha');
    const number = field(pr, 'number');
    if (!isSha(base) || !isSha(head)) {
        return unplannable(common, 'the event payload has no valid pull_request.base.sha / head.sha');
    }
    const pullNumber = isPositiveInteger(number) ? number : undefined;
    const pr_ = pullNumber === undefined ? '' : ` #${pullNumber}`;
    return {
        kind: 'range',
        ...common,
        label: `${common.trigger}${pr_} ${shortSha(base)}..${shortSha(head)}`,
        base,
        head,
        pullNumber,
        expectedCommits: countHint(field(pr, 'commits')),
        forced: false
    };
}
function planPush(payload, common) {
    const ref = field(payload, 'ref');
    const refLabel = typeof ref === 'string' && isSafeBranchName(ref) ? ` ${ref}` : '';
    if (field(payload, 'deleted') === true) {
        return {
            kind: 'nothing',
            ...common,
            label: `push${refLabel}: deletion`,
            reason: 'the push deleted a branch or tag, so it added no lines'
        };
    }
    const before = field(payload, 'before');
    const after = field(payload, 'after');
    if (!isSha(after))
        return unplannable(common, 'the push event payload has no valid `after` SHA');
    const commits = field(payload, 'commits');
    const expectedCommits = Array.isArray(commits) ? commits.length : undefined;
    const defaultBranch = field(field(payload, 'repository'), 'default_branch');
    const safeDefault = isSafeBranchName(defaultBranch) ? defaultBranch : undefined;
    if (typeof before === 'string' && ZERO_SHA_PATTERN.test(before)) {
        const createsDefault = safeDefault === undefined || ref === `refs/heads/${safeDefault}`;
        return {
            kind: 'new-branch',
            ...common,
            label: createsDefault
                ? `push${refLabel} (first push): every commit of ${shortSha(after)}`
                : `push${refLabel} (new branch): ${safeDefault}..${shortSha(after)}`,
            head: after,
            defaultBranch: createsDefault ? undefined : safeDefault,
            expectedCommits
        };
    }
    if (!isSha(before))
        return unplannable(common, 'the push event payload has no valid `before` SHA');
    if (before === after) {
        return {
            kind: 'last-commit',
            ...common,
            label: `push${refLabel}: last commit ${shortSha(after)}`,
            head: after
        };
    }
    const forced = field(payload, 'forced') === true;
    return {
        kind: 'range',
        ...common,
        label: `push${refLabel}${forced ? ' (forced)' : ''} ${shortSha(before)}..${shortSha(after)}`,
        base: before,
        head: after,
        expectedCommits,
        forced,
        fallbackBranch: safeDefault
    };
}
function planMergeGroup(group, common) {
    const base = field(group, 'base_sha');
    const head = field(group, 'head_sha');
    if (!isSha(base) || !isSha(head)) {
        return unplannable(common, 'the event payload has no valid merge_group.base_sha / head_sha');
    }
    return {
        kind: 'range',
        ...common,
        label: `merge_group ${shortSha(base)}..${shortSha(head)}`,
        base,
        head,
        forced: false
    };
}
function planLastCommit(sha, common) {
    const head = isSha(sha) ? sha : undefined;
    return {
        kind: 'last-commit',
        ...common,
        label: `${common.trigger}: last commit ${head ? shortSha(head) : 'HEAD'}`,
        head
    };
}
function unplannable(common, reason) {
    return {
        kind: 'unplannable',
        ...common,
        label: `${common.trigger}: range unknown`,
        reason,
        fix: 'run the action on a genuine GitHub event, or use `scan: all` to scan the whole tree'
    };
}
function repositoryOf(payload) {
    const fullName = field(field(payload, 'repository'), 'full_name');
    if (typeof fullName !== 'string')
        return undefined;
    const [owner, repo, extra] = fullName.split('/');
    if (extra !== undefined ||
        !OWNER_OR_REPO_PATTERN.test(owner ?? '') ||
        !OWNER_OR_REPO_PATTERN.test(repo ?? '')) {
        return undefined;
    }
    return { owner, repo };
}
function field(value, name) {
    return typeof value === 'object' && value !== null ? value[name] : undefined;
}
function isPositiveInteger(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
function countHint(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** Unified-diff `patch` text from the GitHub REST API to the lines it adds (pure). */
const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;
function addedLinesFromPatch(patch, path, commit, maxLineBytes) {
    const lines = [];
    let next;
    for (const raw of patch.split('\n')) {
        const hunk = HUNK_HEADER.exec(raw);
        if (hunk) {
            next = Number(hunk[1]);
            continue;
        }
        if (next === undefined)
            continue;
        const kind = raw[0];
        if (kind === ' ')
            next++;
        if (kind !== '+')
            continue;
        const text = raw.endsWith('\r') ? raw.slice(1, -1) : raw.slice(1);
        for (const window of windowString(text, maxLineBytes)) {
            const line = { path, line: next, text: window.text, commit };
            if (window.columnOffset !== undefined)
                line.columnOffset = window.columnOffset;
            lines.push(line);
        }
        next++;
    }
    return lines;
}

/**
 * The GitHub REST API as a source of added lines, for when local git cannot get the range: lists the commits
 * (a pull request's, or a compare's), then each commit's files and patches. Every failure ends as a skipped
 * entry with a reason and a fix in the coverage, never as an exception, an unhandled rejection or a hang.
 *
 * `@actions/github` is imported only when this path runs: loading Octokit costs start-up time.
 */
/** GitHub's caps: a pull request's commit list, a compare's commit list, a commit's file list. */
const PULL_COMMITS_CAP = 250;
const COMPARE_COMMITS_CAP = 250;
const COMMIT_FILES_CAP = 3000;
const PER_PAGE = 100;
const PREFETCH = 4;
/** A request that failed for good, in words a user can act on. */
class RestFailure extends Error {
    fix;
    constructor(message, fix) {
        super(message);
        this.fix = fix;
        this.name = 'RestFailure';
    }
}
/** Streams the range's added lines into the caller's coverage (which this sets to "GitHub REST API"). */
async function* restAddedLines(range, options, coverage, label) {
    coverage.source = 'GitHub REST API';
    let client;
    let shas;
    try {
        client = await RestClient.create(options);
        shas = await listCommits(client, range, coverage, label);
    }
    catch (error) {
        coverage.skip(failureEntry(`${label} (GitHub REST API)`, error), true);
        return;
    }
    const pending = shas.slice(0, PREFETCH).map(sha => fetchCommit(client, sha));
    for (let index = 0; index < shas.length; index++) {
        const next = shas[index + PREFETCH];
        if (next !== undefined)
            pending.push(fetchCommit(client, next));
        const result = await pending[index];
        delete pending[index];
        const sha = shas[index];
        if ('error' in result) {
            coverage.skip(failureEntry(`commit ${shortSha(sha)}`, result.error), true);
            continue;
        }
        if (result.parents > 1) {
            coverage.skip({
                what: `merge commit ${shortSha(sha)}`,
                reason: 'merge commits are not read through the REST API (their diff repeats the merged branch)',
                fix: 'let the action fetch the history with git to check conflict resolutions too'
            });
            continue;
        }
        coverage.commits++;
        if (result.capped) {
            coverage.skip({
                what: `commit ${shortSha(sha)}`,
                reason: `changes more than ${COMMIT_FILES_CAP} files; the GitHub API lists no more`,
                fix: 'let the action fetch the history with git (keep `persist-credentials`, or `fetch-depth: 0`)'
            }, true);
        }
        for (const file of result.files) {
            if (file.status === 'removed')
                continue;
            if (typeof file.patch !== 'string') {
                const pureRename = file.status === 'renamed' && !file.additions;
                if (!pureRename) {
                    coverage.skip({ what: file.filename, reason: 'no patch from the GitHub API (binary or too large)' });
                }
                continue;
            }
            coverage.addFile(file.filename);
            coverage.bytes += Buffer.byteLength(file.patch);
            yield* addedLinesFromPatch(file.patch, file.filename, sha, options.maxLineBytes);
        }
    }
}
async function fetchCommit(client, sha) {
    try {
        const files = [];
        let parents = 0;
        let first = true;
        for await (const page of client.pages(`/commits/${sha}`)) {
            const data = page;
            if (first)
                parents = Array.isArray(data.parents) ? data.parents.length : 0;
            first = false;
            for (const file of data.files ?? []) {
                if (isApiFile(file))
                    files.push(file);
            }
            if (files.length >= COMMIT_FILES_CAP)
                break;
        }
        return { parents, files, capped: files.length >= COMMIT_FILES_CAP };
    }
    catch (error) {
        return { error };
    }
}
async function listCommits(client, range, coverage, label) {
    if (range.kind === 'commit')
        return [range.sha];
    const shas = [];
    let total;
    const path = range.kind === 'pull'
        ? `/pulls/${range.pullNumber}/commits`
        : `/compare/${encodeURIComponent(range.base)}...${encodeURIComponent(range.head)}`;
    const cap = range.kind === 'pull' ? PULL_COMMITS_CAP : COMPARE_COMMITS_CAP;
    for await (const page of client.pages(path)) {
        const commits = range.kind === 'pull' ? page : page.commits;
        if (range.kind === 'compare')
            total ??= numberField(page, 'total_commits');
        for (const commit of Array.isArray(commits) ? commits : []) {
            const sha = commit.sha;
            if (isSha(sha) && shas.length < cap)
                shas.push(sha);
        }
        if (shas.length >= cap)
            break;
    }
    if (range.kind === 'pull')
        total = range.expectedCommits;
    const unlisted = total !== undefined ? total - shas.length : 0;
    if (unlisted > 0 || (total === undefined && shas.length >= cap)) {
        coverage.skip({
            what: label,
            reason: `the GitHub API lists at most ${cap} commits` +
                (unlisted > 0
                    ? `; ${unlisted === 1 ? '1 later commit was' : `${unlisted} later commits were`} not scanned`
                    : '; later commits may be missing'),
            fix: 'let the action fetch the history with git (keep `persist-credentials`), or add `fetch-depth: 0` to actions/checkout'
        }, true);
    }
    return shas;
}
class RestClient {
    octokit;
    options;
    constructor(octokit, options) {
        this.octokit = octokit;
        this.options = options;
    }
    static async create(options) {
        const { getOctokit } = await import('./github-COIHWwxA.js');
        const octokit = getOctokit(options.token, { baseUrl: options.apiUrl.replace(/\/+$/, '') });
        return new RestClient(octokit, options);
    }
    /** GET `/repos/{owner}/{repo}{path}` page by page (per_page=100), following the `Link: rel="next"` header. */
    async *pages(path) {
        const { owner, repo } = this.options.repository;
        const base = this.options.apiUrl.replace(/\/+$/, '');
        let url = `${base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}${path}?per_page=${PER_PAGE}`;
        while (url !== undefined) {
            const response = await this.get(url);
            yield response.data;
            url = nextLink(response.headers.link);
            // Never send the token anywhere but the API it was meant for.
            if (url !== undefined && !url.startsWith(`${base}/`)) {
                throw new RestFailure('the GitHub API pointed the next page outside GITHUB_API_URL', 'check GITHUB_API_URL');
            }
        }
    }
    async get(url) {
        const retries = this.options.retries ?? 2;
        const delay = this.options.retryDelayMs ?? 1000;
        for (let attempt = 0;; attempt++) {
            try {
                return await this.octokit.request(`GET ${url}`, {
                    request: { signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000) }
                });
            }
            catch (error) {
                const status = statusOf(error);
                const retryable = status === undefined || status >= 500;
                if (!retryable || attempt >= retries)
                    throw describeFailure(error, attempt + 1);
                const wait = retryAfterMs(error) ?? delay * 2 ** attempt;
                this.options.log?.(`GitHub API request failed (${status ?? 'network error'}); retrying in ${wait} ms`);
                await new Promise(resolve => setTimeout(resolve, wait));
            }
        }
    }
}
function nextLink(header) {
    if (typeof header !== 'string')
        return undefined;
    return /<([^>]+)>;\s*rel="next"/.exec(header)?.[1];
}
function statusOf(error) {
    const status = error.status;
    // Octokit reports network failures and timeouts as status 500 with no response.
    if (typeof status !== 'number' || (status === 500 && !responseOf(error)))
        return undefined;
    return status;
}
function responseOf(error) {
    return error.response;
}
function headerOf(error, name) {
    const value = responseOf(error)?.headers?.[name];
    return value === undefined ? undefined : String(value);
}
function retryAfterMs(error) {
    const seconds = Number(headerOf(error, 'retry-after'));
    return Number.isFinite(seconds) && seconds > 0 && seconds <= 60 ? seconds * 1000 : undefined;
}
const PERMISSIONS_FIX = 'give the job `permissions: contents: read` and `pull-requests: read`';
function describeFailure(error, attempts) {
    const status = statusOf(error);
    const apiMessage = String(responseOf(error)?.data?.message ?? '');
    if (status === undefined) {
        const cause = error instanceof Error ? error.message : String(error);
        return new RestFailure(`could not reach the GitHub API after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}: ${cause}`, 'check GITHUB_API_URL and the network');
    }
    if ((status === 403 || status === 429) &&
        (headerOf(error, 'x-ratelimit-remaining') === '0' || status === 429)) {
        const reset = Number(headerOf(error, 'x-ratelimit-reset'));
        const when = Number.isFinite(reset) && reset > 0 ? ` (resets at ${new Date(reset * 1000).toISOString()})` : '';
        return new RestFailure(`GitHub API rate limit exhausted${when}`, 'wait for the reset, or let the action use git (keep `persist-credentials` on actions/checkout)');
    }
    if (status === 403 && /resource not accessible by integration/i.test(apiMessage)) {
        return new RestFailure('the token may not read this (403 Resource not accessible by integration)', PERMISSIONS_FIX);
    }
    if (status === 401)
        return new RestFailure('the GitHub token was rejected (401)', 'check the `github-token` input');
    if (status === 404) {
        return new RestFailure('not found (404): the repository, pull request or commit is not visible to this token', `check the \`github-token\` input; ${PERMISSIONS_FIX}`);
    }
    if (status >= 500) {
        return new RestFailure(`GitHub API error ${status} after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}`, 'run the job again later');
    }
    return new RestFailure(`GitHub API error ${status}${apiMessage ? `: ${apiMessage}` : ''}`, PERMISSIONS_FIX);
}
function failureEntry(what, error) {
    if (error instanceof RestFailure)
        return { what, reason: error.message, fix: error.fix };
    return { what, reason: error instanceof Error ? error.message : String(error) };
}
function isApiFile(value) {
    return typeof value === 'object' && value !== null && typeof value.filename === 'string';
}
function numberField(value, name) {
    const field = value?.[name];
    return typeof field === 'number' ? field : undefined;
}

/**
 * Makes sure the local repository holds every commit of a range, fetching only what is missing.
 *
 * Works on the default `actions/checkout` (depth 1, credentials persisted): missing tips are fetched by SHA
 * with a depth from the event's commit count, then history is deepened (`--deepen`, doubling) until no commit
 * of the range sits on a shallow boundary, and `--unshallow` is the last resort. A shallow boundary inside the
 * range would make git diff that commit against nothing and report its whole tree as added, so the range is
 * only "complete" when none of its commits is shallow.
 */
const DEEPEN_ROUNDS = 6;
const MIN_FIRST_DEPTH = 50;
const DEPTH_MARGIN = 10;
const KNOWN_COMMITS_CAP = 200_000;
const FETCH_FIX = 'keep `persist-credentials` (the default) on actions/checkout so the action can fetch the missing commits, ' +
    'or add `fetch-depth: 0` to actions/checkout';
async function ensureHistory(need, options) {
    const git = (args, extra = {}) => runGit(args, { cwd: options.cwd, timeoutMs: options.timeoutMs, ...extra });
    const missing = await missingCommits([...need.include, ...need.exclude], git);
    let shallow = await shallowCommits(options.cwd, git);
    if (missing.size === 0 && !(await incomplete(need, shallow, options)))
        return { ok: true, fetched: false };
    if (!options.fetch) {
        const what = missing.size > 0 ? `commit ${[...missing].map(shortSha).join(', ')} is not` : 'the full history is not';
        return {
            ok: false,
            missingBase: need.exclude.some(sha => missing.has(sha)) && need.include.every(sha => !missing.has(sha)),
            reason: `${what} in the local clone and fetching is disabled`,
            fix: 'fetch the history first (e.g. `git fetch --unshallow`), or add `fetch-depth: 0` to actions/checkout'
        };
    }
    const knownBefore = await knownCommits(git);
    const depth = need.single ? 2 : Math.max(MIN_FIRST_DEPTH, (need.depthHint ?? 0) + DEPTH_MARGIN);
    const depthArgs = shallow.size > 0 ? [`--depth=${depth}`] : [];
    const fetchTips = async (tips, flags) => tips.length === 0 ? undefined : fetchFromOrigin(flags, tips, options);
    // A tip that is itself a shallow boundary (depth 1) can only get deeper from `--depth`; deeper tips are left
    // alone, since `--depth` could also shorten history another step relies on.
    const wanted = (tips) => tips.filter(sha => missing.has(sha) || shallow.has(sha));
    const [wantedInclude, wantedExclude] = [wanted(need.include), wanted(need.exclude)];
    if (wantedInclude.length + wantedExclude.length > 0) {
        // The tips asked for, not the commits that come with them: the summary counts those once fetched.
        const tips = wantedInclude.length + wantedExclude.length;
        options.log(`Fetching the history behind ${tips === 1 ? '1 tip' : `${tips} tips`} (depth ${depth})`);
    }
    // One round trip for all tips; when that fails (a base may be gone), one per side to tell which.
    const together = await fetchTips([...wantedInclude, ...wantedExclude], depthArgs);
    if (together && wantedInclude.length > 0) {
        let failure = await fetchTips(wantedInclude, depthArgs);
        if (failure && need.pullNumber !== undefined) {
            failure = await fetchTips([`refs/pull/${need.pullNumber}/head`], depthArgs);
        }
        if ((await missingCommits(wantedInclude, git)).size > 0) {
            return {
                ok: false,
                missingBase: false,
                reason: fetchFailure('the head commit', failure),
                fix: FETCH_FIX
            };
        }
    }
    if (together && wantedExclude.length > 0) {
        const failure = await fetchTips(wantedExclude, depthArgs);
        if ((await missingCommits(wantedExclude, git)).size > 0) {
            return {
                ok: false,
                missingBase: true,
                reason: fetchFailure('the base commit', failure),
                fix: FETCH_FIX
            };
        }
    }
    shallow = await shallowCommits(options.cwd, git);
    let step = need.single ? 1 : depth;
    for (let round = 0; await incomplete(need, shallow, options); round++) {
        // With nothing to exclude (a first push) the whole history is the range: no point in deepening by steps.
        const unshallow = round >= DEEPEN_ROUNDS || (need.exclude.length === 0 && !need.single);
        options.log(unshallow ? 'Fetching the full history (--unshallow)' : `Deepening history by ${step} commits`);
        const failure = await fetchTips([...need.include, ...need.exclude], unshallow ? ['--unshallow'] : [`--deepen=${step}`]);
        const before = shallow;
        shallow = await shallowCommits(options.cwd, git);
        if (failure || unshallow || sameSet(before, shallow)) {
            if (!(await incomplete(need, shallow, options)))
                break;
            return {
                ok: false,
                missingBase: false,
                reason: fetchFailure('enough history to reach the base of the range', failure),
                fix: FETCH_FIX
            };
        }
        step *= 2;
    }
    return { ok: true, fetched: true, knownBefore };
}
/** The SHAs among `shas` that are not commits in the local object store. */
async function missingCommits(shas, git) {
    if (shas.length === 0)
        return new Set();
    const { stdout } = await git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
        input: shas.map(sha => `${sha}\n`).join('')
    });
    const present = new Set(stdout
        .split('\n')
        .filter(line => line.endsWith(' commit'))
        .map(line => line.split(' ')[0]));
    return new Set(shas.filter(sha => !present.has(sha)));
}
/** The repository's shallow boundary commits (empty for a complete clone). */
async function shallowCommits(cwd, git) {
    const { stdout } = await git(['rev-parse', '--git-path', 'shallow']);
    const file = path.resolve(cwd, stdout.trim());
    try {
        return new Set((await readFile(file, 'utf8')).split('\n').filter(line => line !== ''));
    }
    catch {
        return new Set();
    }
}
/**
 * True when the local graph cannot show the whole range: a commit of it is a shallow boundary (its parents
 * are missing), or a root commit shows up in a range with a base while history is still shallow (the base's
 * own history may be cut above it, so git cannot tell it is an ancestor of the base).
 */
async function incomplete(need, shallow, options) {
    if (shallow.size === 0)
        return false;
    if (need.single)
        return need.include.some(sha => shallow.has(sha));
    const stream = streamGit([
        'rev-list',
        '--parents',
        '--end-of-options',
        ...need.include,
        ...need.exclude.map(sha => `^${sha}`),
        '--'
    ], { cwd: options.cwd, timeoutMs: options.timeoutMs });
    let found = false;
    for await (const segment of splitLines(stream.stdout, 4096)) {
        const [sha, ...parents] = segment.bytes.toString('latin1').split(' ');
        if (shallow.has(sha) || (parents.length === 0 && need.exclude.length > 0)) {
            found = true;
            stream.kill();
            break;
        }
    }
    if (!found)
        await stream.finished;
    return found;
}
async function knownCommits(git) {
    try {
        const { stdout } = await git(['rev-list', `--max-count=${KNOWN_COMMITS_CAP + 1}`, '--all']);
        const commits = stdout.split('\n').filter(line => line !== '');
        return commits.length > KNOWN_COMMITS_CAP ? undefined : new Set(commits);
    }
    catch {
        return new Set();
    }
}
/** `git fetch origin <tips>` without tags or submodules; returns the error of the last attempt, if any. */
async function fetchFromOrigin(flags, tips, options) {
    const args = [
        'fetch',
        '--no-tags',
        '--no-recurse-submodules',
        '--quiet',
        ...flags,
        'origin',
        '--end-of-options',
        ...tips
    ];
    const result = await againstOrigin(args, options);
    return result instanceof GitError ? result : undefined;
}
/**
 * The tip of `branch` (already checked by isSafeBranchName): the local remote-tracking ref, else asked from
 * origin. 'absent' when origin has no such branch; undefined when it could not be found out.
 */
async function remoteBranchTip(branch, options) {
    const local = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/remotes/origin/${branch}^{commit}`], { cwd: options.cwd, timeoutMs: options.timeoutMs, okExitCodes: [0, 1] });
    const localTip = local.stdout.trim();
    if (isSha(localTip))
        return localTip;
    if (!options.fetch)
        return undefined;
    const remote = await againstOrigin(['ls-remote', 'origin', `refs/heads/${branch}`], options);
    if (remote instanceof GitError)
        return undefined;
    for (const line of remote.stdout.split('\n')) {
        const [sha, ref] = line.split('\t');
        if (ref === `refs/heads/${branch}` && isSha(sha))
            return sha;
    }
    return 'absent';
}
/**
 * Run a command that talks to origin. If it fails and a token is at hand, retry once with the token as an
 * HTTP header passed through the environment (never the command line, which `ps` shows): actions/checkout
 * with `persist-credentials: false` leaves no credentials behind. The header is scoped to the GitHub server,
 * as actions/checkout scopes it, so an origin elsewhere never receives the token.
 */
async function againstOrigin(args, options) {
    const attempt = async (env) => {
        try {
            return await runGit(args, { cwd: options.cwd, timeoutMs: options.fetchTimeoutMs, env });
        }
        catch (error) {
            if (error instanceof GitError)
                return error;
            throw error;
        }
    };
    const first = await attempt();
    if (!(first instanceof GitError) || !options.token || first.kind === 'timeout')
        return first;
    const basic = Buffer.from(`x-access-token:${options.token}`).toString('base64');
    return attempt({
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: `http.${(options.serverUrl || 'https://github.com').replace(/\/+$/, '')}/.extraheader`,
        GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`
    });
}
function fetchFailure(what, failure) {
    const cause = failure ? `: ${failure.message}` : '';
    return `git could not fetch ${what} from origin${cause}`;
}
function sameSet(a, b) {
    return a.size === b.size && [...a].every(item => b.has(item));
}

/** `--format` of the commit marker line: a NUL cannot start any patch line. */
const COMMIT_MARKER_FORMAT = '%x00okd-commit %H';
const COMMIT_MARKER = '\0okd-commit ';
const GITLINK_MODE$1 = '160000';
/** Without commit markers (`git diff`), lines carry no commit. */
async function* parsePatch(segments) {
    let commit;
    let section;
    let nextLine = 0;
    /** What the current (possibly windowed) line is: an added or removed line at `currentLine`, or neither. */
    let current;
    let currentLine = 0;
    for await (const segment of segments) {
        if (segment.offset > 0) {
            if (current && section)
                yield added(section, segment, currentLine, commit, current);
            continue;
        }
        current = undefined;
        const first = segment.bytes[0];
        if (first === 0) {
            const marker = segment.bytes.toString('latin1');
            if (marker.startsWith(COMMIT_MARKER)) {
                const sha = marker.slice(COMMIT_MARKER.length).trim();
                commit = sha;
                section = undefined;
                yield { type: 'commit', sha };
            }
            continue;
        }
        if (section?.inHunks && (first === 0x2b || first === 0x2d || first === 0x20)) {
            const prefix = segment.bytes.subarray(0, section.columns).toString('latin1');
            if (prefix.includes('-')) {
                // Removed lines of a plain diff only: a combined diff's are removed from one parent, not from the result.
                if (section.columns === 1 && !section.gitlink) {
                    current = 'removed';
                    yield added(section, segment, 0, commit, current);
                }
                continue;
            }
            currentLine = nextLine++;
            if (!section.gitlink && /^\++$/.test(prefix) && prefix.length === section.columns) {
                current = 'added';
                yield added(section, segment, currentLine, commit, current);
            }
            continue;
        }
        const header = segment.bytes.toString('latin1');
        if (header.startsWith('diff --git ')) {
            section = newSection$1(symmetricPath(header.slice('diff --git '.length)));
        }
        else if (header.startsWith('diff --cc ') || header.startsWith('diff --combined ')) {
            const rest = header.slice(header.indexOf(' ', 'diff --'.length) + 1);
            section = newSection$1(pathToken(rest));
        }
        else if (!section) {
            continue;
        }
        else if (header.startsWith('@@')) {
            const hunk = parseHunkHeader(header);
            if (!hunk)
                continue;
            if (!section.inHunks && section.path !== undefined && !section.gitlink && !section.deleted) {
                yield { type: 'file', path: section.path };
            }
            if (!section.inHunks && section.gitlink && section.path !== undefined && !section.deleted) {
                yield { type: 'submodule', path: section.path };
            }
            section.inHunks = true;
            section.columns = hunk.columns;
            section.decoder = new SegmentDecoder(hunk.columns);
            nextLine = hunk.newStart;
        }
        else if (section.inHunks) {
            continue;
        }
        else if (header.startsWith('rename to ') || header.startsWith('copy to ')) {
            section.path = pathToken(header.slice(header.indexOf(' to ') + 4));
        }
        else if (header.startsWith('+++ ')) {
            const target = header.slice(4);
            if (target.replace(/\t$/, '') === '/dev/null')
                section.deleted = true;
            else
                section.path = withoutPrefix(pathToken(target), 'b/');
        }
        else if (header.startsWith('deleted file mode ')) {
            section.deleted = true;
        }
        else if (header.startsWith('index ')) {
            if (/^index [0-9a-f,]+\.\.[0-9a-f]+ (\d+)/.exec(header)?.[1] === GITLINK_MODE$1)
                section.gitlink = true;
        }
        else if (/^(new file mode|new mode|mode) /.test(header) && header.trimEnd().endsWith(GITLINK_MODE$1)) {
            section.gitlink = true;
        }
    }
}
/** An added line, or a removed one (`role: 'removed'`, line 0: only its text and commit matter). */
function added(section, segment, line, commit, kind) {
    const { text, columnOffset } = section.decoder.decode(segment);
    const addedLine = { path: section.path ?? '', line, text };
    if (commit !== undefined)
        addedLine.commit = commit;
    if (kind === 'removed')
        addedLine.role = 'removed';
    if (columnOffset !== undefined)
        addedLine.columnOffset = columnOffset;
    const bytes = segment.final ? segment.bytes.length : segment.advance;
    return { type: 'line', line: addedLine, bytes: segment.offset === 0 ? bytes - section.columns : bytes };
}
function newSection$1(path) {
    return {
        columns: 1,
        path,
        deleted: false,
        gitlink: false,
        inHunks: false,
        decoder: new SegmentDecoder(1)
    };
}
/** `@@ -a,b +c,d @@` or combined `@@@ -a,b -c,d +e,f @@@`: the new-side start and the prefix width. */
function parseHunkHeader(header) {
    const match = /^(@{2,}) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? \1/.exec(header);
    if (!match)
        return undefined;
    return { newStart: Number(match[2]), columns: match[1].length - 1 };
}
/**
 * `diff --git a/P b/P` names the file unambiguously only when both sides are equal (no rename); renames and
 * copies are named by their `rename to` / `copy to` line, and `+++ b/P` confirms whenever there are hunks.
 */
function symmetricPath(rest) {
    if (rest.startsWith('"')) {
        const first = unquote(rest);
        if (!first || !rest.startsWith(' ', first.end))
            return undefined;
        return withoutPrefix(pathToken(rest.slice(first.end + 1)), 'b/');
    }
    const half = (rest.length - 1) / 2;
    if (!Number.isInteger(half))
        return undefined;
    const left = rest.slice(0, half);
    const right = rest.slice(half + 1);
    if (rest[half] !== ' ' ||
        !left.startsWith('a/') ||
        !right.startsWith('b/') ||
        left.slice(2) !== right.slice(2)) {
        return undefined;
    }
    return toPath(right.slice(2));
}
/** A path as git prints it: C-quoted (`"…"`) when it holds control characters, `"` or `\`; else raw. */
function pathToken(token) {
    if (token.startsWith('"')) {
        const quoted = unquote(token);
        if (quoted)
            return toPath(quoted.value);
    }
    // git appends a tab to unquoted ---/+++ names that contain a space; a real trailing tab would be quoted.
    return toPath(token.replace(/\t$/, ''));
}
function withoutPrefix(path, prefix) {
    return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
/** Header text is read as latin1 (one char per byte); paths are UTF-8 when valid, else latin1. */
function toPath(latin1) {
    return decodeText(Buffer.from(latin1, 'latin1'));
}
const ESCAPES = { a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r' };
/** Un-C-quote a `"…"` token starting at index 0; returns the byte string (latin1) and the index after it. */
function unquote(text) {
    let value = '';
    for (let index = 1; index < text.length; index++) {
        const char = text[index];
        if (char === '"')
            return { value, end: index + 1 };
        if (char !== '\\') {
            value += char;
            continue;
        }
        const next = text[++index] ?? '';
        if (/[0-7]/.test(next)) {
            value += String.fromCharCode(parseInt(text.slice(index, index + 3), 8));
            index += 2;
        }
        else {
            value += ESCAPES[next] ?? next;
        }
    }
    return undefined;
}

/**
 * `scan: all` / CLI `--all`: every tracked file of the working tree, read from disk.
 * Never follows a symbolic link (a tracked link can point anywhere, e.g. /etc or another job's files), never
 * reads outside the repository, skips submodules, binaries (NUL in the first 8000 bytes, git's test) and files
 * over the size limit, each with a reason in the coverage.
 *
 * Files are read whole (each at most `maxFileBytes`, so memory stays bounded) and offered two ways: as bytes
 * (`files`, for the scanner's fast path: most lines hold no keyword, so they are never decoded) and as lines
 * (`lines`, long ones in overlapping windows, like every other source). The bytes of each file are read into
 * one reused buffer: a file's bytes are valid only until the next file is requested.
 */
const SYMLINK_MODE = Buffer.from('120000 ');
const GITLINK_MODE = Buffer.from('160000 ');
/** O_NONBLOCK: opening a FIFO (or a device) put in place of a file must not wait for a writer. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
/** `a//b`, `/a`, `a/`, `../a`, `a/..`: a name git would never list, so one that must not be followed. */
const EMPTY_OR_PARENT_COMPONENT = /(?:^|\/)(?:\.\.)?(?:\/|$)/;
/** The tree as a source: iterate `files` or `lines`, not both (each reads the tree and records coverage). */
function collectTreeLines(cwd, options) {
    const coverage = new CoverageRecorder('all', 'working tree');
    return {
        files: treeFileBatches(cwd, options, coverage),
        lines: linesOf(treeFileBatches(cwd, options, coverage), options.maxLineBytes),
        coverage: () => coverage.snapshot()
    };
}
async function* treeFileBatches(cwd, options, coverage) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
    let root;
    try {
        root = await repositoryRoot(cwd, timeoutMs);
    }
    catch (error) {
        coverage.skip({
            what: 'working tree',
            reason: error instanceof GitError ? error.message : String(error),
            fix: 'run the scan inside a git checkout (actions/checkout)'
        }, true);
        return;
    }
    // The index is sorted by path, so a conflicted file's stages (1, 2, 3) come one after another; untracked files
    // are in no stage. Skipping a repeat of the previous path reads each file once.
    let previousPath;
    const listings = [
        { args: ['ls-files', '-z', '--stage'], staged: true }
    ];
    if (options.includeUntracked) {
        listings.push({ args: ['ls-files', '-z', '--others', '--exclude-standard'], staged: false });
    }
    const reader = new FileReader(root, options.maxFileBytes, coverage);
    function* readEach(batch, staged) {
        for (let start = 0, end = batch.indexOf(0); end !== -1; start = end + 1, end = batch.indexOf(0, start)) {
            const entry = staged ? parseStageEntry(batch, start, end) : untrackedEntry(batch.subarray(start, end));
            if (!entry || entry.path === previousPath)
                continue;
            previousPath = entry.path;
            const file = reader.read(entry);
            if (file)
                yield file;
        }
    }
    for (const listing of listings) {
        const stream = streamGit(listing.args, { cwd: root.toString(), timeoutMs });
        try {
            for await (const batch of nulRecordBatches(stream.stdout))
                yield readEach(batch, listing.staged);
            await stream.finished;
        }
        catch (error) {
            if (!(error instanceof GitError))
                throw error;
            coverage.skip({ what: 'working tree', reason: `listing files failed: ${error.message}` }, true);
        }
        finally {
            stream.kill();
        }
    }
}
/**
 * The checkout's top directory, real path. `cwd` itself when it holds `.git` (a checkout's root, as
 * GITHUB_WORKSPACE is) and no GIT_DIR/GIT_WORK_TREE points elsewhere: starting git only to hear that costs
 * more than a tenth of a small tree's scan.
 */
async function repositoryRoot(cwd, timeoutMs) {
    const gitDirectoryChosen = process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined;
    if (!gitDirectoryChosen && existsSync(path.join(cwd, '.git')))
        return realpath(cwd, { encoding: 'buffer' });
    const { stdout } = await runGit(['rev-parse', '--show-toplevel'], { cwd, timeoutMs });
    return realpath(stdout.replace(/\n$/, ''), { encoding: 'buffer' });
}
/** Each line of each file (without `\r\n` / `\n`); lines longer than `maxLineBytes` as overlapping windows. */
async function* linesOf(batches, maxLineBytes) {
    for await (const batch of batches) {
        for (const file of batch) {
            const decoder = new SegmentDecoder(0);
            let line = 0;
            for await (const segment of splitLines([file.bytes], maxLineBytes)) {
                if (segment.offset === 0)
                    line++;
                const { text, columnOffset } = decoder.decode(segment);
                const added = { path: file.path, line, text };
                if (columnOffset !== undefined)
                    added.columnOffset = columnOffset;
                yield added;
            }
        }
    }
}
/**
 * Reads tracked files with synchronous calls: a tree is thousands of small files, and a thread-pool round trip
 * per open, stat, read and close costs more than reading a typical source file. Every file is read into the
 * same buffer of `maxFileBytes + 1` bytes (its pages are only touched as large files need them): allocating
 * one per file costs twice the time of reading, in allocation and garbage collection.
 *
 * A regular file is read whole by one `read` of up to `maxFileBytes + 1` bytes, with no `fstat`: syscalls are
 * most of the cost of a tree of small files. Only what a regular file cannot give (nothing, more than the
 * limit, an error such as EAGAIN or EISDIR) is checked with `fstat`, so a FIFO, a device or a directory put in
 * place of a file is reported as such and never waited on.
 */
class FileReader {
    root;
    maxFileBytes;
    coverage;
    insideRoot = new Map();
    buffer;
    rootSlash;
    /** What names are opened under: nothing when the root is the working directory (shorter lookups). */
    openPrefix;
    tooLarge;
    constructor(root, maxFileBytes, coverage) {
        this.root = root;
        this.maxFileBytes = maxFileBytes;
        this.coverage = coverage;
        this.rootSlash = Buffer.concat([root, Buffer.from('/')]);
        this.openPrefix = isWorkingDirectory(root) ? Buffer.alloc(0) : this.rootSlash;
        this.tooLarge = `larger than ${formatBytes(maxFileBytes)}: not scanned`;
    }
    /** The file's bytes, or undefined (with the reason in the coverage) when it is not scanned. */
    read(entry) {
        if (entry.kind === 'submodule')
            return this.skip(entry, 'submodule: scan it in its own repository');
        if (entry.kind === 'symlink')
            return this.skip(entry, 'symbolic link: not followed');
        if (EMPTY_OR_PARENT_COMPONENT.test(entry.path) || !this.directoryInside(entry.path, entry.name)) {
            return this.skip(entry, 'outside the repository (through a symbolic link): not read');
        }
        let descriptor;
        try {
            descriptor = openSync(this.pathOf(entry.name), OPEN_FLAGS);
        }
        catch (error) {
            const code = error.code;
            if (code === 'ENOENT')
                return undefined;
            if (code === 'ELOOP')
                return this.skip(entry, 'symbolic link: not followed');
            return this.skip(entry, `could not be read (${code ?? 'error'})`, true);
        }
        let bytes;
        try {
            this.buffer ??= Buffer.allocUnsafe(this.maxFileBytes + 1);
            let length;
            try {
                // One byte more than the limit allows: a larger file is caught, not cut.
                length = readSync(descriptor, this.buffer, 0, this.buffer.length, null);
            }
            catch (error) {
                if (!isRegularFile(descriptor))
                    return this.skip(entry, 'not a regular file: not read');
                return this.skip(entry, `could not be read (${error.code ?? 'error'})`, true);
            }
            if ((length === 0 || length > this.maxFileBytes) && !isRegularFile(descriptor)) {
                return this.skip(entry, 'not a regular file: not read');
            }
            if (length > this.maxFileBytes)
                return this.skip(entry, this.tooLarge, true);
            bytes = this.buffer.subarray(0, length);
        }
        finally {
            closeSync(descriptor);
        }
        if (bytes.length === 0)
            return undefined;
        this.coverage.countFile();
        this.coverage.bytes += bytes.length;
        return { path: entry.path, bytes: wideTextAsUtf8(bytes) ?? bytes };
    }
    pathOf(name) {
        return this.openPrefix.length === 0 ? name : Buffer.concat([this.openPrefix, name]);
    }
    /** The real directory of `name` is the repository or inside it (no symlinked directory leads out). */
    directoryInside(path, name) {
        // Keyed by the decoded path, whose slashes are the name's (decodeText never makes or takes one).
        const slash = path.lastIndexOf('/');
        if (slash === -1)
            return true;
        const directoryPath = path.slice(0, slash);
        let inside = this.insideRoot.get(directoryPath);
        if (inside === undefined) {
            const directory = name.subarray(0, name.lastIndexOf(0x2f));
            inside = this.directoryInside(directoryPath, directory) && this.resolvesInside(directory);
            this.insideRoot.set(directoryPath, inside);
        }
        return inside;
    }
    /** `unscanned`: content that could not be read (it fails `fail-on: leak`), not something without content. */
    skip(entry, reason, unscanned = false) {
        this.coverage.skip(unscanned ? { what: entry.path, reason, unscanned } : { what: entry.path, reason });
        return undefined;
    }
    /**
     * `directory`, whose parents are known to be inside, is a real directory or a link to one inside the
     * repository. One lstat per directory; realpath only for links.
     */
    resolvesInside(directory) {
        const location = this.pathOf(directory);
        try {
            if (!lstatSync(location).isSymbolicLink())
                return true;
            const real = realpathSync.native(location, { encoding: 'buffer' });
            return real.equals(this.root) || real.subarray(0, this.rootSlash.length).equals(this.rootSlash);
        }
        catch (error) {
            // A directory deleted from the working tree: its files are simply gone, as a deleted file is.
            return error.code === 'ENOENT';
        }
    }
}
function isWorkingDirectory(directory) {
    try {
        return directory.equals(Buffer.from(process.cwd()));
    }
    catch {
        return false;
    }
}
function isRegularFile(descriptor) {
    try {
        return fstatSync(descriptor).isFile();
    }
    catch {
        return false;
    }
}
/** The record at [start, end) of a batch of `git ls-files --stage`: `<mode> <object> <stage>\t<path>`. */
function parseStageEntry(batch, start, end) {
    const tab = batch.indexOf(0x09, start);
    if (tab === -1 || tab >= end)
        return undefined;
    const name = batch.subarray(tab + 1, end);
    return { path: decodeText(name), name, kind: kindOfMode(batch, start) };
}
function kindOfMode(batch, start) {
    if (bytesAt(batch, start, SYMLINK_MODE))
        return 'symlink';
    return bytesAt(batch, start, GITLINK_MODE) ? 'submodule' : 'file';
}
function bytesAt(haystack, start, bytes) {
    return haystack.compare(bytes, 0, bytes.length, start, start + bytes.length) === 0;
}
/** A record of `git ls-files --others`: just the name. */
function untrackedEntry(name) {
    return { path: decodeText(name), name };
}
/**
 * The NUL-terminated records of a stream, a batch per chunk: the chunk's whole records (a record split across
 * chunks comes whole in the next batch), as a view of it (a child's stdout chunks are never reused).
 */
async function* nulRecordBatches(chunks) {
    let carry = Buffer.alloc(0);
    for await (const chunk of chunks) {
        const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
        const end = data.lastIndexOf(0) + 1;
        carry = Buffer.from(data.subarray(end));
        if (end > 0)
            yield data.subarray(0, end);
    }
}

const DEFAULT_FETCH_TIMEOUT_MS$1 = 5 * 60_000;
const DEFAULT_LOG_TIMEOUT_MS$1 = 15 * 60_000;
/** Added and deleted files per commit past which only exact renames are detected (git's `-l`). */
const RENAME_LIMIT = 100;
/** Findings are located in at most this many head files, read in one `cat-file` of at most HEAD_READ_BYTES. */
const MAX_HEAD_FILES = 2_000;
const HEAD_READ_BYTES = 256 * 1024 * 1024;
/** Lines added by the plan's commits (or the tree, for a `tree` plan). CLI plans (`trigger: 'cli'`) report mode `range`. */
function collectChangedLines(plan, options) {
    if (plan.kind === 'tree')
        return collectTreeLines(options.cwd, options);
    const coverage = new CoverageRecorder(plan.trigger === 'cli' ? 'range' : 'changed', 'git', plan.label);
    const read = {};
    return {
        lines: changedLines(plan, options, coverage, read),
        coverage: () => coverage.snapshot(),
        head: () => read.head,
        base: () => read.base
    };
}
/** `git diff --cached`: what the next commit would add (CLI `--staged`, pre-commit hooks). */
function collectStagedLines(options) {
    const coverage = new CoverageRecorder('staged', 'staged changes (git index)', 'staged changes');
    const args = [...diffOptions('diff'), '--cached', '--'];
    const lines = patchLines(args, options.cwd, options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS, options, coverage);
    return { lines: addedOnly(lines), coverage: () => coverage.snapshot() };
}
/** The index has no history: its removed lines name no commit that removed a key. */
async function* addedOnly(lines) {
    for await (const line of lines)
        if (line.role !== 'removed')
            yield line;
}
class RevisionRangeError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RevisionRangeError';
    }
}
/**
 * CLI `--range`: `A..B` (commits of B not in A), `A...B` (commits of B since its merge base with A), `A..`
 * (up to HEAD). Revisions are resolved to SHAs before any other git command sees them.
 */
async function planRevisionRange(cwd, spec, timeoutMs) {
    const match = /^(.*?)(\.\.\.?)(.*)$/.exec(spec);
    if (!match)
        throw new RevisionRangeError(`--range expects A..B, got "${spec}"`);
    const [, left, dots, right] = match;
    const resolve = async (revision) => {
        if (!/^[^\s\x00-\x1f\x7f]{1,255}$/.test(revision) || revision.startsWith('-')) {
            throw new RevisionRangeError(`not a usable revision: "${revision}"`);
        }
        const { stdout } = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], { cwd, timeoutMs: DEFAULT_GIT_TIMEOUT_MS, okExitCodes: [0, 1] });
        const sha = stdout.trim();
        if (!isSha(sha))
            throw new RevisionRangeError(`unknown revision "${revision}"`);
        return sha;
    };
    const head = await resolve(right || 'HEAD');
    let base = await resolve(left || 'HEAD');
    if (dots === '...') {
        const { stdout } = await runGit(['merge-base', '--end-of-options', base, head], {
            cwd,
            timeoutMs: DEFAULT_GIT_TIMEOUT_MS,
            okExitCodes: [0, 1]
        });
        if (!isSha(stdout.trim()))
            throw new RevisionRangeError(`"${left}" and "${right}" have no common ancestor`);
        base = stdout.trim();
    }
    return {
        kind: 'range',
        trigger: 'cli',
        label: `${spec} (${shortSha(base)}..${shortSha(head)})`,
        base,
        head,
        forced: false
    };
}
async function* changedLines(plan, options, coverage, read) {
    if (plan.kind === 'nothing') {
        coverage.source = 'event payload';
        coverage.range = `${plan.label}: ${plan.reason}`;
        return;
    }
    if (plan.kind === 'unplannable') {
        coverage.skip({ what: plan.label, reason: plan.reason, fix: plan.fix }, true);
        return;
    }
    const log = options.log ?? (() => undefined);
    const history = {
        cwd: options.cwd,
        fetch: options.fetch,
        token: options.token,
        serverUrl: options.serverUrl,
        timeoutMs: options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS,
        fetchTimeoutMs: options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS$1,
        log
    };
    let target;
    let outcome;
    try {
        target = await targetOf(plan, history);
        outcome = await ensureHistory(target.need, history);
        if (!outcome.ok && outcome.missingBase && plan.kind === 'range' && plan.fallbackBranch) {
            const tip = await remoteBranchTip(plan.fallbackBranch, history);
            if (tip === plan.head) {
                outcome = {
                    ...outcome,
                    reason: `the push's base ${shortSha(plan.base)} no longer exists (force-push) and the pushed branch is the default branch, so the new commits cannot be told from the old ones`,
                    fix: 'run a one-off scan with `scan: all`'
                };
            }
            else if (isSha(tip)) {
                log(`The push's base ${shortSha(plan.base)} is gone (force-push); comparing with ${plan.fallbackBranch}`);
                coverage.range = `${plan.label} (base ${shortSha(plan.base)} no longer exists: commits not on ${plan.fallbackBranch})`;
                target = {
                    need: { ...target.need, exclude: [tip] },
                    rest: { kind: 'compare', base: tip, head: plan.head }
                };
                outcome = await ensureHistory(target.need, history);
            }
        }
        // History's fixes name actions/checkout; the CLI never fetches, so the user fetches.
        if (!outcome.ok && options.tool === 'cli')
            outcome = { ...outcome, fix: CLI_HISTORY_FIX };
    }
    catch (error) {
        if (!(error instanceof GitError))
            throw error;
        outcome = { ok: false, missingBase: false, reason: error.message, fix: fixFor(error, options.tool) };
    }
    if (outcome.ok && target) {
        const source = yield* logLines(target.need, options, coverage);
        if (plan.kind === 'range' && plan.pullNumber !== undefined)
            read.base = headFiles(plan.base, options);
        const [head] = target.need.include;
        if (!target.need.single && !coverage.incomplete) {
            const [base] = target.need.exclude;
            if (base !== undefined)
                yield* netChangeLines(base, head, options, coverage);
            if (!coverage.incomplete)
                read.head = headFiles(head, options);
        }
        if (outcome.fetched) {
            const fetched = outcome.knownBefore
                ? source.commits.filter(sha => !outcome.knownBefore?.has(sha)).length
                : 0;
            // Fetches that only brought parents or the base (nothing scanned was missing) still fetched history.
            coverage.source =
                fetched > 0
                    ? `git (fetched ${fetched} missing commit${fetched === 1 ? '' : 's'})`
                    : 'git (fetched missing history)';
        }
        return;
    }
    if (outcome.ok)
        return;
    yield* fallback(plan, target?.rest ?? restRangeOf(plan), outcome, options, coverage);
}
async function targetOf(plan, history) {
    switch (plan.kind) {
        case 'last-commit': {
            const head = plan.head ?? (await currentHead(history));
            return {
                need: { include: [head], exclude: [], single: true },
                rest: { kind: 'commit', sha: head }
            };
        }
        case 'range':
            return {
                need: {
                    include: [plan.head],
                    exclude: [plan.base],
                    pullNumber: plan.pullNumber,
                    depthHint: plan.expectedCommits
                },
                rest: restRangeOf(plan)
            };
        case 'new-branch': {
            const rest = restRangeOf(plan);
            if (plan.defaultBranch === undefined) {
                return { need: { include: [plan.head], exclude: [], depthHint: plan.expectedCommits }, rest };
            }
            const tip = await remoteBranchTip(plan.defaultBranch, history);
            if (tip === undefined) {
                throw new GitError('failed', `could not find the tip of the default branch ${plan.defaultBranch}`, null, '');
            }
            const exclude = tip === 'absent' ? [] : [tip];
            return { need: { include: [plan.head], exclude, depthHint: plan.expectedCommits }, rest };
        }
    }
}
function restRangeOf(plan) {
    switch (plan.kind) {
        case 'last-commit':
            return plan.head ? { kind: 'commit', sha: plan.head } : undefined;
        case 'range':
            if (plan.trigger === 'cli')
                return undefined;
            return plan.pullNumber !== undefined
                ? { kind: 'pull', pullNumber: plan.pullNumber, expectedCommits: plan.expectedCommits }
                : { kind: 'compare', base: plan.base, head: plan.head };
        case 'new-branch':
            return plan.defaultBranch ? { kind: 'compare', base: plan.defaultBranch, head: plan.head } : undefined;
    }
}
async function currentHead(history) {
    const { stdout } = await runGit(['rev-parse', '--verify', 'HEAD^{commit}'], {
        cwd: history.cwd,
        timeoutMs: history.timeoutMs
    });
    const sha = stdout.trim();
    if (!isSha(sha))
        throw new GitError('failed', 'the repository has no commit at HEAD', null, '');
    return sha;
}
async function* fallback(plan, rest, outcome, options, coverage) {
    const repository = options.github?.repository ?? plan.repository;
    const gitGap = { what: `${plan.label} (git)`, reason: outcome.reason, fix: outcome.fix };
    if (!rest || !options.github || !options.token || !repository) {
        coverage.skip(gitGap, true);
        return;
    }
    options.log?.(`git could not get the range (${outcome.reason}); reading it through the GitHub REST API`);
    const { apiUrl, requestTimeoutMs, retries, retryDelayMs } = options.github;
    yield* restAddedLines(rest, {
        apiUrl,
        token: options.token,
        repository,
        maxLineBytes: options.maxLineBytes,
        requestTimeoutMs,
        retries,
        retryDelayMs,
        log: options.log
    }, coverage, plan.label);
    if (coverage.incomplete)
        coverage.skip(gitGap, true);
}
/** `git log -p` of the range, streamed; returns the scanned commits. */
async function* logLines(need, options, coverage) {
    const args = [
        ...diffOptions('log'),
        '--root',
        '--diff-merges=dense-combined',
        '--topo-order',
        '--reverse',
        '--no-notes',
        `--format=${COMMIT_MARKER_FORMAT}`,
        ...(need.single ? ['--max-count=1'] : []),
        '--end-of-options',
        ...need.include,
        ...need.exclude.map(sha => `^${sha}`),
        '--'
    ];
    const commits = [];
    yield* patchLines(args, options.cwd, options.logTimeoutMs ?? DEFAULT_LOG_TIMEOUT_MS$1, options, coverage, commits);
    return { commits };
}
/** Options shared by `git log -p` and `git diff`: only changed lines, raw paths (the wrapper adds `--text`). */
function diffOptions(command) {
    return [
        command,
        '-p',
        '-U0',
        '-M',
        `-l${RENAME_LIMIT}`,
        '--full-index',
        '--no-color',
        '--submodule=short',
        '--no-relative',
        '--src-prefix=a/',
        '--dst-prefix=b/'
    ];
}
/**
 * `git diff base head`: what the head holds that the base does not, numbered as in the head (`role: 'head'`).
 * Not counted again in the coverage: the commits' own diffs covered the same files and bytes.
 */
async function* netChangeLines(base, head, options, coverage) {
    const args = [...diffOptions('diff'), '--end-of-options', base, head, '--'];
    const timeoutMs = options.logTimeoutMs ?? DEFAULT_LOG_TIMEOUT_MS$1;
    for await (const line of patchLines(args, options.cwd, timeoutMs, options, coverage, [], 'head')) {
        if (line.role !== 'removed')
            yield { ...line, role: 'head' };
    }
}
/** The head's files, read in one `git cat-file --batch` (names with a line break cannot be asked for). */
function headFiles(commit, options) {
    return {
        commit,
        async read(paths) {
            const wanted = [...new Set(paths)].filter(path => !/[\n\r]/.test(path)).slice(0, MAX_HEAD_FILES);
            const contents = new Map();
            if (wanted.length === 0)
                return contents;
            let stdout;
            try {
                ;
                ({ stdout } = await runGitBytes(['cat-file', '--batch'], {
                    cwd: options.cwd,
                    timeoutMs: options.logTimeoutMs ?? DEFAULT_LOG_TIMEOUT_MS$1,
                    input: wanted.map(path => `${commit}:${path}\n`).join(''),
                    maxStdoutBytes: HEAD_READ_BYTES
                }));
            }
            catch (error) {
                if (error instanceof GitError)
                    return contents;
                throw error;
            }
            let at = 0;
            for (const path of wanted) {
                const newline = stdout.indexOf(0x0a, at);
                if (newline === -1)
                    break;
                const header = stdout.subarray(at, newline).toString('latin1');
                const match = / (blob|tree|commit|tag) (\d+)$/.exec(header);
                if (!match) {
                    at = newline + 1;
                    continue;
                }
                const start = newline + 1;
                const end = start + Number(match[2]);
                if (end > stdout.length)
                    break;
                if (match[1] === 'blob')
                    contents.set(path, stdout.subarray(start, end));
                at = end + 1;
            }
            return contents;
        }
    };
}
async function* patchLines(args, cwd, timeoutMs, options, coverage, commits = [], role) {
    const stream = streamGit(args, { cwd, timeoutMs });
    try {
        for await (const event of parsePatch(splitLines(stream.stdout, options.maxLineBytes))) {
            switch (event.type) {
                case 'commit':
                    coverage.commits++;
                    commits.push(event.sha);
                    break;
                case 'file':
                    if (role === undefined)
                        coverage.addFile(event.path);
                    break;
                case 'line':
                    if (role === undefined && event.line.role === undefined)
                        coverage.bytes += event.bytes;
                    yield event.line;
                    break;
                case 'submodule':
                    coverage.skip({ what: event.path, reason: 'submodule: scan it in its own repository' });
                    break;
            }
        }
        await stream.finished;
    }
    catch (error) {
        if (!(error instanceof GitError))
            throw error;
        coverage.skip({ what: coverage.range ?? 'changes', reason: error.message, fix: fixFor(error, options.tool) }, true);
    }
    finally {
        stream.kill();
    }
}
/** On a developer's machine history is never fetched for them, and there is no workflow to edit. */
const CLI_HISTORY_FIX = 'run `git fetch` (or `git fetch --unshallow` in a shallow clone) and check that both revisions of the range exist';
function fixFor(error, tool = 'action') {
    if (tool === 'cli') {
        switch (error.kind) {
            case 'dubious-ownership':
                return 'run `git config --global --add safe.directory <repository path>` if you trust this repository';
            case 'not-a-repository':
                return 'run it inside a git checkout of your project';
            case 'not-installed':
                return 'install git and make sure it is on PATH';
            case 'timeout':
                return 'the repository is too large to read in time; scan a smaller range with `--range`';
            default:
                return 'run it inside a git checkout of your project; for `--range`, run `git fetch` and check that both revisions exist';
        }
    }
    switch (error.kind) {
        case 'dubious-ownership':
            return 'run `git config --global --add safe.directory "$GITHUB_WORKSPACE"` before this step';
        case 'not-a-repository':
            return 'run actions/checkout before this action';
        case 'not-installed':
            return 'install git on the runner';
        case 'timeout':
            return 'the repository is too large to read in time; use `scan: changed` on smaller ranges';
        default:
            return 'add `fetch-depth: 0` to actions/checkout, or grant `contents: read` and `pull-requests: read` for the REST API';
    }
}

const DEFAULT_HIGH_WATER = 4096;
async function* mergePatchStreams(outputs, newParser, highWater = DEFAULT_HIGH_WATER) {
    const queue = [];
    let wakeConsumer;
    const roomWaiters = [];
    const turnWaiters = [];
    /** The lane inside a long line, if any. */
    let owner;
    let running = outputs.length;
    let failure;
    const wake = () => {
        const resume = wakeConsumer;
        wakeConsumer = undefined;
        resume?.();
    };
    const release = (lane) => {
        if (owner !== lane)
            return;
        owner = undefined;
        for (const resume of turnWaiters.splice(0))
            resume();
    };
    const pump = async (lane, output) => {
        let inLongLine = false;
        const parser = newParser((line, final) => {
            queue.push(line);
            inLongLine = !final;
        });
        for await (const chunk of output) {
            while (owner !== undefined && owner !== lane)
                await new Promise(resolve => turnWaiters.push(resolve));
            parser.push(chunk);
            if (inLongLine)
                owner = lane;
            else
                release(lane);
            wake();
            while (queue.length > highWater)
                await new Promise(resolve => roomWaiters.push(resolve));
        }
        parser.end();
        release(lane);
    };
    outputs.forEach((output, lane) => {
        pump(lane, output).then(() => {
            running--;
            wake();
        }, (error) => {
            failure ??= { error };
            running--;
            release(lane);
            wake();
        });
    });
    while (running > 0 || queue.length > 0) {
        if (queue.length === 0) {
            await new Promise(resolve => (wakeConsumer = resolve));
            continue;
        }
        const batch = queue.splice(0, queue.length);
        for (const resume of roomWaiters.splice(0))
            resume();
        yield* batch;
    }
    if (failure)
        throw failure.error;
}

const PLUS = 0x2b;
const MINUS = 0x2d;
const SPACE = 0x20;
class PatchParser {
    sink;
    splitter;
    prefilter;
    /** Byte offset within the current line of the segment being parsed (0 at a line start). */
    lineOffset = 0;
    commitSha;
    section;
    nextLine = 0;
    /** The current (possibly windowed) line is an added line at `currentLine`. */
    currentAdded = false;
    currentLine = 0;
    /** The prefilter's next hit in the current buffer, and its next NUL byte. */
    nextHit = -1;
    nextNul = -1;
    segment = { bytes: Buffer.alloc(0), offset: 0, advance: 0, final: true };
    constructor(sink, options) {
        this.sink = sink;
        const prefilter = options.prefilter;
        this.prefilter = prefilter;
        this.splitter = new LineSplitter(options.maxLineBytes, (data, start, end, offset, advance, final) => {
            this.lineOffset = offset;
            this.onSegment(data, start, end, advance, final);
        }, prefilter
            ? data => {
                this.nextHit = prefilter(data, 0);
                this.nextNul = data.indexOf(0);
            }
            : undefined);
    }
    /** Parse one chunk of git's output; a line cut by the chunk's end is completed by the next chunk. */
    push(chunk) {
        this.splitter.push(chunk);
    }
    /** The output ended: a last line without a newline is parsed too. */
    end() {
        this.splitter.end();
    }
    onSegment(data, start, end, advance, final) {
        const section = this.section;
        if (this.lineOffset > 0) {
            // A continuation window of a long line: every window of an added line is scanned (long lines are rare,
            // and a key cut by one window's edge must reach the scanner whole in the next).
            if (this.currentAdded && section)
                this.addedSegment(section, data, start, end, advance, final, true);
            return;
        }
        this.currentAdded = false;
        const first = start < end ? data[start] : -1;
        if (first === 0) {
            const marker = data.toString('latin1', start, end);
            if (marker.startsWith(COMMIT_MARKER)) {
                this.commitSha = marker.slice(COMMIT_MARKER.length).trim();
                this.section = undefined;
                this.sink.commit(this.commitSha);
            }
            return;
        }
        if (section?.inHunks && (first === PLUS || first === MINUS || first === SPACE)) {
            const columns = section.columns;
            let allPlus = end - start >= columns;
            for (let at = start; at < start + columns && at < end; at++) {
                const byte = data[at];
                if (byte === MINUS)
                    return;
                if (byte !== PLUS)
                    allPlus = false;
            }
            this.currentLine = this.nextLine++;
            this.currentAdded = allPlus && !section.gitlink;
            if (this.currentAdded)
                this.addedSegment(section, data, start, end, advance, final, !final);
            return;
        }
        this.header(data.toString('latin1', start, end));
    }
    addedSegment(section, data, start, end, advance, final, windowed) {
        const prefix = this.lineOffset === 0 ? section.columns : 0;
        this.sink.addedBytes((final ? end - start : advance) - prefix);
        if (!windowed && this.prefilter) {
            const contentStart = start + prefix;
            if (this.nextHit !== -1 && this.nextHit < contentStart)
                this.nextHit = this.prefilter(data, contentStart);
            if (this.nextNul !== -1 && this.nextNul < contentStart)
                this.nextNul = data.indexOf(0, contentStart);
            // A line with a NUL byte may be UTF-16 or UTF-32 text, whose keywords the byte search cannot see.
            const mayHoldKey = (this.nextHit !== -1 && this.nextHit < end) || (this.nextNul !== -1 && this.nextNul < end);
            if (!mayHoldKey)
                return;
        }
        const segment = this.segment;
        segment.bytes = data.subarray(start, end);
        segment.offset = this.lineOffset;
        segment.advance = advance;
        segment.final = final;
        const { text, columnOffset } = section.decoder.decode(segment);
        const line = { path: section.path ?? '', line: this.currentLine, text };
        if (this.commitSha !== undefined)
            line.commit = this.commitSha;
        if (columnOffset !== undefined)
            line.columnOffset = columnOffset;
        this.sink.line(line, final);
    }
    header(header) {
        let section = this.section;
        if (header.startsWith('diff --git ')) {
            this.section = newSection(symmetricPath(header.slice('diff --git '.length)));
            return;
        }
        if (header.startsWith('diff --cc ') || header.startsWith('diff --combined ')) {
            const rest = header.slice(header.indexOf(' ', 'diff --'.length) + 1);
            this.section = newSection(pathToken(rest));
            return;
        }
        if (!section)
            return;
        if (header.startsWith('@@')) {
            const hunk = parseHunkHeader(header);
            if (!hunk)
                return;
            if (!section.inHunks && section.path !== undefined && !section.deleted) {
                if (section.gitlink)
                    this.sink.submodule(section.path);
                else
                    this.sink.file(section.path);
            }
            section.inHunks = true;
            if (section.columns !== hunk.columns)
                section.decoder = new SegmentDecoder(hunk.columns);
            section.columns = hunk.columns;
            this.nextLine = hunk.newStart;
            return;
        }
        section = section;
        if (section.inHunks)
            return;
        if (header.startsWith('rename to ') || header.startsWith('copy to ')) {
            section.path = pathToken(header.slice(header.indexOf(' to ') + 4));
        }
        else if (header.startsWith('+++ ')) {
            const target = header.slice(4);
            if (target.replace(/\t$/, '') === '/dev/null')
                section.deleted = true;
            else
                section.path = withoutPrefix(pathToken(target), 'b/');
        }
        else if (header.startsWith('deleted file mode ')) {
            section.deleted = true;
        }
        else if (header.startsWith('index ')) {
            if (/^index [0-9a-f,]+\.\.[0-9a-f]+ (\d+)/.exec(header)?.[1] === GITLINK_MODE$1)
                section.gitlink = true;
        }
        else if (/^(new file mode|new mode|mode) /.test(header) && header.trimEnd().endsWith(GITLINK_MODE$1)) {
            section.gitlink = true;
        }
    }
}
function newSection(path) {
    return {
        columns: 1,
        path,
        deleted: false,
        gitlink: false,
        inHunks: false,
        decoder: new SegmentDecoder(1)
    };
}

/**
 * `scan: history` / CLI `--history [ref]`: the lines added by every commit reachable from HEAD (or a ref), each
 * with the commit that added it; a key no longer in its file at HEAD is marked `removed`.
 *
 * The fast path, for histories of many thousand commits:
 * - one `git rev-list` lists the commits; git then writes the patches of each half of the list in its own
 *   `git log --no-walk=unsorted --stdin` (two processes on two cores), while the scanner matches in Node;
 * - the patches are parsed synchronously per chunk on byte offsets (PatchParser), and only added lines that the
 *   scanner's byte prefilter cannot rule out become text;
 * - no `--topo-order --reverse` (git would have to walk everything before writing anything): findings are put in
 *   commit order afterwards;
 * - memory stays bounded: patches are streamed, never held, and a stream is paused while the scanner lags behind.
 *
 * From a shallow clone (actions/checkout's default) the missing history is fetched first when fetching is
 * allowed; what could not be fetched is reported as not scanned.
 */
const DEFAULT_FETCH_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_LOG_TIMEOUT_MS = 60 * 60_000;
const DEFAULT_PROGRESS_MS = 10_000;
/** Below this many commits a second git process costs more than it saves. */
const MIN_COMMITS_PER_PROCESS = 64;
class HistoryRefError extends Error {
    constructor(message) {
        super(message);
        this.name = 'HistoryRefError';
    }
}
/** Every commit reachable from the ref, as a source: lines, the prefiltered fast path, and settling findings. */
function collectHistoryLines(options) {
    const label = options.ref ?? 'HEAD';
    const coverage = new CoverageRecorder('history', 'git', label);
    const state = { order: new Map() };
    return {
        lines: historyLines(options, coverage, state),
        candidateLines: prefilter => historyLines(options, coverage, state, prefilter),
        settle: findings => settleFindings(findings, state, options),
        coverage: () => coverage.snapshot()
    };
}
async function* historyLines(options, coverage, state, prefilter) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
    const git = (args, extra = {}) => runGit(args, { cwd: options.cwd, timeoutMs, ...extra });
    let commits;
    try {
        const head = await resolveRef(options.ref ?? 'HEAD', git).catch((error) => {
            // A repository without a commit yet has no history: nothing to scan, which is no usage error.
            if (options.ref === undefined && error instanceof HistoryRefError)
                return undefined;
            throw error;
        });
        if (head === undefined) {
            coverage.range = 'HEAD';
            coverage.skip({ what: 'history', reason: 'the repository has no commit yet' });
            return;
        }
        state.head = head;
        coverage.range = `${options.ref ?? 'HEAD'} (${shortSha(head)})`;
        await completeHistory(head, options, coverage, git);
        const { stdout } = await git(['rev-list', '--end-of-options', head, '--'], {
            okExitCodes: [0]
        });
        commits = stdout.split('\n').filter(isSha).reverse();
    }
    catch (error) {
        if (error instanceof HistoryRefError)
            throw error;
        if (!(error instanceof GitError))
            throw error;
        coverage.skip({ what: coverage.range ?? 'history', reason: error.message, fix: gitFix(options.tool) }, true);
        return;
    }
    commits.forEach((sha, index) => state.order.set(sha, index));
    yield* streamPatches(commits, options, coverage, prefilter);
}
/** A revision the user named, resolved to a commit before any other git command sees it. */
async function resolveRef(ref, git) {
    if (!/^[^\s\x00-\x1f\x7f]{1,255}$/.test(ref) || ref.startsWith('-')) {
        throw new HistoryRefError(`not a usable revision: ${JSON.stringify(ref)}`);
    }
    const { stdout } = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
        okExitCodes: [0, 1]
    });
    const sha = stdout.trim();
    if (!isSha(sha))
        throw new HistoryRefError(`unknown revision ${JSON.stringify(ref)}`);
    return sha;
}
/**
 * A shallow clone holds only the last commits: fetch the rest when allowed (saying what and how long), else
 * record the gap. The commits on the shallow boundary are still scanned: git shows their whole tree as added.
 */
async function completeHistory(head, options, coverage, git) {
    const shallow = (await git(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
    if (!shallow)
        return;
    const log = options.log ?? (() => undefined);
    const history = {
        cwd: options.cwd,
        fetch: options.fetch,
        token: options.token,
        serverUrl: options.serverUrl,
        timeoutMs: options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS,
        fetchTimeoutMs: options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
        log
    };
    const before = await countCommits(head, git);
    const started = Date.now();
    const outcome = await ensureHistory({ include: [head], exclude: [] }, history);
    if (outcome.ok) {
        const after = await countCommits(head, git);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        log(`Fetched the full history: ${after - before} more commit(s), ${after} in all, in ${seconds} s`);
        coverage.source = `git (fetched ${after - before} commit${after - before === 1 ? '' : 's'} of history in ${seconds} s)`;
        return;
    }
    coverage.source = 'git (shallow clone)';
    coverage.skip({
        what: `history before the shallow boundary of ${shortSha(head)}`,
        reason: `the clone is shallow and ${outcome.reason}; commits on the boundary are scanned whole (their entire tree as added)`,
        fix: options.tool === 'cli'
            ? 'run `git fetch --unshallow`, then scan again'
            : 'add `fetch-depth: 0` to actions/checkout, or keep `persist-credentials` so the action can fetch'
    }, true);
}
async function countCommits(head, git) {
    const { stdout } = await git(['rev-list', '--count', '--end-of-options', head, '--']);
    return Number(stdout.trim()) || 0;
}
/**
 * The patches of `commits`, written by one or two `git log --no-walk=unsorted --stdin` processes (each over a
 * contiguous part of the list) and parsed in this process as they arrive.
 */
async function* streamPatches(commits, options, coverage, prefilter) {
    const log = options.log ?? (() => undefined);
    const started = Date.now();
    const processes = Math.max(1, Math.min(options.processes ?? Math.min(2, availableParallelism()), Math.floor(commits.length / MIN_COMMITS_PER_PROCESS)));
    const args = [
        ...diffOptions('log'),
        '--root',
        '--diff-merges=dense-combined',
        '--no-notes',
        `--format=${COMMIT_MARKER_FORMAT}`,
        '--no-walk=unsorted',
        '--stdin',
        '--'
    ];
    const streams = splitEvenly(commits, processes).map(part => streamGit(args, {
        cwd: options.cwd,
        timeoutMs: options.logTimeoutMs ?? DEFAULT_LOG_TIMEOUT_MS,
        input: part.map(sha => `${sha}\n`).join('')
    }));
    const progress = setInterval(() => {
        log(`History: ${coverage.commits} of ${commits.length} commits, ${formatBytes(coverage.bytes)} of added lines` +
            ` (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }, options.progressIntervalMs ?? DEFAULT_PROGRESS_MS);
    progress.unref();
    try {
        yield* mergePatchStreams(streams.map(stream => stream.stdout), emit => new PatchParser(coverageSink(coverage, emit), {
            maxLineBytes: options.maxLineBytes,
            prefilter
        }));
        await Promise.all(streams.map(stream => stream.finished));
    }
    catch (error) {
        if (!(error instanceof GitError))
            throw error;
        coverage.skip({ what: coverage.range ?? 'history', reason: error.message, fix: gitFix(options.tool) }, true);
    }
    finally {
        clearInterval(progress);
        for (const stream of streams)
            stream.kill();
    }
    log(`History: scanned ${coverage.commits} commits, ${formatBytes(coverage.bytes)} of added lines in ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`);
}
/** Records coverage (commits, files, bytes, submodules) while lines go to `onLine`. */
function coverageSink(coverage, onLine) {
    return {
        commit: () => coverage.commits++,
        file: path => coverage.addFile(path),
        addedBytes: count => (coverage.bytes += count),
        line: onLine,
        submodule: path => coverage.skip({ what: path, reason: 'submodule: scan it in its own repository' })
    };
}
function splitEvenly(items, parts) {
    const size = Math.ceil(items.length / parts);
    return Array.from({ length: parts }, (_, index) => items.slice(index * size, (index + 1) * size)).filter(part => part.length > 0);
}
/**
 * Findings in commit order (oldest first, then by place); a key no longer in its file at the scanned head is
 * marked `removed` (the commit that removed it is not looked for). The keys reach git on stdin (`git grep -f -`), never on a command line.
 */
async function settleFindings(findings, state, options) {
    const position = (finding) => state.order.get(finding.commit ?? '') ?? -1;
    findings.sort((a, b) => position(a) - position(b) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
        a.line - b.line ||
        a.startColumn - b.startColumn);
    if (findings.length === 0 || state.head === undefined)
        return;
    const present = await keysAtHead(state.head, findings.map(finding => finding.secret), options);
    if (!present)
        return;
    for (const finding of findings) {
        // Not in the file at the head any more: reports show the file and the commit that added it, no line.
        if (!present.get(finding.path)?.has(finding.secret))
            finding.removed = {};
    }
}
/**
 * path -> the given keys its file at `head` holds; undefined when git could not tell. `head` is a checked SHA
 * (git grep has no `--end-of-options` before git 2.43).
 */
async function keysAtHead(head, secrets, options) {
    const patterns = [...new Set(secrets)].filter(secret => !/[\r\n]/.test(secret));
    try {
        const { stdout } = await runGit(['grep', '-F', '-o', '-z', '-I', '--no-color', '--no-textconv', '-f', '-', head, '--'], {
            cwd: options.cwd,
            timeoutMs: options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS,
            input: patterns.map(pattern => `${pattern}\n`).join(''),
            okExitCodes: [0, 1]
        });
        return parseGrepMatches(stdout, head);
    }
    catch (error) {
        if (error instanceof GitError)
            return undefined;
        throw error;
    }
}
/** `<head>:<path>\0<match>\n` records; a path may hold a newline, never a NUL. */
function parseGrepMatches(output, head) {
    const found = new Map();
    const prefix = `${head}:`;
    for (let at = 0; at < output.length;) {
        const nul = output.indexOf('\0', at);
        if (nul === -1 || !output.startsWith(prefix, at))
            break;
        const newline = output.indexOf('\n', nul);
        const end = newline === -1 ? output.length : newline;
        const path = output.slice(at + prefix.length, nul);
        const keys = found.get(path) ?? new Set();
        keys.add(output.slice(nul + 1, end));
        found.set(path, keys);
        at = end + 1;
    }
    return found;
}
function gitFix(tool = 'action') {
    return tool === 'cli'
        ? 'run it inside a git checkout of your project; for a shallow clone, run `git fetch --unshallow` first'
        : 'run actions/checkout before this action; add `fetch-depth: 0` when the action cannot fetch';
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SARIF_TOOL_NAME = 'openai-key-doctor';
/** GitHub code scanning rejects a run with more results than this. */
const SARIF_MAX_RESULTS = 25_000;
/** The partialFingerprints key; bump the version if the value's recipe ever changes. */
const SARIF_FINGERPRINT_KEY = 'secretFingerprint/v1';
const LEVEL = { critical: 'error', error: 'error', warning: 'warning' };
/** GitHub maps security-severity to critical (>= 9.0), high (7.0-8.9) and medium (4.0-6.9). */
const SECURITY_SEVERITY = { critical: '9.8', error: '8.9', warning: '5.0' };
const SEVERITY_ORDER = ['critical', 'error', 'warning'];
/** SARIF 2.1.0 for GitHub code scanning. Keys appear only redacted; results carry no commit in their fingerprint. */
function buildSarif(findings, options) {
    const maxResults = options.maxResults ?? SARIF_MAX_RESULTS;
    const kept = sortFindings(findings).slice(0, maxResults);
    const rules = buildRules(findings);
    const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
    const omitted = findings.length - kept.length;
    return {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: SARIF_TOOL_NAME,
                        version: options.toolVersion,
                        semanticVersion: options.toolVersion,
                        informationUri: options.informationUri,
                        rules
                    }
                },
                columnKind: 'utf16CodeUnits',
                invocations: [
                    {
                        executionSuccessful: true,
                        toolExecutionNotifications: omitted > 0
                            ? [
                                {
                                    level: 'warning',
                                    message: {
                                        text: `${formatCount(omitted)} of ${formatCount(findings.length)} findings were left out: code ` +
                                            `scanning accepts at most ${formatCount(maxResults)} results per run. The most severe are included.`
                                    }
                                }
                            ]
                            : []
                    }
                ],
                results: kept.map(finding => toResult(finding, ruleIndex.get(finding.detectorId) ?? 0))
            }
        ]
    };
}
function buildRules(findings) {
    const byDetector = new Map();
    for (const finding of findings) {
        const known = byDetector.get(finding.detectorId);
        if (!known)
            byDetector.set(finding.detectorId, { name: finding.detectorName, severity: finding.severity });
        else if (SEVERITY_ORDER.indexOf(finding.severity) < SEVERITY_ORDER.indexOf(known.severity)) {
            known.severity = finding.severity;
        }
    }
    return [...byDetector.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([id, { name, severity }]) => rule(id, printable(name), severity));
}
function rule(id, name, severity) {
    const revoke = providerOf(id) === 'openai'
        ? 'Revoke the key at https://platform.openai.com/api-keys (OpenAI may already have disabled it: its leak detection revokes keys it finds in public code), create a new one and store it as an encrypted secret.'
        : 'Revoke the key with its provider, create a new one and store it as an encrypted secret.';
    const text = `A ${name} was committed to the repository. Anyone who can read the repository or its history can use it. ` +
        `${revoke} Deleting the line in a later commit does not help: the key stays in git history. ` +
        'If the match is a test value, allow-list it with the inline marker comment, a path glob or its fingerprint.';
    const markdown = `A **${name}** was committed to the repository. Anyone who can read the repository or its history can use it.\n\n` +
        `1. ${revoke}\n` +
        '2. Replace the value in code with a reference to the secret (for example `${{ secrets.OPENAI_API_KEY }}` in a workflow, or an environment variable).\n' +
        '3. Deleting the line in a later commit does not help: the key stays in git history. Treat it as exposed.\n\n' +
        'If the match is a test value, allow-list it with the inline marker comment, a path glob or its fingerprint (see the job summary).';
    return {
        id,
        name: name
            .replace(/[^A-Za-z0-9]+(.)?/g, (_, next) => (next ?? '').toUpperCase())
            .replace(/^./, c => c.toUpperCase()),
        shortDescription: { text: `Committed ${name}` },
        fullDescription: { text },
        help: { text, markdown },
        defaultConfiguration: { level: LEVEL[severity] },
        properties: {
            tags: ['security', 'secret', 'external/cwe/cwe-798'],
            precision: severity === 'warning' ? 'medium' : 'high',
            'problem.severity': LEVEL[severity],
            'security-severity': SECURITY_SEVERITY[severity]
        }
    };
}
function toResult(finding, ruleIndex) {
    const path = repoRelativePath(finding.path);
    const key = shownKey(finding);
    const added = finding.commit ? ` in commit ${printable(shortCommit(finding.commit))}` : '';
    const removedIn = finding.removed?.commit ? ` ${printable(shortCommit(finding.removed.commit))}` : '';
    const commit = finding.removed
        ? `${added} and removed later${removedIn ? ` in commit${removedIn}` : ''} (still in history)`
        : added;
    const region = {
        startLine: finding.line,
        endLine: finding.line,
        snippet: { text: key }
    };
    if (!finding.removed && finding.startColumn >= 1 && finding.endColumn >= finding.startColumn) {
        region.startColumn = finding.startColumn;
        // SARIF's endColumn is the column after the region; a Finding's is the last column of the key.
        region.endColumn = finding.endColumn + 1;
    }
    return {
        ruleId: finding.detectorId,
        ruleIndex,
        level: LEVEL[finding.severity],
        message: {
            text: `${printable(finding.detectorName)} ${key} committed${commit} (liveness: ${livenessLabel(finding.liveness)}).`
        },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: {
                        uri: path.split('/').map(encodeURIComponent).join('/'),
                        uriBaseId: '%SRCROOT%'
                    },
                    // A key no longer in the head has no line there: the location is the file alone.
                    ...(finding.removed ? {} : { region })
                }
            }
        ],
        partialFingerprints: { [SARIF_FINGERPRINT_KEY]: stableFingerprint(finding, path) },
        properties: {
            commit: finding.commit ?? null,
            ...(finding.removed ? { removedIn: finding.removed.commit ?? null } : {}),
            liveness: livenessLabel(finding.liveness),
            severity: finding.severity,
            fingerprint: finding.fingerprint
        }
    };
}
/**
 * The secret's own fingerprint (detector and secret, nothing positional) joined with a hash of the path, so the
 * same key in two files is two alerts, while rebases, squash merges and line shifts keep the alert.
 */
function stableFingerprint(finding, path) {
    const pathHash = createHash('sha256').update(path).digest('hex').slice(0, 16);
    return `${finding.fingerprint}:${pathHash}`;
}

/** Facts about this tool that reports name (SARIF driver, User-Agent). A test keeps `version` equal to package.json's. */
const TOOL_INFO = {
    version: '1.0.0',
    informationUri: 'https://github.com/openai-key-doctor/openai-key-doctor'
};
/**
 * Bounds of a scan: files over maxFileBytes are skipped (and listed as skipped); lines over maxLineBytes
 * (minified code) are scanned in overlapping windows, so memory stays bounded whatever the repository holds.
 */
const SCAN_LIMITS = {
    maxFileBytes: 10 * 1024 * 1024,
    maxLineBytes: 64 * 1024
};

/**
 * Writes the SARIF log as JSON, creating parent directories, only inside `roots` and never through a link (see
 * safe-write.ts). A relative path is taken from `roots.base` (the workspace, where later steps such as
 * upload-sarif look). Returns the absolute path. Written synchronously, as the run ends: nothing else is waiting,
 * and each thread-pool round trip of an asynchronous write costs more than the write.
 */
function writeSarifFile(file, sarif, roots) {
    return writeFileInside(file, `${JSON.stringify(sarif, null, 2)}\n`, roots);
}
/**
 * Writes the SARIF report to `file`; a file that cannot be written (or is refused) fails the run, in the action
 * and the CLI alike. `option` names where the path came from (`sarif-file`, `--sarif`).
 */
function sarifReporter(file, option, roots) {
    return {
        publish(report) {
            const sarif = buildSarif(report.findings, {
                toolVersion: TOOL_INFO.version,
                informationUri: TOOL_INFO.informationUri
            });
            try {
                return { sarifWritten: writeSarifFile(file, sarif, roots) };
            }
            catch (error) {
                return {
                    failure: {
                        trigger: 'sarif-file',
                        text: `Could not write the SARIF report to ${option} ${JSON.stringify(file)}: ${writeFailure(error)}`
                    }
                };
            }
        }
    };
}

function readGitHubEvent(env) {
    const name = env.GITHUB_EVENT_NAME ?? '';
    const sha = env.GITHUB_SHA || undefined;
    const path = env.GITHUB_EVENT_PATH;
    if (!path)
        return { name, payload: {}, sha };
    try {
        const parsed = JSON.parse(readFileSync(path, 'utf8'));
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
            return { name, payload: {}, sha, problem: 'GITHUB_EVENT_PATH does not hold a JSON object' };
        }
        return { name, payload: parsed, sha };
    }
    catch (error) {
        const reason = error instanceof SyntaxError ? 'is not valid JSON' : 'could not be read';
        return { name, payload: {}, sha, problem: `the event payload at GITHUB_EVENT_PATH ${reason}` };
    }
}
function buildRunContext(env, event) {
    const actor = env.GITHUB_ACTOR ?? stringAt(event.payload, 'sender', 'login') ?? '';
    return {
        eventName: event.name || 'local',
        actor,
        isForkPullRequest: isForkPullRequest(event),
        isDependabot: [actor, env.GITHUB_TRIGGERING_ACTOR ?? ''].includes('dependabot[bot]'),
        inActions: env.GITHUB_ACTIONS === 'true',
        influencingEnvVars: influencingEnvVarNames(env)
    };
}
function isForkPullRequest(event) {
    if (event.name !== 'pull_request' &&
        event.name !== 'pull_request_review' &&
        event.name !== 'pull_request_review_comment') {
        return false;
    }
    const base = stringAt(event.payload, 'pull_request', 'base', 'repo', 'full_name');
    const head = stringAt(event.payload, 'pull_request', 'head', 'repo', 'full_name');
    const headRepoGone = objectAt(event.payload, 'pull_request', 'head') !== undefined && head === undefined;
    return headRepoGone || (base !== undefined && head !== undefined && base !== head);
}
function objectAt(value, ...keys) {
    let current = value;
    for (const key of keys) {
        if (current === null || typeof current !== 'object')
            return undefined;
        current = current[key];
    }
    return current;
}
function stringAt(value, ...keys) {
    const found = objectAt(value, ...keys);
    return typeof found === 'string' ? found : undefined;
}

export { HistoryRefError as H, InputError as I, RevisionRangeError as R, SCAN_LIMITS as S, TOOL_INFO as T, collectTreeLines as a, buildRunContext as b, collectHistoryLines as c, planRevisionRange as d, collectChangedLines as e, collectStagedLines as f, readGitHubEvent as g, planScanRange as h, isVerifiableLeak as i, parseSettings as p, runDoctor as r, sarifReporter as s };
