import { o as openai, a as openAIKeyKind, c as codePoint, P as PROVIDERS, b as causeInfoFor, d as detectProvider, g as gatewayCredentialFor } from './registry-DTkCHu2i.js';
import { t as isProxyEnvVar, u as isClientSetupEnvVar, v as describeEnvVar, x as isOrganizationOrProjectEnvVar, y as providerOf, z as KEY_REJECTED_STATUSES, I as InputError, B as loadAllowlist, D as findLeaks, a as scanSourceOf, E as configuredKeyEvidence, s as scannedUncommitted, p as printable, F as writeFailure, G as writeFileInside } from './run-context-DfXhoXGq.js';
import { r as redact, p as plural, u as upperFirst, l as lowerFirst, s as scrub, f as formatCount } from './words-oY8KSoOb.js';
import { c as classifyProbe } from './classify-7WyjoFd8.js';
import { createHash } from 'node:crypto';
import { s as sortFindings, r as repoRelativePath, a as shownKey, b as shortCommit, h as hasLine, l as livenessLabel } from './group-D6p1u0iz.js';

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
function citer(quoted) {
    return {
        after: answer => (answer === quoted ? '' : ` (${evidenceOf(answer)})`),
        lead: (answer, clause) => (answer === quoted ? upperFirst(clause) : `${evidenceOf(answer)}: ${clause}`),
        whole: answer => (answer === quoted ? answer.detail : citeAnswer(answer))
    };
}
/** Every answer cited by its status and code: a row read on its own (the JSON report) says what it rests on. */
const IN_FULL = citer();
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
    // The proxy row confirms these only when a header this step did not send came back: the verdict's cause says so.
    'organization-mismatch': ['other-account', 'proxy'],
    'unknown-organization': ['other-account', 'proxy'],
    'project-mismatch': ['other-account', 'proxy'],
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
    const pointing = facts.quoted ? citer(facts.quoted) : undefined;
    return CHECKLIST_IDS.map(id => {
        const judge = (cite) => withheld ? ['not-checkable', withheld] : JUDGES[id](facts, cite);
        const [verdict, evidence, places] = judge(IN_FULL);
        const beside = pointing ? judge(pointing)[1] : evidence;
        const verdictCause = verdict === 'confirmed' && verdictRows.includes(id);
        return {
            id,
            title: TITLES[id],
            verdict,
            evidence,
            ...(beside !== evidence ? { besideVerdict: beside } : {}),
            ...(places ? { places } : {}),
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
    typo: (facts, cite) => {
        const { format, answer } = facts;
        if (format.empty || format.keyType === '')
            return ['not-checkable', 'There is no key to check.'];
        if (answer?.status === 'valid')
            return ['ruled-out', 'The API accepted the key, so its characters are right.'];
        if (answer && KEY_RECOGNISED.has(answer.cause)) {
            return [
                'ruled-out',
                `The API recognised the key${cite.after(answer)}, which a mistyped key cannot get.`
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
                `${cite.lead(answer, 'a mistyped key and a revoked one get the same answer, so both remain possible.')}${echo}${leaked}`
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
            `Only the API can tell a mistyped key from a real one, and ${noAnswerReason(facts, cite)}.`
        ];
    },
    placeholder: facts => {
        const { format, answer } = facts;
        const placeholder = format.problems.find(problem => problem.cause === 'placeholder');
        if (placeholder)
            return ['confirmed', `The secret ${placeholder.detail}.`];
        if (format.empty || format.keyType === '')
            return ['not-checkable', 'There is no key to check.'];
        const other = format.problems.find(problem => problem.cause === 'not-openai-key');
        if (other)
            return ['ruled-out', `The secret ${other.detail}, not a placeholder.`];
        const accepted = answer?.status === 'valid' ? ', and the API accepted it' : '';
        const looks = format.cause === 'unknown-format'
            ? 'The secret matches none of the known placeholder patterns and has enough randomness'
            : `The secret has the shape of an OpenAI ${format.keyType} key and enough randomness to be real`;
        return ['ruled-out', `${looks}${accepted}.`];
    },
    'other-account': (facts, cite) => {
        const { format, answer, run } = facts;
        const other = format.problems.find(problem => problem.cause === 'not-openai-key');
        if (other)
            return ['confirmed', `The secret ${other.detail}.`];
        if (!answer)
            return ['not-checkable', `Only the API can tell whose key it is, and ${noAnswerReason(facts, cite)}.`];
        switch (answer.cause) {
            case 'organization-mismatch':
            case 'unknown-organization':
            case 'project-mismatch':
                return ['confirmed', cite.whole(answer)];
            case 'no-organization':
                return [
                    'confirmed',
                    cite.lead(answer, "the key's user is no longer a member of the organization or project it was created in.")
                ];
            case 'insufficient-quota':
            case 'billing-not-active':
                return [
                    'likely',
                    cite.lead(answer, 'the key\'s organization has no usable credit. If credit was bought in another organization (for example "Personal"), the key belongs to the wrong one.')
                ];
            case 'invalid-api-key':
                return [
                    'not-checkable',
                    `${cite.lead(answer, 'the answer does not say whose key it was.')} A key of another account works unless it was revoked, so compare: ${keysPage(facts)}`
                ];
        }
        if (answer.status === 'valid' && facts.refusedModel) {
            return [
                'likely',
                `The key works, but its project cannot use a required model, so it may belong to another project than the one with access. ${cite.whole(facts.refusedModel)}`
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
            return ['ruled-out', `The API matched the key to its organization and project${cite.after(answer)}.`];
        }
        return ['not-checkable', `Only the API can tell whose key it is, and ${noAnswerReason(facts, cite)}.`];
    },
    whitespace: (facts, cite) => {
        const { format, answer } = facts;
        const found = format.problems.filter(problem => problem.cause === 'whitespace');
        if (found.length > 0) {
            const live = answer?.status === 'valid' && format.cleaned !== undefined ? ' Without it, the key is live.' : '';
            return ['confirmed', `The secret ${joinDetails(found)}.${live}`];
        }
        if (answer?.cause === 'whitespace')
            return ['confirmed', cite.whole(answer)];
        if (format.empty)
            return ['not-checkable', 'There is no key to check.'];
        return [
            'ruled-out',
            `No spaces, tabs, line breaks or invisible characters around or inside the ${format.fingerprint?.length ?? 0}-character secret.`
        ];
    },
    revoked: (facts, cite) => {
        const { format, answer, repo } = facts;
        if (format.empty || format.keyType === '')
            return ['not-checkable', 'There is no key to check.'];
        if (!answer)
            return [
                'not-checkable',
                `Only the API knows whether a key was revoked, and ${noAnswerReason(facts, cite)}.`
            ];
        const leak = committed(repo);
        switch (answer.cause) {
            case 'account-deactivated':
            case 'access-terminated':
                return ['confirmed', cite.lead(answer, `every key of the account stopped working. ${answer.detail}`)];
            case 'no-organization':
                return [
                    'likely',
                    cite.lead(answer, "the key's user was removed from the organization or project, which disables the key.")
                ];
            case 'project-archived':
                return [
                    'confirmed',
                    cite.lead(answer, "the key's project is archived, which disables all of its keys.")
                ];
            case 'invalid-api-key': {
                if (leak && facts.provider === 'openai') {
                    return [
                        'likely',
                        `This key is committed at ${formatLocations(leak)}. OpenAI disables keys it finds published, and a revoked key gets the same answer${cite.after(answer)} as a typo.`
                    ];
                }
                const gap = repo?.historyNotFullySearched;
                const clean = repo?.checkedHistory
                    ? ' The key does not appear in the repository history, so it was not leaked there.'
                    : gap
                        ? ` The key is not in the ${plural(gap.commits, 'commit')} searched, but older commits were not searched, so a leak there is not ruled out${gap.fix ? `: ${gap.fix}` : ''}.`
                        : '';
                return [
                    'likely',
                    `${cite.lead(answer, 'a revoked or deleted key gets the same answer as a mistyped one.')}${clean}`
                ];
            }
        }
        if (answer.status === 'valid')
            return ['ruled-out', 'The API accepted the key, so it is neither revoked nor expired.'];
        if (KEY_RECOGNISED.has(answer.cause))
            return ['ruled-out', `The API recognised the key${cite.after(answer)}, so it is not revoked.`];
        return [
            'not-checkable',
            `Only the API knows whether a key was revoked, and ${noAnswerReason(facts, cite)}.`
        ];
    },
    'env-var-name': facts => {
        const { format, repo } = facts;
        const mixUp = format.problems.find(isVariableMixUp);
        if (mixUp)
            return ['confirmed', `The secret ${mixUp.detail}.`];
        if (repo?.envVarName && repo.envVarName.length > 0)
            return placesJudgement('likely', repo.envVarName);
        if (repo?.envVarNamesNotChecked)
            return ['not-checkable', `Not checked: ${repo.envVarNamesNotChecked}.`];
        if (repo?.checkedEnvVarNames && repo.notFullyChecked?.length)
            return notFullyChecked(repo);
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
    'client-setup': (facts, cite) => {
        const { answer, run } = facts;
        if (answer?.cause === 'auth-scheme-mismatch' || answer?.cause === 'endpoint-not-found')
            return ['confirmed', cite.whole(answer)];
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
    proxy: (facts, cite) => {
        const { answer, run } = facts;
        const proxies = run.influencingEnvVars.filter(isProxyEnvVar);
        const through = proxies.length > 0 ? ` through ${listNames(proxies)}` : '';
        if (!answer)
            return ['not-checkable', `The network path was not tested: ${noAnswerReason(facts, cite)}.`];
        if (answer.cause === 'auth-header-stripped' ||
            answer.cause === 'request-blocked' ||
            answer.cause === 'gateway-auth-failed')
            return ['confirmed', `${cite.whole(answer)}${proxyNote(proxies)}`];
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
                `${intact}${cite.after(answer)}, over this runner's network path${through}. Another path (your app's host or container) may still differ.`
            ];
        }
        if (answer.httpStatus !== undefined) {
            return [
                'likely',
                `${cite.whole(answer)} Something in front of the API answered instead of the API itself.${proxyNote(proxies)}`
            ];
        }
        if (proxies.length > 0)
            return ['likely', `${cite.whole(answer)} Requests go${through}.`];
        return [
            'not-checkable',
            `No answer arrived${cite.after(answer)}, so the network path could not be tested.`
        ];
    },
    'outdated-library': facts => {
        const { repo, format } = facts;
        if (repo?.outdatedLibrary && repo.outdatedLibrary.length > 0)
            return placesJudgement('likely', repo.outdatedLibrary);
        if (repo?.librariesNotChecked)
            return ['not-checkable', `Not checked: ${repo.librariesNotChecked}.`];
        if (repo?.checkedLibraries && repo.notFullyChecked?.length)
            return notFullyChecked(repo);
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
/**
 * The answer with what it means, for text that quotes it on its own (a checklist row, a note, a model's row):
 * "HTTP 401 invalid_api_key: The API does not accept this key." The verdict's own answer is quoted once by the
 * reports' server-said line instead, and its detail is the cause's last words.
 */
function citeAnswer(answer) {
    return answer.httpStatus === undefined ? answer.detail : `${evidenceOf(answer)}: ${answer.detail}`;
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
/** Repository checks that found nothing but were cut short rule nothing out. */
function notFullyChecked(repo) {
    const why = (repo.notFullyChecked ?? []).map(cut => cut.detail).join('; ');
    return ['not-checkable', `Not fully checked, so nothing is ruled out: ${why}.`];
}
/** How many places a row's evidence names before "and N more". */
const PLACES_SHOWN = 3;
/** "a.ts:3 (commit 1a2b3c4): message; b.ts:9 and 2 more". */
function formatEvidence(list) {
    const { shown, more } = evidenceParts(list);
    return `${shown.join('; ')}${more > 0 ? ` and ${more} more` : ''}`;
}
/** The first PLACES_SHOWN places, one string each, and how many more there are. */
function evidenceParts(list) {
    const shown = list.slice(0, PLACES_SHOWN).map(item => {
        const commit = item.commit ? ` (commit ${item.commit.slice(0, 7)})` : '';
        return `${item.path}${item.line > 0 ? `:${item.line}` : ''}${commit}${item.message ? `: ${item.message}` : ''}`;
    });
    return { shown, more: Math.max(0, list.length - PLACES_SHOWN) };
}
/** A verdict whose evidence is a list of places: the sentence, and the places one by one for line-per-place reports. */
function placesJudgement(verdict, list) {
    const { shown, more } = evidenceParts(list);
    return [verdict, formatEvidence(list), more > 0 ? [...shown, `and ${more} more`] : shown];
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
function noAnswerReason(facts, cite) {
    const { format, answer } = facts;
    if (format.empty || format.keyType === '')
        return 'there is no key';
    if (!facts.liveness)
        return 'liveness is off';
    if (answer?.cause === 'auth-header-stripped')
        return `the key never reached the API${cite.after(answer)}`;
    if (answer)
        return `the API gave no usable answer${cite.after(answer)}`;
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
const LOCAL_UNSET = 'OPENAI_API_KEY is not set (or empty) in this shell';
function diagnose(input) {
    const { format, settings } = input;
    const keyAnswer = input.cleanedLive ?? input.live;
    const verdict = decide(input);
    // The answer whose words the verdict quotes (the server-said line): every verdict that came from an error.
    const quoted = verdict.answer?.httpStatus !== undefined && verdict.status !== 'valid' ? verdict.answer : undefined;
    const requestId = requestIdOf(input, verdict);
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
        verdictCause: verdict.cause,
        ...(quoted ? { quoted } : {})
    });
    const diagnosis = {
        keyStatus: verdict.status,
        cause: verdict.cause,
        keyType: format.keyType,
        headline: headline(input, verdict),
        explanation: explanation(input, verdict),
        fix: fix(input, verdict),
        ...(format.fingerprint ? { fingerprint: format.fingerprint } : {}),
        ...(requestId ? { requestId } : {}),
        ...(quoted ? { serverSaid: serverSaid(quoted) } : {}),
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
        ...(answer.apiMessage ? { message: answer.apiMessage } : {}),
        ...(answer.truncatedBody ? { truncated: true } : {})
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
        // The headline says the variable is not set; the cause says what that means here.
        return 'Without a key there is nothing to check against the API.';
    }
    // The headline says the key is valid (and which models it can use): the answer's own words would repeat it.
    if (verdict.status === 'valid')
        return 'The API at `base-url` accepted the key.';
    // The status, code and message are the server-said line's, and the explanation says what the cause means:
    // the answer adds only its own facts (who sent a header, what the echo shows), when it has any.
    const detail = verdict.answer?.facts ? ` ${verdict.answer.facts}` : '';
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
        // Where the key was removed later, there is nothing left to remove: only the history keeps it.
        const present = leaked.filter(item => !item.removed);
        const revoke = 'so revoke it if it still shows at https://platform.openai.com/api-keys';
        return present.length > 0
            ? `Remove the key from ${formatLocations(present)} and keep the new one only in secrets; the old key stays in the git history, ${revoke}. ${info.fix}`
            : `The key is no longer in the files, but the git history keeps it, ${revoke}; keep the new one only in secrets. ${info.fix}`;
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
        result.push(`Sent as it is, the key got ${citeAnswer(live)}`);
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
        return { id, accessible: undefined, detail: `could not check: ${citeAnswer(answer)}` };
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
function scrubDiagnosis(diagnosis, secrets) {
    const clean = (text) => scrub(text, secrets);
    return {
        ...diagnosis,
        headline: clean(diagnosis.headline),
        explanation: clean(diagnosis.explanation),
        fix: clean(diagnosis.fix),
        notes: diagnosis.notes.map(clean),
        checklist: diagnosis.checklist.map(item => ({
            ...item,
            evidence: clean(item.evidence),
            ...(item.besideVerdict ? { besideVerdict: clean(item.besideVerdict) } : {}),
            ...(item.places ? { places: item.places.map(clean) } : {})
        })),
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
    // A staged key is not committed yet (the hook blocks the commit). The count is the leak section's to say
    // (every report has one when keys were found): the reason names the rule and what failed, once.
    const keys = (count) => {
        const kind = args.staged ? 'staged' : 'committed';
        return count === 1 ? `a ${kind} key` : `${kind} keys`;
    };
    if (failOn.has('leak') && args.leaks > 0)
        add('leak', `fail-on leak: ${keys(args.leaks)} found`);
    if (failOn.has('leak') && args.unscanned?.range)
        add('unscanned', `fail-on leak: part of the ${args.unscanned.wholeHistory ? 'history' : 'change'} could not be scanned for keys`);
    if (failOn.has('leak') && (args.unscanned?.files ?? 0) > 0) {
        add('unscanned', `fail-on leak: ${plural(args.unscanned?.files ?? 0, 'file')} could not be scanned for keys`);
    }
    if (failOn.has('live-leak') && args.liveLeaks > 0) {
        add('live-leak', `fail-on live-leak: ${keys(args.liveLeaks)} verified live`);
    }
    return { fail: reasons.length > 0, reasons };
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
        const { createOpenAIClient } = await import('./client-BvNtOs1c.js');
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
        const explain = probes !== undefined && needsExplaining(probes);
        const repoFiles = explain && input.source ? await readRepoFilesAlong(input.source, workspace) : undefined;
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
                runNotes.push(`${notCheckedLive(verifiable.size)}: keys found in a fork pull request are never sent, or anyone could use this workflow to test keys. Treat ${them(verifiable.size)} as live.`);
            }
            else if (settings.verifyLeaks && settings.liveness && verifiable.size > 0) {
                const known = reusableAnswers(settings, probes);
                // Found OpenAI keys are only sent where OpenAI answers; elsewhere only the configured key's answer is reused.
                const checkable = provider.verifiesOpenAIKeys
                    ? leakScan.findings
                    : leakScan.findings.filter(finding => known.has(finding.secret));
                const unchecked = [...verifiable].filter(secret => !checkable.some(finding => finding.secret === secret));
                if (unchecked.length > 0) {
                    runNotes.push(`${notCheckedLive(unchecked.length)}: \`base-url\` is ${provider.name}, which cannot tell whether an OpenAI key works. Treat ${them(unchecked.length)} as live: revoke ${them(unchecked.length)} at https://platform.openai.com/api-keys.`);
                }
                onPhase({ step: 'verifying', keys: Math.min(verifiable.size - unchecked.length, MAX_VERIFIED_KEYS) });
                const { notProbed } = await verifyLeaks(checkable, await newClient(false), known);
                if (notProbed > 0) {
                    runNotes.push(`${notCheckedLive(notProbed, 'more ')}: at most ${MAX_VERIFIED_KEYS} are checked per run. Treat ${them(notProbed)} as live.`);
                }
            }
        }
        const repoChecks = explain ? await checkRepository(workspace, repoFiles?.sharedFileSet()) : undefined;
        const sweep = probes &&
            isInvalid(probes) &&
            !(leakScan && scanSourceOf(leakScan.coverage).wholeHistory) &&
            input.history
            ? await sweepHistoryForKey(await input.history(), settings.apiKey, onPhase)
            : undefined;
        const scans = [leakScan, sweep].filter(scan => scan !== undefined);
        // Only a scan of every commit can tell that the key was never committed: a range, or a shallow clone's few
        // commits, cannot.
        const historyScan = leakScan && scanSourceOf(leakScan.coverage).wholeHistory ? leakScan : sweep;
        const repo = {
            ...(repoChecks ?? {}),
            ...(scans.length > 0
                ? {
                    configuredKeyCommitted: uniqueEvidence(scans.flatMap(scan => configuredKeyEvidence(scan.findings))),
                    checkedHistory: historyScan !== undefined && !historyScan.coverage.incomplete
                }
                : {}),
            ...(historyScan?.coverage.incomplete
                ? { historyNotFullySearched: historyGap(historyScan.coverage) }
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
            staged: scannedUncommitted(leakScan?.coverage),
            ...(leakScan
                ? {
                    unscanned: {
                        files: leakScan.coverage.skipped.filter(entry => entry.unscanned).length,
                        range: leakScan.coverage.incomplete,
                        wholeHistory: scanSourceOf(leakScan.coverage).wholeHistory === true
                    }
                }
                : {})
        });
        return {
            ...(diagnosis ? { diagnosis } : {}),
            ...(leakScan ? { leakScan } : {}),
            ...(allowlist ? { allowlist } : {}),
            repo,
            repoNotes: [
                ...runNotes,
                ...(repoChecks?.notFullyChecked ?? []).map(cut => `Repository not fully checked: ${cut.detail}.`)
            ],
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
/** How much of the history was searched for the key, and how to search all of it. */
function historyGap(coverage) {
    const fix = coverage.skipped.find(entry => entry.fix !== undefined)?.fix;
    return { commits: coverage.commits, ...(fix ? { fix } : {}) };
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
async function checkRepository(workspace, files) {
    const { runRepoChecks } = await import('./repo-checks-oLAJDzPm.js');
    return runRepoChecks(workspace, files ? { files } : {});
}
/**
 * A source that reads the checkout (the tree scan) shows each file to the repository checks as it reads it: the
 * checkout is listed and read once. Undefined when the source does not read the checkout.
 */
async function readRepoFilesAlong(source, workspace) {
    if (!source.observeFiles)
        return undefined;
    const { RepoFileCollector } = await import('./repo-checks-oLAJDzPm.js');
    const collector = await RepoFileCollector.at(workspace).catch(() => undefined);
    if (collector)
        source.observeFiles(collector);
    return collector;
}
/** The configured key's answer can stand for its leaked copies only when no organization/project header changed it. */
function reusableAnswers(settings, probes) {
    const answer = probes?.live ?? probes?.cleanedLive;
    if (!probes?.sentKey || !answer || settings.organization || settings.project)
        return new Map();
    return new Map([[probes.sentKey, answer]]);
}
/** "1 found key was not checked live", "3 more found keys were not checked live": no "(s)". */
function notCheckedLive(count, more = '') {
    return `${formatCount(count)} ${more}found ${count === 1 ? 'key was' : 'keys were'} not checked live`;
}
function them(count) {
    return count === 1 ? 'it' : 'them';
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
    const rules = buildRules(findings, options.staged === true);
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
                results: kept.map(finding => toResult(finding, ruleIndex.get(finding.detectorId) ?? 0, options.staged === true))
            }
        ]
    };
}
function buildRules(findings, staged) {
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
        .map(([id, { name, severity }]) => rule(id, printable(name), severity, staged));
}
/** What the rule's help says: a committed key is exposed for good; a staged one only if it was ever shared. */
function ruleHelp(id, name, staged) {
    const allowList = 'If the match is a test value, allow-list it with the inline marker comment, a path glob or its fingerprint';
    if (staged) {
        const advice = 'Take the key out of the staged files before committing, and read it from a secret or an environment variable instead. ' +
            'Revoke a real key only if it was ever shared (pushed, pasted or sent elsewhere).';
        return {
            text: `A ${name} is staged to be committed; the commit was blocked, so it is not in git history. ${advice} ${allowList}.`,
            markdown: `A **${name}** is staged to be committed; the commit was blocked, so it is not in git history.\n\n${advice}\n\n${allowList}.`
        };
    }
    const revoke = providerOf(id) === 'openai'
        ? 'Revoke the key at https://platform.openai.com/api-keys (OpenAI may already have disabled it: its leak detection revokes keys it finds in public code), create a new one and store it as an encrypted secret.'
        : 'Revoke the key with its provider, create a new one and store it as an encrypted secret.';
    return {
        text: `A ${name} was committed to the repository. Anyone who can read the repository or its history can use it. ` +
            `${revoke} Deleting the line in a later commit does not help: the key stays in git history. ${allowList}.`,
        markdown: `A **${name}** was committed to the repository. Anyone who can read the repository or its history can use it.\n\n` +
            `1. ${revoke}\n` +
            '2. Replace the value in code with a reference to the secret (for example `${{ secrets.OPENAI_API_KEY }}` in a workflow, or an environment variable).\n' +
            '3. Deleting the line in a later commit does not help: the key stays in git history. Treat it as exposed.\n\n' +
            `${allowList} (see the job summary).`
    };
}
function rule(id, name, severity, staged) {
    const { text, markdown } = ruleHelp(id, name, staged);
    return {
        id,
        name: name
            .replace(/[^A-Za-z0-9]+(.)?/g, (_, next) => (next ?? '').toUpperCase())
            .replace(/^./, c => c.toUpperCase()),
        shortDescription: { text: `${staged ? 'Staged' : 'Committed'} ${name}` },
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
function toResult(finding, ruleIndex, staged) {
    const path = repoRelativePath(finding.path);
    const key = shownKey(finding);
    const added = finding.commit ? ` in commit ${printable(shortCommit(finding.commit))}` : '';
    const removedIn = finding.removed?.commit ? ` ${printable(shortCommit(finding.removed.commit))}` : '';
    const commit = (finding.inFileName ? ' in the file name' : '') +
        (finding.removed
            ? `${added} and removed later${removedIn ? ` in commit${removedIn}` : ''} (still in history)`
            : added);
    const region = {
        startLine: finding.line,
        endLine: finding.line,
        snippet: { text: key }
    };
    if (hasLine(finding) && finding.startColumn >= 1 && finding.endColumn >= finding.startColumn) {
        region.startColumn = finding.startColumn;
        // SARIF's endColumn is the column after the region; a Finding's is the last column of the key.
        region.endColumn = finding.endColumn + 1;
    }
    return {
        ruleId: finding.detectorId,
        ruleIndex,
        level: LEVEL[finding.severity],
        message: {
            text: `${printable(finding.detectorName)} ${key} ${staged ? 'staged' : 'committed'}${commit} (liveness: ${livenessLabel(finding.liveness)}).`
        },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: {
                        uri: path.split('/').map(encodeURIComponent).join('/'),
                        uriBaseId: '%SRCROOT%'
                    },
                    // A key in a file name, or one no longer in the head, has no line: the location is the file alone
                    // (its path redacted, as every name that carries a key is).
                    ...(hasLine(finding) ? { region } : {})
                }
            }
        ],
        partialFingerprints: { [SARIF_FINGERPRINT_KEY]: stableFingerprint(finding, path) },
        properties: {
            commit: finding.commit ?? null,
            ...(finding.removed ? { removedIn: finding.removed.commit ?? null } : {}),
            ...(finding.inFileName ? { inFileName: true } : {}),
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
 * Bounds of a scan: the tree scan reads files up to maxFileBytes whole and larger ones in chunks (see
 * git/tree.ts); lines over maxLineBytes (minified code) are scanned in overlapping windows, so memory stays
 * bounded whatever the repository holds.
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
                informationUri: TOOL_INFO.informationUri,
                staged: scannedUncommitted(report.coverage)
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

export { SCAN_LIMITS as S, TOOL_INFO as T, isVerifiableLeak as i, runDoctor as r, sarifReporter as s };
