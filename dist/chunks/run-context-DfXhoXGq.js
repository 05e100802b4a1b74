import { r as redact, p as plural, f as formatCount, u as upperFirst } from './words-oY8KSoOb.js';
import { O as OPENAI_MARKER, e as OPENAI_KIND_PREFIXES, A as AUTH_SCHEME_CHOICES, f as PROVIDER_CHOICES } from './registry-DTkCHu2i.js';
import { C as CheckoutReader, N as NOT_FOLLOWED, D as DEFAULT_GIT_TIMEOUT_MS, j as runGit, G as GitError, k as streamGit, m as runGitBytes, n as groupBy, d as secondsSince, f as formatBytes, c as checkoutRoot, o as isOpen, p as readFully, s as sortFindings, b as shortCommit, q as isSha$1, r as repoRelativePath, g as sentence, a as shownKey } from './group-D6p1u0iz.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isAscii, isUtf8 } from 'node:buffer';
import { availableParallelism } from 'node:os';
import { closeSync, constants, openSync, writeSync, renameSync, rmSync, realpathSync, mkdirSync, lstatSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/**
 * `<detectorId>:<first 16 hex digits of sha256(secret)>`, e.g. `openai-project-key:3f9a0c1d2e4b5a67`.
 *
 * Built from the detector and the secret only, never from the path, line or commit, so it survives
 * rebases, squash merges and moved code (gitleaks' `commit:file:rule:line` fingerprints break on all of
 * those: gitleaks #979, #1355). One fingerprint therefore names one secret wherever it appears: listing it in
 * `.openai-key-doctor-ignore` accepts that secret everywhere, and the report groups places by it. 64 bits
 * of a hash reveal nothing usable about a random key.
 */
function fingerprint(detectorId, secret) {
    return `${detectorId}:${crypto().createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
}
/** node:crypto, loaded when the first finding needs it: most runs find nothing, and loading it costs a few ms. */
function crypto() {
    return process.getBuiltinModule('node:crypto');
}
const FINGERPRINT_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*:[0-9a-f]{16}$/;

/**
 * Inline markers: ours, and those of gitleaks, trufflehog and detect-secrets, so a team switching over
 * keeps the markers it already has.
 */
const INLINE_MARKER$1 = /openai-key-doctor:allow|gitleaks:allow|trufflehog:ignore|pragma:\s*allowlist secret/i;
/**
 * The allowlist of a repository, from the text of its `.openai-key-doctor-ignore` (one fingerprint per
 * line; `#` starts a comment; blank lines are ignored) and its path globs (`isAllowedPath`, made by
 * compilePathGlobs).
 *
 * The workflow's own key (severity `critical`, the live production key) is accepted only by its
 * fingerprint: an entry names that one secret on purpose, whereas a path glob or a marker comment may
 * have been written for test data, or by the same change that commits the key.
 */
function parseAllowlist(fingerprintFileText, isAllowedPath = () => false) {
    const fingerprints = new Set();
    const invalidLines = [];
    const lines = fingerprintFileText?.split(/\r?\n/) ?? [];
    lines.forEach((raw, index) => {
        const entry = raw.replace(/#.*/, '').trim().toLowerCase();
        if (entry === '')
            return;
        if (FINGERPRINT_PATTERN.test(entry))
            fingerprints.add(entry);
        else
            invalidLines.push(index + 1);
    });
    // Every finding of a line asks about the same line: one marker search per line, not per finding (a
    // 3.6 MB line with 100,000 keys would otherwise be searched 100,000 times).
    let markerLine;
    let markerLineHasMarker = false;
    const hasInlineMarker = (lineText) => {
        if (lineText !== markerLine) {
            markerLine = lineText;
            markerLineHasMarker = INLINE_MARKER$1.test(lineText);
        }
        return markerLineHasMarker;
    };
    return {
        invalidLines,
        allowedBy(finding, lineText) {
            if (fingerprints.has(finding.fingerprint))
                return 'fingerprint';
            if (finding.severity === 'critical')
                return undefined;
            if (hasInlineMarker(lineText))
                return 'inline-marker';
            if (isAllowedPath(finding.path))
                return 'path';
            return undefined;
        }
    };
}

const ALLOWLIST_FILE = '.openai-key-doctor-ignore';
const INLINE_MARKER = 'openai-key-doctor:allow';
/** A real allowlist is a few KiB; a bigger "allowlist" is not one worth holding in memory. */
const MAX_ALLOWLIST_BYTES = 1024 * 1024;
/**
 * Reads `.openai-key-doctor-ignore` from the repository root: one finding fingerprint per line
 * (`detector:16 hex digits`, shown in the summary and SARIF) or `path: <glob>`; `#` starts a comment.
 */
async function loadAllowlist(workspace) {
    return parseAllowlistFile(await readAllowlistFile(workspace));
}
/** The allow-list as a commit has it (a pull request's base), from the file's bytes; undefined: no file. */
async function allowlistFromBytes(bytes) {
    if (bytes === undefined)
        return parseAllowlistFile({});
    if (bytes.length > MAX_ALLOWLIST_BYTES) {
        return parseAllowlistFile({
            problem: `${ALLOWLIST_FILE} is larger than 1 MiB: not read, so it allows nothing`
        });
    }
    return parseAllowlistFile({ text: bytes.toString('utf8') });
}
/**
 * A pull request's own changes to the allow-list do not take effect (the base's applies): what they would accept
 * is said, so a reviewer sees it before merging. `proposed` is the checkout's allow-list, `findings` what the
 * base's let through.
 */
function proposedAllowlistNote(proposed, findings, changed) {
    const accepted = findings.filter(finding => proposed.allowedBy(finding, '') !== undefined).length;
    if (!changed && accepted === 0)
        return undefined;
    const would = accepted === 0
        ? 'it would accept none of the findings'
        : `it would accept ${accepted} of the findings reported here`;
    return (`This pull request changes ${ALLOWLIST_FILE}; the base branch's version applies until it is merged, so the ` +
        `change hides nothing now: ${would}. Review it before merging.`);
}
async function parseAllowlistFile({ text, problem }) {
    const globs = [];
    const fingerprintLines = (text ?? '').split(/\r?\n/).map(line => {
        const glob = /^\s*path:\s*(.+?)\s*$/.exec(line.replace(/\s#.*$/, ''));
        if (!glob)
            return line;
        globs.push(glob[1]);
        return '';
    });
    const globProblems = [];
    const isAllowedPath = globs.length > 0
        ? (await import('./path-globs-XOJ4gxt4.js')).compilePathGlobs(globs, problem => globProblems.push(`${ALLOWLIST_FILE}: ${problem}`))
        : undefined;
    const allowlist = parseAllowlist(text === undefined ? undefined : fingerprintLines.join('\n'), isAllowedPath);
    const problems = allowlist.invalidLines.map(line => `${ALLOWLIST_FILE} line ${line} is neither a fingerprint (detector:16 hex digits), a \`path: <glob>\` nor a comment`);
    return {
        allowlist,
        found: text !== undefined || problem !== undefined,
        problems: [...(problem ? [problem] : []), ...problems, ...globProblems]
    };
}
/**
 * The file comes from the checked-out change, so it is hostile: it is read through the checkout reader (a
 * symbolic link, which could point at any file of the runner, or at a FIFO or /dev/zero, is not followed; only
 * a regular file of bounded size is read).
 */
async function readAllowlistFile(workspace) {
    const notRead = (why) => ({ problem: `${ALLOWLIST_FILE} ${why}: not read, so it allows nothing` });
    let read;
    try {
        read = (await CheckoutReader.at(workspace)).readWhole(ALLOWLIST_FILE, MAX_ALLOWLIST_BYTES);
    }
    catch {
        return {};
    }
    if ('bytes' in read)
        return { text: read.bytes.toString('utf8') };
    if ('tooLarge' in read)
        return notRead('is larger than 1 MiB');
    if ('missing' in read)
        return {};
    if (read.refused.reason === NOT_FOLLOWED)
        return notRead('is a symbolic link');
    return notRead(read.refused.unreadable ? read.refused.reason : 'is not a regular file');
}

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

const asciiCounts = new Int32Array(128);
/**
 * Shannon entropy in bits per character of `text.slice(start, end)`, without copying it: 0 for a run of
 * one character, log2(n) for n distinct characters. Counts UTF-16 code units.
 */
function shannonEntropy(text, start = 0, end = text.length) {
    const length = end - start;
    if (length <= 0)
        return 0;
    let other;
    for (let i = start; i < end; i++) {
        const code = text.charCodeAt(i);
        if (code < 128)
            asciiCounts[code]++;
        else {
            other ??= new Map();
            other.set(code, (other.get(code) ?? 0) + 1);
        }
    }
    let entropy = 0;
    for (let i = start; i < end; i++) {
        const code = text.charCodeAt(i);
        if (code < 128 && asciiCounts[code] > 0) {
            entropy -= entropyTerm(asciiCounts[code], length);
            asciiCounts[code] = 0;
        }
    }
    other?.forEach(count => (entropy -= entropyTerm(count, length)));
    return entropy;
}
/** p·log2(p) for a character seen `count` times in `length`. */
function entropyTerm(count, length) {
    const p = count / length;
    return p * Math.log2(p);
}

/** Key bodies are base64url: `[A-Za-z0-9_-]`. */
function isBase64UrlChar(code) {
    return ((code >= 97 && code <= 122) || // a-z
        (code >= 65 && code <= 90) || // A-Z
        (code >= 48 && code <= 57) || // 0-9
        code === 45 || // -
        code === 95 // _
    );
}
function isHexDigit(code) {
    return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}
/**
 * True when a token may start at `index`: at the start of the text, after a character that cannot be part
 * of a key, or right after an escape whose last character happens to be alphanumeric: `\n`, `\r`, `\t`
 * (escaped JSON, "line one\nsk-…"), `%22` (URL-encoded quote), `\u0022`, `\x22`.
 */
function startsAfterBoundary(text, index) {
    if (index === 0 || !isBase64UrlChar(text.charCodeAt(index - 1)))
        return true;
    return (endsWithLetterEscape(text, index) ||
        endsWithHexEscape(text, index, '%', 2) ||
        endsWithHexEscape(text, index, '\\u', 4) ||
        endsWithHexEscape(text, index, '\\x', 2));
}
/** `\n`, `\r` or `\t` right before `index`. */
function endsWithLetterEscape(text, index) {
    const letter = text[index - 1];
    return text.charCodeAt(index - 2) === 92 && (letter === 'n' || letter === 'r' || letter === 't');
}
function endsWithHexEscape(text, index, introducer, digits) {
    const introducerStart = index - digits - introducer.length;
    if (introducerStart < 0 || !text.startsWith(introducer, introducerStart))
        return false;
    for (let i = index - digits; i < index; i++)
        if (!isHexDigit(text.charCodeAt(i)))
            return false;
    return true;
}
/** End of the run of base64url characters that starts at `index`. */
function base64UrlRunEnd(text, index) {
    let end = index;
    while (end < text.length && isBase64UrlChar(text.charCodeAt(end)))
        end++;
    return end;
}
const SK_PREFIX = 'sk-';
/**
 * Calls `visit(start, end)` for every whole `sk-…` token in `text`: `sk-` at a token boundary followed by
 * the longest run of base64url characters. Keys may end in `-` or `_`, so the end is wherever the run
 * stops, never a regex `\b` (which cuts a trailing `-` off or misses the key entirely).
 */
function forEachSkToken(text, visit) {
    let from = 0;
    for (;;) {
        const start = text.indexOf(SK_PREFIX, from);
        if (start === -1)
            return;
        if (!startsAfterBoundary(text, start)) {
            from = start + 1;
            continue;
        }
        const end = base64UrlRunEnd(text, start + SK_PREFIX.length);
        visit(start, end);
        from = end;
    }
}
/** Index of `literal` inside text[from, end), or -1; never reads past `end`. */
function indexWithin(text, literal, from, end) {
    if (end - from < literal.length)
        return -1;
    const index = text.slice(from, end).indexOf(literal);
    return index === -1 ? -1 : from + index;
}
/**
 * True for strings a person typed rather than a generator drew: runs and repeats such as `aaaa…`,
 * `abcdef…`, `123456…`, `abc123abc123…`, `1a2b3c…`. Counts neighbours (at distance 1 and 2) whose
 * character codes differ by at most one. Random base64url strings of 32+ characters have under 30% such
 * pairs and random hex under 55% (200k-sample simulation); typed sequences 65–100%. Threshold: 60%.
 */
function isPatterned(text, start, end) {
    return neighbourSimilarity(text, start, end, 1) >= 0.6 || neighbourSimilarity(text, start, end, 2) >= 0.6;
}
function neighbourSimilarity(text, start, end, distance) {
    const pairs = end - start - distance;
    if (pairs <= 0)
        return 1;
    let similar = 0;
    for (let i = start + distance; i < end; i++) {
        const difference = text.charCodeAt(i) - text.charCodeAt(i - distance);
        if (difference >= -1 && difference <= 1)
            similar++;
    }
    return similar / pairs;
}
/**
 * Entropy a string of `length` characters drawn uniformly from 64 symbols has on average (Miller–Madow:
 * log2(64) − 63 / (2·length·ln 2)); simulation: 4.56 bits at 32, 4.78 at 40, 5.18 at 64, 5.65 at 148.
 */
function expectedRandomBase64UrlEntropy(length) {
    return 6 - 63 / (2 * length * Math.LN2);
}
/**
 * How far below the random average a body may fall. With 0.6 bit about 1 random body in 9,000 of 32–48
 * characters falls short, none of 95 or more (300k-sample simulation); English-like identifiers stay near
 * 3.8–4.3 bits whatever their length and fall short: `YourProjectKeyGoesHereReplaceThisWithYourKey1`
 * has 4.20 against a floor of 4.39.
 */
const RANDOM_ENTROPY_SLACK = 0.6;
/**
 * A body that a key generator drew from base64url, judged without any marker to lean on: upper case,
 * lower case and digits all present (a random 40-character body lacks one of them about 1 time in 1000,
 * mostly the digits), entropy within RANDOM_ENTROPY_SLACK of a random string of the same length, and no
 * typed pattern.
 */
function looksLikeRandomBase64Url(text, start, end, slack = RANDOM_ENTROPY_SLACK) {
    let upper = false;
    let lower = false;
    let digit = false;
    for (let i = start; i < end; i++) {
        const code = text.charCodeAt(i);
        if (code >= 65 && code <= 90)
            upper = true;
        else if (code >= 97 && code <= 122)
            lower = true;
        else if (code >= 48 && code <= 57)
            digit = true;
    }
    if (!(upper && lower && digit))
        return false;
    const floor = expectedRandomBase64UrlEntropy(end - start) - slack;
    return shannonEntropy(text, start, end) >= floor && !isPatterned(text, start, end);
}
/**
 * Hex bodies can carry at most 4 bits per character. Random 32-digit hex averages 3.61 bits (1 in 10,000
 * below 3.0), 64-digit 3.82 (never below 3.4 in 200k samples); `deadbeef…` repeats and `0123…` runs fall
 * below 3.0 or are patterned. Letters and digits must both occur.
 */
function looksLikeRandomHex(text, start, end) {
    let letter = false;
    let digit = false;
    for (let i = start; i < end; i++) {
        const code = text.charCodeAt(i);
        if (code >= 48 && code <= 57)
            digit = true;
        else if (isHexDigit(code))
            letter = true;
        else
            return false;
    }
    return letter && digit && shannonEntropy(text, start, end) >= 3.0 && !isPatterned(text, start, end);
}

/**
 * A detector of one `sk-` key family: every whole `sk-…` token in the text (see forEachSkToken) that
 * `accepts(text, start, end)` judges to be one of its keys.
 */
function skTokenDetector(family, accepts) {
    return {
        ...family,
        prefix: SK_PREFIX,
        find(text) {
            const matches = [];
            forEachSkToken(text, (start, end) => {
                if (accepts(text, start, end))
                    matches.push({ detectorId: family.id, start, end, secret: text.slice(start, end) });
            });
            return matches;
        }
    };
}

const PREFIX$1 = 'sk-ant-';
/** `api03-`, `admin01-`, `oat01-`, …: a lower-case word and a two-digit version. Sticky: read in place. */
const KIND_SEGMENT = /[a-z]{2,12}\d{2}-/y;
/** Real keys carry 95 characters after the kind segment; anything shorter than 32 is a placeholder. */
const MIN_BODY_LENGTH$1 = 32;
const anthropicKey = skTokenDetector({
    id: 'anthropic-key',
    name: 'Anthropic API key',
    severity: 'warning',
    provider: 'anthropic',
    keywords: [PREFIX$1]
}, (text, start, end) => {
    if (!text.startsWith(PREFIX$1, start))
        return false;
    KIND_SEGMENT.lastIndex = start + PREFIX$1.length;
    const kindSegment = KIND_SEGMENT.exec(text);
    const bodyStart = start + PREFIX$1.length + (kindSegment ? kindSegment[0].length : 0);
    return end - bodyStart >= MIN_BODY_LENGTH$1 && looksLikeRandomBase64Url(text, bodyStart, end);
});

/**
 * At least this many characters on each side of the marker, after the kind prefix. Real keys have 20 (legacy
 * and early project keys), 46, 51, 58 or 74; lengths are not otherwise fixed, because fixed lengths are why
 * gitleaks and secretlint miss real keys (gitleaks #1467, #2055). A marker closer to either end (such as
 * `sk-admin-short` + marker + a long tail) is not where real keys carry it.
 */
const MIN_CHARACTERS_BESIDE_MARKER = 20;
/**
 * Entropy floor for a body (everything after the kind prefix, marker included) that carries the marker.
 * The marker is strong evidence on its own, so this only has to reject typed placeholders:
 * `xxxx…T3BlbkFJxxxx…` has 1.15 bits, `abc123…T3BlbkFJabc123…` 3.07. Random bodies are never close:
 * the lowest of 200k random 16+marker+16 bodies had 4.13 bits, of legacy 20+marker+20 bodies 4.22.
 */
const MARKED_BODY_MIN_ENTROPY = 3.5;
/**
 * `sk-None-` keys are the one real shape without the marker (48 alphanumerics after the prefix, kingfisher
 * PR #180): there a long random-looking body counts. Every other kind prefix needs the marker; `sk-proj-`,
 * `sk-svcacct-` or `sk-admin-` and a long random body without it are at most the generic `sk-` warning (other
 * scanners' test suites hold such tokens as non-keys), never sent to the API.
 */
const UNMARKED_PREFIX = 'None-';
const UNMARKED_BODY_MIN_LENGTH = 40;
/**
 * The `sk-None-` prefix is evidence enough that only typed text must be rejected: real bodies are 48
 * alphanumerics (62 symbols, a little under base64url's average), so the default slack missed about 1 random
 * key in 5,500 (4.37–4.45 bits against a floor of 4.45). With 0.8 bit (floor 4.25 at 48 characters) none of 1M
 * random bodies fell short (the lowest had 4.30), and English-like identifiers still do
 * (`YourProjectKeyGoesHereReplaceThisWithYourKey1`: 4.20).
 */
const UNMARKED_BODY_ENTROPY_SLACK = 0.8;
/** The OpenAI key kind of the `sk-` token at [start, end), or undefined when it is no OpenAI key. */
function openAiKeyKind(text, start, end) {
    let kind = 'user';
    let bodyStart = start + SK_PREFIX.length;
    let unmarkedAllowed = false;
    for (const [prefix, prefixKind] of OPENAI_KIND_PREFIXES) {
        if (text.startsWith(prefix, bodyStart)) {
            kind = prefixKind;
            bodyStart += prefix.length;
            unmarkedAllowed = prefix === UNMARKED_PREFIX;
            break;
        }
    }
    const markerSearchEnd = end - MIN_CHARACTERS_BESIDE_MARKER;
    if (indexWithin(text, OPENAI_MARKER, bodyStart + MIN_CHARACTERS_BESIDE_MARKER, markerSearchEnd) !== -1) {
        const random = shannonEntropy(text, bodyStart, end) >= MARKED_BODY_MIN_ENTROPY && !isPatterned(text, bodyStart, end);
        return random ? kind : undefined;
    }
    // The marker where no real key carries it (too close to either end) makes it no OpenAI key at all.
    if (indexWithin(text, OPENAI_MARKER, bodyStart, end) !== -1)
        return undefined;
    const unmarked = unmarkedAllowed &&
        end - bodyStart >= UNMARKED_BODY_MIN_LENGTH &&
        looksLikeRandomBase64Url(text, bodyStart, end, UNMARKED_BODY_ENTROPY_SLACK);
    return unmarked ? kind : undefined;
}
/** Whether a whole value is an OpenAI key by its shape (the marker among random characters, or a `sk-None-` key). */
function isOpenAiKey(value) {
    return value.startsWith(SK_PREFIX) && openAiKeyKind(value, 0, value.length) !== undefined;
}
function openAiDetector(id, name, kind, keywords) {
    return skTokenDetector({ id, name, severity: 'error', provider: 'openai', keywords }, (text, start, end) => openAiKeyKind(text, start, end) === kind);
}
/** Legacy `sk-…T3BlbkFJ…` keys and `sk-None-…` keys (a user's key in an organization, no project). */
const openAiUserKey = openAiDetector('openai-user-key', 'OpenAI user key', 'user', [
    OPENAI_MARKER,
    'sk-None-'
]);
const openAiProjectKey = openAiDetector('openai-project-key', 'OpenAI project key', 'project', [
    'sk-proj-'
]);
const openAiServiceAccountKey = openAiDetector('openai-service-account-key', 'OpenAI service-account key', 'service-account', ['sk-svcacct-', 'sk-service-']);
const openAiAdminKey = openAiDetector('openai-admin-key', 'OpenAI admin key', 'admin', ['sk-admin-']);

/**
 * Bodies the named detectors own: the generic detector stays silent on them even when those reject them.
 * OpenAI's `proj-`, `svcacct-`, `service-` and `admin-` are not among them: without the marker such a token
 * is no OpenAI key, and at most this warning.
 */
const NAMED_FAMILY_PREFIXES = [UNMARKED_PREFIX, 'ant-', 'or-'];
/** DeepSeek keys (`sk-` + 32 hex) are the shortest `sk-` keys in the wild. */
const MIN_BODY_LENGTH = 32;
/**
 * Any other `sk-` secret (DeepSeek, Moonshot, proxy resellers, …): a body of 32+ characters that looks
 * drawn at random, as hex or as base64url (see token-shape.ts for the thresholds).
 */
const genericSkSecret = skTokenDetector({
    id: 'generic-sk-secret',
    name: 'sk- secret key, provider unknown',
    severity: 'warning',
    provider: 'unknown',
    keywords: ['sk-']
}, (text, start, end) => {
    const bodyStart = start + SK_PREFIX.length;
    if (end - bodyStart < MIN_BODY_LENGTH)
        return false;
    if (NAMED_FAMILY_PREFIXES.some(prefix => text.startsWith(prefix, bodyStart)))
        return false;
    if (indexWithin(text, OPENAI_MARKER, bodyStart, end) !== -1)
        return false;
    return looksLikeRandomHex(text, bodyStart, end) || looksLikeRandomBase64Url(text, bodyStart, end);
});

const PREFIX = 'sk-or-v1-';
const BODY_LENGTH = 64;
/** `sk-or-v1-` and 64 hex digits. */
const openRouterKey = skTokenDetector({
    id: 'openrouter-key',
    name: 'OpenRouter API key',
    severity: 'warning',
    provider: 'openrouter',
    keywords: [PREFIX]
}, (text, start, end) => text.startsWith(PREFIX, start) &&
    end - start - PREFIX.length === BODY_LENGTH &&
    looksLikeRandomHex(text, start + PREFIX.length, end));

const CONFIGURED_KEY_DETECTOR_ID = 'configured-key';
/** Its name; the scanner appends the key's kind when an OpenAI detector matched too. */
const CONFIGURED_KEY_DETECTOR_NAME = 'The key this workflow uses';
/** Shorter values (and placeholders) would match all over ordinary text. */
const MIN_KEY_LENGTH = 8;
/** From this length on, an `sk-` token inside a malformed value (`"sk-…"`, `Bearer sk-…`) counts too. */
const MIN_INNER_KEY_LENGTH = 20;
/**
 * Placeholders and template syntax. Not asked of a value with an OpenAI key's shape: a random 164-character key
 * holds `your` or `xxxx` (any case) about 3 times in 10,000, and is still the workflow's own key.
 */
const PLACEHOLDER = /your|example|placeholder|change.?me|replace|dummy|redacted|xxxx|\.\.\.|…|\*\*\*|[<>]|\$\{|\{\{/i;
function isUsableKey(value, minLength) {
    if (value.length < minLength)
        return false;
    return isOpenAiKey(value) || (!PLACEHOLDER.test(value) && !isPatterned(value, 0, value.length));
}
/**
 * Finds the workflow's own key verbatim, whatever its shape (quotes, spaces inside, not OpenAI at all):
 * the trimmed value, and any `sk-` token inside it, since that is the key a cleanup would leave (a secret
 * stored as `"sk-…"` or `Bearer sk-…` still leaks when the bare key is committed). A match must not
 * continue a longer token: `sk-abc` is not found inside `sk-abcdef`. Undefined when there is nothing worth
 * searching for: values under 8 characters and placeholders.
 */
function createConfiguredKeyDetector(key) {
    const trimmed = key.trim();
    if (!isUsableKey(trimmed, MIN_KEY_LENGTH))
        return undefined;
    const forms = new Set([trimmed]);
    forEachSkToken(trimmed, (start, end) => {
        const inner = trimmed.slice(start, end);
        if (isUsableKey(inner, MIN_INNER_KEY_LENGTH))
            forms.add(inner);
    });
    const longestFirst = [...forms].sort((a, b) => b.length - a.length);
    return {
        id: CONFIGURED_KEY_DETECTOR_ID,
        name: CONFIGURED_KEY_DETECTOR_NAME,
        severity: 'critical',
        // The key the run checks against OpenAI (whatever its shape): its copies are verified and revoked there.
        provider: 'openai',
        keywords: longestFirst,
        find(text) {
            const matches = [];
            for (const form of longestFirst) {
                for (let start = text.indexOf(form); start !== -1; start = text.indexOf(form, start + 1)) {
                    const end = start + form.length;
                    if (isWholeToken(text, form, start, end) && !matches.some(m => start < m.end && m.start < end)) {
                        matches.push({ detectorId: CONFIGURED_KEY_DETECTOR_ID, start, end, secret: form });
                    }
                }
            }
            return matches.sort((a, b) => a.start - b.start);
        }
    };
}
function isWholeToken(text, form, start, end) {
    const opensToken = isBase64UrlChar(form.charCodeAt(0));
    const closesToken = isBase64UrlChar(form.charCodeAt(form.length - 1));
    if (opensToken && !startsAfterBoundary(text, start))
        return false;
    return !closesToken || end === text.length || !isBase64UrlChar(text.charCodeAt(end));
}

/** Every built-in detector. The configured key's detector is added per run by `detectorsFor`. */
const BUILTIN_DETECTORS = [
    openAiUserKey,
    openAiProjectKey,
    openAiServiceAccountKey,
    openAiAdminKey,
    anthropicKey,
    openRouterKey,
    genericSkSecret
];
/** The detectors of one run: the built-ins, plus the workflow's own key when it is worth searching for. */
function detectorsFor(configuredKey) {
    const configured = configuredKey === undefined ? undefined : createConfiguredKeyDetector(configuredKey);
    return configured ? [configured, ...BUILTIN_DETECTORS] : [...BUILTIN_DETECTORS];
}
const PROVIDER_OF_DETECTOR = new Map([
    [CONFIGURED_KEY_DETECTOR_ID, 'openai'],
    ...BUILTIN_DETECTORS.map(detector => [detector.id, detector.provider])
]);
/** The provider of a detector's keys, by the detector id a finding carries; `unknown` for an id no detector has. */
function providerOf(detectorId) {
    return PROVIDER_OF_DETECTOR.get(detectorId) ?? 'unknown';
}

/** The `key-status` and `cause` vocabulary of design.md. Users key their workflows off these exact strings. */
/** A key that needs nothing more than a line: it works, was not checked live, or was skipped on purpose. */
const KEY_FINE_STATUSES = new Set(['valid', 'unchecked', 'skipped']);
/** A key the API (or the format check) rejected: what `fail-on: key` fails on and the 401 checklist explains. */
const KEY_REJECTED_STATUSES = new Set([
    'invalid',
    'misconfigured',
    'malformed',
    'missing'
]);
const FAIL_ON_VALUES = ['key', 'leak', 'live-leak', 'quota', 'unreachable', 'none'];
const SCAN_MODES = ['changed', 'all', 'history', 'none'];

/** Commit ids and repository names as every source names them (git, the GitHub API, event payloads). */
const SHA_PATTERN = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
function isSha(value) {
    return typeof value === 'string' && SHA_PATTERN.test(value);
}
function shortSha(sha) {
    return sha.slice(0, 7);
}

/**
 * Bytes of one line (or a file name) as text: UTF-8 when they are valid UTF-8, otherwise latin1 (one character
 * per byte), so non-UTF-8 text is still scanned and never throws. A line of UTF-16 text (NUL bytes in every
 * other position, as Windows PowerShell 5 writes `>` redirections) is decoded as UTF-16; a binary line stays
 * latin1, where its printable runs keep their characters and the bytes between them end every token.
 */
function decodeText(bytes) {
    // V8 builds a one-byte string from latin1 several times faster than from UTF-8; for ASCII they are the same.
    if (isAscii(bytes)) {
        return bytes.includes(0) ? decodeWithNul(bytes, 'latin1') : bytes.toString('latin1');
    }
    const encoding = isUtf8(bytes) ? 'utf8' : 'latin1';
    return bytes.includes(0) ? decodeWithNul(bytes, encoding) : bytes.toString(encoding);
}
function decodeWithNul(bytes, fallback) {
    const order = utf16Order(bytes);
    return order === undefined ? bytes.toString(fallback) : utf16(bytes, order);
}
/**
 * UTF-16 when one of the two byte positions is mostly NUL and the other almost never is: the shape of text
 * (mostly ASCII) in UTF-16. A line of a UTF-16 file split at its `\n` byte may start one byte late (the `\n`'s
 * other byte), which only swaps the order seen: ASCII decodes the same either way.
 */
function utf16Order(bytes) {
    if (bytes.length < 2)
        return undefined;
    const pairs = bytes.length >> 1;
    let evenNul = 0;
    let oddNul = 0;
    // From NUL to NUL (a binary file has few), and no further once both orders have too many NULs on their text side.
    for (let at = bytes.indexOf(0); at !== -1; at = bytes.indexOf(0, at + 1)) {
        if (at % 2 === 0)
            evenNul++;
        else
            oddNul++;
        if (evenNul * 10 > pairs && oddNul * 10 > pairs)
            return undefined;
    }
    if (oddNul * 2 >= pairs && evenNul * 10 <= pairs)
        return 'le';
    if (evenNul * 2 >= pairs && oddNul * 10 <= pairs)
        return 'be';
    return undefined;
}
function utf16(bytes, order) {
    const even = bytes.subarray(0, bytes.length & -2);
    const units = order === 'le' ? even : Buffer.from(even).swap16();
    return units.toString('utf16le');
}
/**
 * A whole file in a wide encoding, re-encoded as UTF-8 so the byte scanner reads it like any file: UTF-16 or
 * UTF-32 named by a byte-order mark, or UTF-16 without one (recognised by its NUL bytes). Undefined for any
 * other file (UTF-8, latin1 or binary), which is scanned as it is.
 */
function wideTextAsUtf8(bytes) {
    const text = decodeWide(bytes);
    return text === undefined ? undefined : Buffer.from(text, 'utf8');
}
function decodeWide(bytes) {
    const [b0, b1, b2, b3] = bytes;
    if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0)
        return utf32(bytes.subarray(4), 'le');
    if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)
        return utf32(bytes.subarray(4), 'be');
    if (b0 === 0xff && b1 === 0xfe)
        return utf16(bytes.subarray(2), 'le');
    if (b0 === 0xfe && b1 === 0xff)
        return utf16(bytes.subarray(2), 'be');
    if (!bytes.subarray(0, WIDE_SNIFF_BYTES).includes(0))
        return undefined;
    const order = utf16Order(bytes.subarray(0, WIDE_SNIFF_BYTES));
    return order === undefined ? undefined : utf16(bytes, order);
}
/** Enough of a file to tell UTF-16 from binary (git's binary test reads as much). */
const WIDE_SNIFF_BYTES = 8000;
function utf32(bytes, order) {
    const parts = [];
    for (let at = 0; at + 4 <= bytes.length; at += 4) {
        const point = order === 'le' ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at);
        parts.push(point <= 0x10ffff ? String.fromCodePoint(point) : '\ufffd');
    }
    return parts.join('');
}

/**
 * Windows of one long line (AddedLine.columnOffset) must overlap by at least this many characters: the
 * longest key is 167 characters, so every secret then lies whole in some window.
 */
const WINDOW_OVERLAP = 1024;
const SEVERITY_RANK = { critical: 3, error: 2, warning: 1 };
const NEWLINE$2 = 0x0a;
const CARRIAGE_RETURN$1 = 0x0d;
/**
 * The pure scanning core. One cheap check per line (a single indexOf, or one precompiled RegExp of all
 * keywords) decides whether any detector runs at all; on the rare lines that pass, only detectors whose
 * keywords occur run their patterns.
 *
 * Matches of different detectors that overlap are one finding, reported by the most severe detector: the
 * workflow's own key found where an OpenAI detector also matched is one critical finding, named with
 * the key's kind ("The key this workflow uses (OpenAI project key)"). The same secret on the same
 * path, line and commit is reported once (repeated on the line, or seen in two overlapping windows);
 * elsewhere it is reported at each place.
 */
function createScanner(options) {
    const detectors = options.detectors;
    const maxFindings = options.maxFindings;
    const keywordIndex = compileKeywordIndex(detectors.flatMap(detector => detector.keywords), detectors.flatMap(detector => (detector.prefix ? [detector.prefix] : detector.keywords)));
    const reported = new Set();
    const stats = {
        findings: 0,
        suppressed: { 'inline-marker': 0, path: 0, fingerprint: 0 },
        truncated: false
    };
    let heldBack;
    /** The detectors' matches on one line, overlapping ones grouped: each group is one finding. */
    function matchGroups(text, keywords) {
        const matches = [];
        // Indexed loops, no closures: this runs on every keyword line while the code is still cold.
        for (let index = 0; index < detectors.length; index++) {
            const detector = detectors[index];
            if (!hasAny(keywords, detector.keywords))
                continue;
            const found = detector.find(text);
            for (let at = 0; at < found.length; at++)
                matches.push({ match: found[at], detector });
        }
        matches.sort((a, b) => a.match.start - b.match.start);
        const groups = [];
        for (let i = 0; i < matches.length;) {
            const group = [matches[i]];
            let groupEnd = matches[i].match.end;
            for (i++; i < matches.length && matches[i].match.start < groupEnd; i++) {
                group.push(matches[i]);
                groupEnd = Math.max(groupEnd, matches[i].match.end);
            }
            groups.push(group);
        }
        return groups;
    }
    function candidatesOf(groups, place, text, columnOffset) {
        return groups.map(group => {
            const { match, detector } = strongest(group);
            const secret = ownCopy(match.secret);
            const others = group.filter(other => other.detector !== detector);
            const detectorName = detector.severity === 'critical' && others.length > 0
                ? `${detector.name} (${strongest(others).detector.name})`
                : detector.name;
            return {
                lineText: text,
                finding: {
                    detectorId: match.detectorId,
                    detectorName,
                    severity: detector.severity,
                    path: place.path,
                    line: place.line,
                    startColumn: columnOffset + match.start + 1,
                    endColumn: columnOffset + match.end,
                    commit: place.commit,
                    secret,
                    redacted: redact(secret),
                    fingerprint: fingerprint(match.detectorId, secret),
                    ...(place.inFileName ? { inFileName: true } : {})
                }
            };
        });
    }
    function report(candidates, into) {
        for (const { finding, lineText } of candidates) {
            if (stats.truncated)
                return;
            const identity = [finding.path, finding.line, finding.commit ?? '', finding.fingerprint].join('\u0000');
            if (reported.has(identity))
                continue;
            reported.add(identity);
            const allowed = options.allowlist?.allowedBy(finding, lineText);
            if (allowed) {
                stats.suppressed[allowed]++;
                continue;
            }
            if (stats.findings >= maxFindings) {
                stats.truncated = true;
                return;
            }
            stats.findings++;
            into.push(finding);
        }
    }
    function flush() {
        const findings = [];
        if (heldBack)
            report(heldBack.candidates, findings);
        heldBack = undefined;
        return findings;
    }
    function scanLine(line) {
        const offset = line.columnOffset;
        const continuesHeldLine = heldBack !== undefined &&
            offset !== undefined &&
            offset > 0 &&
            heldBack.path === line.path &&
            heldBack.line === line.line &&
            heldBack.commit === line.commit;
        let findings = [];
        // This window overlaps the last one by WINDOW_OVERLAP, so it sees the held-back secrets whole.
        if (continuesHeldLine)
            heldBack = undefined;
        else
            findings = flush();
        const keywords = stats.truncated ? undefined : keywordIndex.keywordsIn(line.text);
        if (!keywords)
            return findings;
        let candidates = candidatesOf(matchGroups(line.text, keywords), line, line.text, offset ?? 0);
        if (offset !== undefined) {
            const windowStart = offset;
            const windowEnd = offset + line.text.length;
            // A match at a continuation window's left edge was seen whole by the window before; one at the
            // right edge may be cut off, and the next window (if any) sees it whole.
            candidates = candidates.filter(({ finding }) => !(windowStart > 0 && finding.startColumn === windowStart + 1));
            const cutOff = candidates.filter(({ finding }) => finding.endColumn === windowEnd);
            if (cutOff.length > 0) {
                heldBack = { path: line.path, line: line.line, commit: line.commit, candidates: cutOff };
                candidates = candidates.filter(candidate => !cutOff.includes(candidate));
            }
        }
        report(candidates, findings);
        return findings;
    }
    function scanBytes(file) {
        const findings = flush();
        const { path, bytes, commit } = file;
        let lineNumber = 1;
        let countedTo = 0;
        for (let hit = keywordIndex.nextInBytes(bytes, 0); hit !== -1 && !stats.truncated;) {
            const lineStart = hit === 0 ? 0 : bytes.lastIndexOf(NEWLINE$2, hit - 1) + 1;
            const newline = bytes.indexOf(NEWLINE$2, hit);
            const lineEnd = newline === -1 ? bytes.length : newline;
            const contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] === CARRIAGE_RETURN$1 ? lineEnd - 1 : lineEnd;
            const lineText = decodeText(bytes.subarray(lineStart, contentEnd));
            const keywords = keywordIndex.keywordsIn(lineText);
            const groups = keywords ? matchGroups(lineText, keywords) : [];
            if (groups.length > 0) {
                // Lines are counted only up to lines with a match: most keyword hits (`mask-`, `task-`) have none.
                lineNumber += countNewlineBytes(bytes, countedTo, lineStart);
                countedTo = lineStart;
                report(candidatesOf(groups, { path, line: lineNumber, commit }, lineText, 0), findings);
            }
            hit = newline === -1 ? -1 : keywordIndex.nextInBytes(bytes, newline + 1);
        }
        return findings;
    }
    function scanFile(file) {
        if (!('lines' in file))
            return scanBytes(file);
        const findings = flush();
        for (const line of file.lines) {
            const found = scanLine(line);
            if (found.length > 0)
                findings.push(...found);
        }
        findings.push(...flush());
        return findings;
    }
    const prefilter = (bytes, from) => keywordIndex.nextInBytes(bytes, from);
    return { scanLine, scanBytes, scanFile, flush, prefilter, stats };
}
/** A file's path as a line of its own (line 0), scanned as its content is: a key in a file name is committed. */
function fileNameLine(path, commit, role) {
    const line = { path, line: 0, text: path, inFileName: true };
    if (commit !== undefined)
        line.commit = commit;
    if (role !== undefined)
        line.role = role;
    return line;
}
function hasAny(present, wanted) {
    for (let index = 0; index < wanted.length; index++)
        if (present.has(wanted[index]))
            return true;
    return false;
}
/**
 * A copy of `text` that holds only its own characters. A slice of a line keeps the whole line alive in V8, and
 * a finding outlives its line: up to MAX_FINDINGS findings on minified lines would otherwise hold megabytes each.
 */
function ownCopy(text) {
    // Through UTF-16 code units: exact for any string (a UTF-8 round trip would replace a lone surrogate).
    return Buffer.from(text, 'utf16le').toString('utf16le');
}
/** The most severe hit; among equals the longest, then the first. */
function strongest(hits) {
    return hits.reduce((best, hit) => {
        const bySeverity = SEVERITY_RANK[hit.detector.severity] - SEVERITY_RANK[best.detector.severity];
        const byLength = hit.match.end - hit.match.start - (best.match.end - best.match.start);
        return bySeverity > 0 || (bySeverity === 0 && byLength > 0) ? hit : best;
    });
}
function countNewlineBytes(bytes, from, to) {
    let count = 0;
    for (let at = bytes.indexOf(NEWLINE$2, from); at !== -1 && at < to; at = bytes.indexOf(NEWLINE$2, at + 1))
        count++;
    return count;
}
/**
 * The prefilter. Keywords that contain another keyword need no search of their own (`sk-proj-` holds
 * `sk-`): only the remaining anchors are searched, with indexOf when there is one and one alternation
 * RegExp when there are several (V8 scans both at about 1 GB/s). A line is read once to list the anchors
 * in it; each keyword is then checked in place around its anchor's occurrences, so adding detectors does
 * not add passes over long lines.
 *
 * Raw bytes are searched for `byteLiterals` instead: the detectors' prefixes where they have one, since a
 * line without a detector's prefix holds no match of it whatever keywords it has (`T3BlbkFJ` alone is no key).
 */
function compileKeywordIndex(keywords, byteLiterals) {
    const anchors = minimalLiterals(keywords);
    const placements = [...new Set(keywords.filter(keyword => keyword !== ''))].map(keyword => {
        const anchor = anchors.find(candidate => keyword.includes(candidate));
        return { keyword, anchor, offset: keyword.indexOf(anchor) };
    });
    let foundAnchor = '';
    let next;
    if (anchors.length <= 1) {
        foundAnchor = anchors[0] ?? '';
        next = foundAnchor === '' ? () => -1 : (text, from) => text.indexOf(foundAnchor, from);
    }
    else {
        const anyAnchor = new RegExp(anchors.map(anchor => anchor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
        next = (text, from) => {
            anyAnchor.lastIndex = from;
            const found = anyAnchor.exec(text);
            if (!found)
                return -1;
            foundAnchor = found[0];
            return found.index;
        };
    }
    // A line that is not valid UTF-8 is decoded as latin1, where an anchor beyond ASCII has other bytes.
    const needles = minimalLiterals(byteLiterals)
        .flatMap(anchor => /[^\x00-\x7f]/.test(anchor) && /^[\x00-\xff]*$/.test(anchor)
        ? [Buffer.from(anchor, 'utf8'), Buffer.from(anchor, 'latin1')]
        : [Buffer.from(anchor, 'utf8')])
        .map(searchFromSecondByte);
    const found = needles.map(() => -2);
    return {
        nextInBytes(bytes, from) {
            // Each needle's next occurrence is kept until passed, so every needle reads the bytes once. The state is
            // the index's own (no closure per file): one search at a time.
            if (from === 0)
                found.fill(-2);
            let first = -1;
            for (let index = 0; index < needles.length; index++) {
                if (found[index] !== -1 && found[index] < from)
                    found[index] = needles[index](bytes, from);
                if (found[index] !== -1 && (first === -1 || found[index] < first))
                    first = found[index];
            }
            return first;
        },
        keywordsIn(text) {
            let present;
            for (let at = next(text, 0); at !== -1; at = next(text, at + 1)) {
                // Indexed: on the rare lines that get here the code is still cold, and an unoptimised for-of allocates a
                // result object per step.
                for (let index = 0; index < placements.length; index++) {
                    const { keyword, anchor, offset } = placements[index];
                    if (anchor === foundAnchor && at >= offset && text.startsWith(keyword, at - offset)) {
                        present ??= new Set();
                        present.add(keyword);
                    }
                }
            }
            return present;
        }
    };
}
/** The literals that contain no other: finding those finds every one. */
function minimalLiterals(literals) {
    const unique = [...new Set(literals.filter(literal => literal !== ''))];
    return unique.filter(literal => !unique.some(other => other !== literal && literal.includes(other)));
}
/**
 * A search for `needle` in bytes: offset of its first occurrence at or after `from`, or -1. Buffer.indexOf
 * stops at every occurrence of the needle's first byte, and keys start with a common letter (`s` of `sk-`);
 * searching from the second byte (`k-`) and checking the byte before stops far less often.
 */
function searchFromSecondByte(needle) {
    if (needle.length < 2)
        return (bytes, from) => bytes.indexOf(needle, from);
    const head = needle[0];
    const tail = needle.subarray(1);
    return (bytes, from) => {
        for (let at = bytes.indexOf(tail, from + 1); at !== -1; at = bytes.indexOf(tail, at + 1)) {
            if (bytes[at - 1] === head)
                return at - 1;
        }
        return -1;
    };
}

/**
 * How long lines are cut: into overlapping windows, so a key that straddles a cut is still whole in one window.
 * Shared by every source (git's byte streams in src/git/lines.ts, the REST API's patch strings).
 */
/** A UTF-16 code unit takes at most 3 UTF-8 bytes, so this many bytes hold at least WINDOW_OVERLAP characters. */
const OVERLAP_BYTES = 3 * WINDOW_OVERLAP;
/** Lines up to this size always come whole; windows advance by at least three quarters of it. */
const MIN_LINE_BYTES = 4 * OVERLAP_BYTES;
/** The same windows for text that is already a string (REST API patches), counted in characters. */
function windowString(text, maxLineBytes) {
    const max = Math.max(MIN_LINE_BYTES, maxLineBytes);
    if (text.length <= max)
        return [{ text }];
    const windows = [];
    for (let start = 0;; start += max - WINDOW_OVERLAP) {
        windows.push({ text: text.slice(start, start + max), columnOffset: start });
        if (start + max >= text.length)
            return windows;
    }
}

/**
 * Byte streams to lines with bounded memory: a line longer than the limit is cut into overlapping windows
 * (cut on UTF-8 character boundaries) so a key that straddles a cut is still whole in one window.
 */
const NEWLINE$1 = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const EMPTY = Buffer.alloc(0);
/** The longest line that comes whole out of a LineSplitter with this `maxLineBytes`. */
function lineLimit(maxLineBytes) {
    return Math.max(MIN_LINE_BYTES, maxLineBytes);
}
/**
 * Splits a byte stream on `\n` synchronously, chunk by chunk, on byte offsets (no object per line); lines over
 * `maxLineBytes` come out as overlapping windows. `onChunk` sees each buffer before its lines, so a consumer
 * can search the whole buffer once (the scanner's prefilter) instead of line by line.
 */
class LineSplitter {
    onSegment;
    onChunk;
    max;
    carry = EMPTY;
    offset = 0;
    constructor(maxLineBytes, onSegment, onChunk = () => undefined) {
        this.onSegment = onSegment;
        this.onChunk = onChunk;
        this.max = lineLimit(maxLineBytes);
    }
    push(chunk) {
        let from = 0;
        if (this.carry.length > 0) {
            // The line cut by the last chunk's end is completed on its own: the chunk itself is never copied.
            const newline = chunk.indexOf(NEWLINE$1);
            if (newline === -1) {
                this.carry = this.split(Buffer.concat([this.carry, chunk]), 0);
                return;
            }
            from = newline + 1;
            this.split(Buffer.concat([this.carry, chunk.subarray(0, from)]), 0);
        }
        this.carry = this.split(chunk, from);
    }
    /** Hands on the lines of `data` from `start`; returns the bytes of a last line without a newline (a copy). */
    split(data, from) {
        this.onChunk(data);
        let start = from;
        for (;;) {
            const newline = data.indexOf(NEWLINE$1, start);
            const end = newline === -1 ? data.length : newline;
            while (end - start > this.max) {
                const cut = characterBoundary(data, start + this.max, start + 1);
                const next = characterBoundary(data, cut - OVERLAP_BYTES, start + 1);
                this.onSegment(data, start, cut, this.offset, next - start, false);
                this.offset += next - start;
                start = next;
            }
            if (newline === -1)
                break;
            const resume = this.onSegment(data, start, newline, this.offset, newline - start, true);
            this.offset = 0;
            start = typeof resume === 'number' ? resume : newline + 1;
        }
        return start < data.length ? Buffer.from(data.subarray(start)) : EMPTY;
    }
    /** The stream ended: a last line without a newline comes out too. */
    end() {
        if (this.carry.length === 0 && this.offset === 0)
            return;
        const data = this.carry;
        this.carry = EMPTY;
        this.onChunk(data);
        this.onSegment(data, 0, data.length, this.offset, data.length, true);
        this.offset = 0;
    }
}
/** Split a byte stream on `\n`; lines over `maxLineBytes` come out as overlapping windows. */
async function* splitLines(chunks, maxLineBytes) {
    let pending = [];
    const splitter = new LineSplitter(maxLineBytes, (data, start, end, offset, advance, final) => {
        pending.push({ bytes: data.subarray(start, end), offset, advance, final });
    });
    for await (const chunk of chunks) {
        splitter.push(chunk);
        yield* pending;
        pending = [];
    }
    splitter.end();
    yield* pending;
}
/** Move `position` back (at most 3 bytes, never below `floor`) so it does not split a UTF-8 sequence. */
function characterBoundary(data, position, floor) {
    let at = position;
    for (let step = 0; step < 3 && at > floor && ((data[at] ?? 0) & 0xc0) === 0x80; step++)
        at--;
    return at;
}
/**
 * Turns the segments of successive lines into text with column offsets. `prefixBytes` are dropped from the
 * start of every line (the `+` of a diff line); a trailing `\r` (CRLF files) is dropped from its end.
 */
class SegmentDecoder {
    prefixBytes;
    column = 0;
    constructor(prefixBytes) {
        this.prefixBytes = prefixBytes;
    }
    decode(segment) {
        if (segment.offset === 0)
            this.column = 0;
        const from = segment.offset === 0 ? Math.min(this.prefixBytes, segment.bytes.length) : 0;
        let bytes = segment.bytes.subarray(from);
        if (segment.final && bytes[bytes.length - 1] === CARRIAGE_RETURN)
            bytes = bytes.subarray(0, -1);
        const text = decodeText(bytes);
        if (segment.final && segment.offset === 0)
            return { text };
        const columnOffset = this.column;
        if (!segment.final)
            this.column += decodeText(segment.bytes.subarray(from, segment.advance)).length;
        return { text, columnOffset };
    }
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
/** The history options of a scan, with the default timeouts filled in (fetches: `defaultFetchTimeoutMs`). */
function historyOptionsOf(request, defaultFetchTimeoutMs) {
    return {
        cwd: request.cwd,
        fetch: request.fetch,
        token: request.token,
        serverUrl: request.serverUrl,
        timeoutMs: request.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS,
        fetchTimeoutMs: request.fetchTimeoutMs ?? defaultFetchTimeoutMs,
        log: request.log ?? (() => undefined)
    };
}
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
 * The programs a `.git/config` changed before this step (an artifact or cache extracted over the workspace) could
 * make a command that talks to origin run, turned off: `-c` wins over the repository's configuration, and
 * `--upload-pack` over a configured upload-pack command (local and ssh origins; git keeps the first one
 * configured). Not run either: the `ext::` transport, git:// through `core.gitProxy`, credential helpers and
 * askpass programs (the token, when needed, goes as a header). `core.sshCommand` stays as the checkout set it:
 * actions/checkout's `ssh-key` needs it.
 */
const ORIGIN_UPLOAD_PACK = '--upload-pack=git-upload-pack';
const ORIGIN_CONFIG = {
    'protocol.ext.allow': 'never',
    'protocol.git.allow': 'never',
    'credential.helper': '',
    'core.askPass': ''
};
/**
 * Run a command that talks to origin. If it fails and a token is at hand, retry once with the token as an
 * HTTP header passed through the environment (never the command line, which `ps` shows): actions/checkout
 * with `persist-credentials: false` leaves no credentials behind. The header is scoped to the GitHub server,
 * as actions/checkout scopes it, so an origin elsewhere never receives the token.
 */
async function againstOrigin([command, ...rest], options) {
    const attempt = async (env) => {
        try {
            return await runGit([command, ORIGIN_UPLOAD_PACK, ...rest], {
                cwd: options.cwd,
                timeoutMs: options.fetchTimeoutMs,
                env,
                config: ORIGIN_CONFIG
            });
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
const PLUS = 0x2b;
const NEWLINE = 0x0a;
const MINUS = 0x2d;
const SPACE = 0x20;
/**
 * The first bytes of the header lines the parser reads: `diff`/`deleted file mode`, `@@`, `rename`, `copy`,
 * `+++`, `new file mode`/`new mode`, `mode`, `index` (a submodule's mode). The others (`---`, `similarity
 * index`, `old mode`, `\\ No newline at end of file`, blank lines) name nothing the scan needs: never decoded.
 */
const HEADER_FIRST_BYTES = new Set([...'d@rc+nmi'].map(char => char.charCodeAt(0)));
const INDEX = 0x69;
const GITLINK_INDEX_SUFFIX = ` ${GITLINK_MODE$1}`;
class PatchParser {
    sink;
    splitter;
    /** The longest line the splitter hands on whole. */
    maxLine;
    prefilter;
    removedLines;
    /** Byte offset within the current line of the segment being parsed (0 at a line start). */
    lineOffset = 0;
    /** The segment being parsed: `data[start, end)`, `advance` and `final` as LineSplitter gives them. */
    piece = {
        data: Buffer.alloc(0),
        start: 0,
        end: 0,
        advance: 0,
        final: true
    };
    commitSha;
    section;
    nextLine = 0;
    /** What the current (possibly windowed) line is: an added line at `currentLine`, a removed one, or neither. */
    current;
    currentLine = 0;
    /** The prefilter's next hit in the current buffer, and its next NUL byte. */
    nextHit = -1;
    nextNul = -1;
    segment = { bytes: Buffer.alloc(0), offset: 0, advance: 0, final: true };
    constructor(sink, options) {
        this.sink = sink;
        const prefilter = options.prefilter;
        this.prefilter = prefilter;
        this.removedLines = options.removedLines ?? false;
        this.maxLine = lineLimit(options.maxLineBytes);
        this.splitter = new LineSplitter(options.maxLineBytes, (data, start, end, offset, advance, final) => {
            const piece = this.piece;
            piece.data = data;
            piece.start = start;
            piece.end = end;
            piece.advance = advance;
            piece.final = final;
            this.lineOffset = offset;
            this.onSegment(data, start, end);
            return final && end < data.length ? this.skipQuietLines(data, end + 1) : undefined;
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
    onSegment(data, start, end) {
        const section = this.section;
        if (this.lineOffset > 0) {
            // A continuation window of a long line: every window of an added line is scanned (long lines are rare,
            // and a key cut by one window's edge must reach the scanner whole in the next).
            if (this.current === 'added' && section)
                this.addedSegment(section, true);
            else if (this.current === 'removed' && section)
                this.emit(section, 0, true);
            return;
        }
        this.current = undefined;
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
                if (byte === MINUS) {
                    // Removed lines of a plain diff only: a combined diff's are removed from one parent, not from the result.
                    if (this.removedLines && columns === 1 && !section.gitlink) {
                        this.current = 'removed';
                        this.emit(section, 0, true);
                    }
                    return;
                }
                if (byte !== PLUS)
                    allPlus = false;
            }
            this.currentLine = this.nextLine++;
            if (allPlus && !section.gitlink) {
                this.current = 'added';
                this.addedSegment(section, !this.piece.final);
            }
            return;
        }
        if (!HEADER_FIRST_BYTES.has(first))
            return;
        if (first === INDEX) {
            // `index <old>..<new> <mode>`: only a submodule's mode matters, read from the line's end.
            if (section && !section.inHunks && end - start > GITLINK_INDEX_SUFFIX.length) {
                const suffix = data.toString('latin1', end - GITLINK_INDEX_SUFFIX.length, end);
                if (suffix === GITLINK_INDEX_SUFFIX && data.toString('latin1', start, start + 6) === 'index ')
                    section.gitlink = true;
            }
            return;
        }
        this.header(data.toString('latin1', start, end));
    }
    /**
     * With a prefilter, inside the hunks of a plain diff: the lines from `from` that need no more than counting
     * (added lines the prefilter rules out, removed lines when those are not read) are read here in one loop
     * (no call per line); returns where the next line to parse starts (`from` when there is none).
     */
    skipQuietLines(data, from) {
        const section = this.section;
        if (!this.prefilter || !section?.inHunks || section.columns !== 1 || section.gitlink)
            return from;
        let at = from;
        let lines = 0;
        let bytes = 0;
        let barrier = this.nextMayHoldKey(data, from);
        while (at < data.length) {
            const first = data[at];
            if (first !== PLUS && (first !== MINUS || this.removedLines))
                break;
            const newline = data.indexOf(NEWLINE, at);
            if (newline === -1)
                break;
            if (first === PLUS) {
                // A line that may hold a key, or comes in windows, is parsed as a line of its own.
                if (barrier < newline || newline - at > this.maxLine)
                    break;
                lines++;
                bytes += newline - at - 1;
            }
            else if (barrier < newline) {
                barrier = this.nextMayHoldKey(data, newline);
            }
            at = newline + 1;
        }
        if (lines > 0) {
            this.nextLine += lines;
            this.sink.addedBytes(bytes);
        }
        return at;
    }
    /** The next byte at or after `from` where a line may hold a key (a prefilter hit or a NUL); Infinity for none. */
    nextMayHoldKey(data, from) {
        const prefilter = this.prefilter;
        if (this.nextHit !== -1 && this.nextHit < from)
            this.nextHit = prefilter(data, from);
        if (this.nextNul !== -1 && this.nextNul < from)
            this.nextNul = data.indexOf(0, from);
        return Math.min(this.nextHit === -1 ? Infinity : this.nextHit, this.nextNul === -1 ? Infinity : this.nextNul);
    }
    addedSegment(section, windowed) {
        const { data, start, end, advance, final } = this.piece;
        const prefix = this.lineOffset === 0 ? section.columns : 0;
        this.sink.addedBytes((final ? end - start : advance) - prefix);
        // Only a line that may hold a key becomes text: a prefilter hit, or a NUL byte (the line may be UTF-16 or
        // UTF-32 text, whose keywords the byte search cannot see).
        if (!windowed && this.prefilter && this.nextMayHoldKey(data, start + prefix) >= end)
            return;
        this.emit(section, this.currentLine, false);
    }
    emit(section, lineNumber, removed) {
        const { data, start, end, advance, final } = this.piece;
        const segment = this.segment;
        segment.bytes = data.subarray(start, end);
        segment.offset = this.lineOffset;
        segment.advance = advance;
        segment.final = final;
        const { text, columnOffset } = section.decoder.decode(segment);
        const line = { path: section.path ?? '', line: lineNumber, text };
        if (this.commitSha !== undefined)
            line.commit = this.commitSha;
        if (removed)
            line.role = 'removed';
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
            this.sink.line(fileNameLine(section.path, this.commitSha), true);
            if (section.renamedFrom !== undefined && header.startsWith('rename to '))
                this.sink.renamed?.(section.renamedFrom, section.path, this.commitSha);
        }
        else if (header.startsWith('rename from ')) {
            section.renamedFrom = pathToken(header.slice('rename from '.length));
            if (this.removedLines)
                this.sink.line(fileNameLine(section.renamedFrom, this.commitSha, 'removed'), true);
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
            if (this.removedLines && section.path !== undefined)
                this.sink.line(fileNameLine(section.path, this.commitSha, 'removed'), true);
        }
        else if (/^(new file mode|new mode|mode) /.test(header)) {
            if (header.trimEnd().endsWith(GITLINK_MODE$1))
                section.gitlink = true;
            if (header.startsWith('new file mode ') && section.path !== undefined) {
                this.sink.line(fileNameLine(section.path, this.commitSha), true);
            }
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
/** git's patch outputs parsed as they arrive (one parser per output), with what they cover recorded. */
function parsePatchStreams(outputs, coverage, reading) {
    return mergePatchStreams(outputs, emit => new PatchParser(coverageSink(coverage, emit, reading), reading));
}
/** Records coverage (commits, files, bytes, submodules) while lines go to `onLine`. */
function coverageSink(coverage, onLine, reading) {
    const counted = reading.counted ?? true;
    return {
        commit: sha => {
            coverage.commits++;
            reading.commits?.push(sha);
        },
        file: path => {
            if (counted)
                coverage.addFile(path);
        },
        addedBytes: count => {
            if (counted)
                coverage.bytes += count;
        },
        line: onLine,
        submodule: path => coverage.skip({ what: path, reason: 'submodule: scan it in its own repository' }),
        renamed: (from, to, commit) => {
            if (commit !== undefined)
                reading.renames?.push({ commit, from, to });
        }
    };
}

const DEFAULT_FETCH_TIMEOUT_MS$1 = 5 * 60_000;
const DEFAULT_LOG_TIMEOUT_MS$1 = 15 * 60_000;
/** Added and deleted files per commit past which only exact renames are detected (git's `-l`). */
const RENAME_LIMIT = 100;
/** Findings are located in at most this many head files, read in one `cat-file` of at most HEAD_READ_BYTES. */
const MAX_HEAD_FILES = 2_000;
const HEAD_READ_BYTES = 256 * 1024 * 1024;
/** `git diff --cached`: what the next commit would add (CLI `--staged`, pre-commit hooks). */
async function* stagedLines(options, coverage) {
    const args = [...diffOptions('diff'), '--cached', '--'];
    const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
    // The index has no history: its removed lines name no commit that removed a key.
    yield* patchLines(args, options.cwd, timeoutMs, options, coverage, { maxLineBytes: options.maxLineBytes });
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
        const { stdout } = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], { cwd, timeoutMs: timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS, okExitCodes: [0, 1] });
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
            timeoutMs: timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS,
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
/**
 * Lines added by the plan's commits, read with git into `coverage` (and `read`, the range's files). Returns the
 * gap when git could not get the range, leaving it to the caller to read it another way or mark it skipped.
 */
async function* rangeLines(plan, options, coverage, read) {
    if (plan.kind === 'nothing') {
        coverage.source = 'event payload';
        coverage.range = `${plan.label}: ${plan.reason}`;
        return;
    }
    if (plan.kind === 'unplannable') {
        coverage.skip({ what: plan.label, reason: plan.reason, fix: plan.fix }, true);
        return;
    }
    const history = historyOptionsOf(options, DEFAULT_FETCH_TIMEOUT_MS$1);
    const { log } = history;
    let need;
    let comparedWith;
    let outcome;
    try {
        need = await needOf(plan, history);
        outcome = await ensureHistory(need, history);
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
                need = { ...need, exclude: [tip] };
                comparedWith = tip;
                outcome = await ensureHistory(need, history);
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
    if (outcome.ok && need) {
        const source = yield* logLines(need, options, coverage);
        if (plan.kind === 'range' && plan.pullNumber !== undefined)
            read.base = headFiles(plan.base, options);
        const [head] = need.include;
        if (!need.single && !coverage.incomplete) {
            const [base] = need.exclude;
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
        return undefined;
    }
    if (outcome.ok)
        return undefined;
    return { reason: outcome.reason, fix: outcome.fix, head: need?.include[0], comparedWith };
}
async function needOf(plan, history) {
    switch (plan.kind) {
        case 'last-commit':
            return { include: [plan.head ?? (await currentHead(history))], exclude: [], single: true };
        case 'range':
            return {
                include: [plan.head],
                exclude: [plan.base],
                pullNumber: plan.pullNumber,
                depthHint: plan.expectedCommits
            };
        case 'new-branch': {
            if (plan.defaultBranch === undefined) {
                return { include: [plan.head], exclude: [], depthHint: plan.expectedCommits };
            }
            const tip = await remoteBranchTip(plan.defaultBranch, history);
            if (tip === undefined) {
                throw new GitError('failed', `could not find the tip of the default branch ${plan.defaultBranch}`, null, '');
            }
            const exclude = tip === 'absent' ? [] : [tip];
            return { include: [plan.head], exclude, depthHint: plan.expectedCommits };
        }
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
    yield* patchLines(args, options.cwd, options.logTimeoutMs ?? DEFAULT_LOG_TIMEOUT_MS$1, options, coverage, {
        maxLineBytes: options.maxLineBytes,
        removedLines: true,
        commits
    });
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
    const reading = { maxLineBytes: options.maxLineBytes, counted: false };
    for await (const line of patchLines(args, options.cwd, timeoutMs, options, coverage, reading)) {
        yield { ...line, role: 'head' };
    }
}
/**
 * The paths a head read (`headFiles`, `readHeadFiles`) takes of those asked for: distinct, without a line break
 * (cat-file cannot take one), capped.
 */
function headPathsToRead(paths) {
    return [...new Set(paths)].filter(path => !/[\n\r]/.test(path)).slice(0, MAX_HEAD_FILES);
}
/** The head's files, read in one `git cat-file --batch` (names with a line break cannot be asked for). */
function headFiles(commit, options) {
    return { commit, read: paths => readHeadFiles(commit, headPathsToRead(paths), options) };
}
/** `wanted` (paths as `headPathsToRead` gives them) at `commit`: the files git read, none when it failed. */
async function readHeadFiles(commit, wanted, options) {
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
async function* patchLines(args, cwd, timeoutMs, options, coverage, reading) {
    const stream = streamGit(args, { cwd, timeoutMs });
    try {
        yield* parsePatchStreams([stream.stdout], coverage, reading);
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

/**
 * `scan: history` / CLI `--history [ref]`: the lines added by every commit reachable from HEAD (or a ref), each
 * with the commit that added it; a key no longer in its file at HEAD is marked `removed`.
 *
 * The fast path, for histories of many thousand commits:
 * - one `git rev-list` lists the commits; git then writes the patches of every other commit of the list in its
 *   own `git log --no-walk=unsorted --stdin` (two processes on two cores), while the scanner matches in Node;
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
/**
 * git's memory while it writes a long history: packs mapped in small windows (the mapped pages of a large pack
 * count as resident) and a smaller cache of delta bases, so each git process stays far below the scan's memory
 * target whatever the history's size (measured: 270 MB without, under 90 MB with, on 20,000 commits).
 */
const BOUNDED_GIT_MEMORY = {
    'core.packedGitWindowSize': '4m',
    'core.packedGitLimit': '32m',
    'core.deltaBaseCacheLimit': '32m'
};
class HistoryRefError extends Error {
    constructor(message) {
        super(message);
        this.name = 'HistoryRefError';
    }
}
/** Every commit reachable from the ref, as a source: lines, the prefiltered fast path, and settling findings. */
function collectHistoryLines(options, coverage) {
    const state = { order: new Map(), renames: [] };
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
        const resolved = await resolveRef(options.ref ?? 'HEAD', git).catch((error) => {
            // A repository without a commit yet has no history: nothing to scan, which is no usage error.
            if (options.ref === undefined && error instanceof HistoryRefError)
                return undefined;
            throw error;
        });
        if (resolved === undefined) {
            coverage.range = 'HEAD';
            coverage.skip({ what: 'history', reason: 'the repository has no commit yet' });
            return;
        }
        const head = resolved.sha;
        state.head = head;
        coverage.range = `${options.ref ?? 'HEAD'} (${shortSha(head)})`;
        if (resolved.shallow)
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
    yield* streamPatches(commits, options, coverage, prefilter, state.renames);
}
/**
 * A revision the user named, resolved to a commit before any other git command sees it, and whether the clone
 * is shallow (one git call).
 */
async function resolveRef(ref, git) {
    if (!/^[^\s\x00-\x1f\x7f]{1,255}$/.test(ref) || ref.startsWith('-')) {
        throw new HistoryRefError(`not a usable revision: ${JSON.stringify(ref)}`);
    }
    const { stdout } = await git(['rev-parse', '--is-shallow-repository', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { okExitCodes: [0, 1] });
    const [shallow, sha = ''] = stdout.trim().split('\n');
    if (!isSha(sha))
        throw new HistoryRefError(`unknown revision ${JSON.stringify(ref)}`);
    return { sha, shallow: shallow === 'true' };
}
/**
 * A shallow clone holds only the last commits: fetch the rest when allowed (saying what and how long), else
 * record the gap. The commits on the shallow boundary are still scanned: git shows their whole tree as added.
 */
async function completeHistory(head, options, coverage, git) {
    const history = historyOptionsOf(options, DEFAULT_FETCH_TIMEOUT_MS);
    const { log } = history;
    const before = await countCommits(head, git);
    const started = Date.now();
    // git says nothing while it fetches: a line at the progress pace shows a long fetch is still going.
    const stopProgress = logEvery(options, () => `History: still fetching from origin (${secondsSince(started, 0)} s)`);
    const outcome = await ensureHistory({ include: [head], exclude: [] }, history).finally(stopProgress);
    if (outcome.ok) {
        const after = await countCommits(head, git);
        const seconds = secondsSince(started, 1);
        // One count of fetched commits, the same in the log and in the summary's source.
        const fetched = `fetched ${plural(after - before, 'commit')} of history in ${seconds} s`;
        log(`History: ${fetched}`);
        coverage.source = `git (${fetched})`;
        return;
    }
    coverage.source = 'git (shallow clone)';
    coverage.skip({
        what: `history before the shallow boundary of ${shortSha(head)}`,
        reason: `the clone is shallow and ${outcome.reason}; commits on the boundary are scanned whole (their entire tree as added)`,
        fix: options.tool === 'cli'
            ? 'run `git fetch --unshallow`, then scan again'
            : options.fetch
                ? 'add `fetch-depth: 0` to actions/checkout, or keep `persist-credentials` so the action can fetch'
                : 'use `scan: history` (it fetches the history itself), or add `fetch-depth: 0` to actions/checkout'
    }, true);
}
async function countCommits(head, git) {
    const { stdout } = await git(['rev-list', '--count', '--end-of-options', head, '--']);
    return Number(stdout.trim()) || 0;
}
/**
 * The patches of `commits`, written by one or two `git log --no-walk=unsorted --stdin` processes (each over
 * every other commit of the list) and parsed in this process as they arrive.
 */
async function* streamPatches(commits, options, coverage, prefilter, renames) {
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
    const streams = dealOut(commits, processes).map(part => streamGit(args, {
        cwd: options.cwd,
        timeoutMs: options.logTimeoutMs ?? DEFAULT_LOG_TIMEOUT_MS,
        config: BOUNDED_GIT_MEMORY,
        input: part.map(sha => `${sha}\n`).join('')
    }));
    const stopProgress = logEvery(options, () => `History: ${formatCount(coverage.commits)} of ${plural(commits.length, 'commit')}, ` +
        `${formatBytes(coverage.bytes)} of added lines (${secondsSince(started, 0)} s)`);
    try {
        yield* parsePatchStreams(streams.map(stream => stream.stdout), coverage, { maxLineBytes: options.maxLineBytes, prefilter, renames });
        await Promise.all(streams.map(stream => stream.finished));
    }
    catch (error) {
        if (!(error instanceof GitError))
            throw error;
        coverage.skip({ what: coverage.range ?? 'history', reason: error.message, fix: gitFix(options.tool) }, true);
    }
    finally {
        stopProgress();
        for (const stream of streams)
            stream.kill();
    }
    log(`History: scanned ${plural(coverage.commits, 'commit')}, ${formatBytes(coverage.bytes)} of added lines in ` +
        `${secondsSince(started, 1)} s`);
}
/** Logs `message()` at the progress pace until the returned function is called. */
function logEvery(options, message) {
    const log = options.log;
    if (!log)
        return () => undefined;
    const timer = setInterval(() => log(message()), options.progressIntervalMs ?? DEFAULT_PROGRESS_MS);
    timer.unref();
    return () => clearInterval(timer);
}
/**
 * Commits dealt out in turn, so that each git process gets its share of the big commits (a vendored package,
 * a generated file) wherever in the history they are; findings are put back in commit order afterwards.
 */
function dealOut(items, parts) {
    const dealt = Array.from({ length: parts }, () => []);
    items.forEach((item, index) => dealt[index % parts].push(item));
    return dealt.filter(part => part.length > 0);
}
/**
 * Findings in commit order (oldest first, then by place); a key no longer in its file at the scanned head (under
 * the name later commits renamed the file to) is marked `removed` (the commit that removed it is not looked for).
 * Only the files that hold findings are read at the head (one `git cat-file --batch`, keys never on a command
 * line), decoded as the scan decodes them.
 */
async function settleFindings(findings, state, options) {
    const position = (finding) => state.order.get(finding.commit ?? '') ?? -1;
    findings.sort((a, b) => position(a) - position(b) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
        a.line - b.line ||
        a.startColumn - b.startColumn);
    if (findings.length === 0 || state.head === undefined)
        return;
    const nameAtHead = laterNames(state);
    const renamedTo = new Map(findings.map(finding => [finding, nameAtHead(finding.path, position(finding))]));
    // Paths that cannot be asked for (a line break in the name, past the read's limits) stay unjudged.
    const asked = new Set(headPathsToRead([...findings.map(finding => finding.path), ...renamedTo.values()]));
    const contents = await readHeadFiles(state.head, [...asked], {
        cwd: options.cwd,
        logTimeoutMs: options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS
    });
    // git either reads every file asked for or fails and reads none: nothing read may be a failure, or files all gone.
    if (contents.size === 0 && !(await headReadable(state.head, options)))
        return;
    const texts = new Map();
    const textAt = (path) => {
        if (!texts.has(path)) {
            const content = contents.get(path);
            texts.set(path, content === undefined ? undefined : decodeText(content));
        }
        return texts.get(path);
    };
    for (const finding of findings) {
        if (!asked.has(finding.path))
            continue;
        const renamed = renamedTo.get(finding) ?? finding.path;
        // Not in the file (or no file of that name) at the head any more: reports show the file and the commit
        // that added it, no line.
        const atHead = finding.inFileName
            ? contents.has(finding.path)
            : [finding.path, renamed].some(path => asked.has(path) && textAt(path)?.includes(finding.secret));
        if (!atHead)
            finding.removed = {};
    }
}
/**
 * The name a file has at the head: `nameAtHead(path, position)` follows the renames of the commits after
 * `position`, in commit order (a file renamed twice takes both names in turn).
 */
function laterNames(state) {
    const inCommitOrder = state.renames
        .map(({ from, to, commit }) => ({ from, to, position: state.order.get(commit) ?? -1 }))
        .sort((a, b) => a.position - b.position);
    const renamesOf = groupBy(inCommitOrder, rename => rename.from);
    return (path, position) => {
        let name = path;
        for (let at = position;;) {
            const next = renamesOf.get(name)?.find(rename => rename.position > at);
            if (next === undefined)
                return name;
            name = next.to;
            at = next.position;
        }
    };
}
/** Whether git can read the head at all (a file missing from what it read is then really not there). */
async function headReadable(head, options) {
    try {
        await runGit(['cat-file', '-e', `${head}^{tree}`], {
            cwd: options.cwd,
            timeoutMs: options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS
        });
        return true;
    }
    catch (error) {
        if (error instanceof GitError)
            return false;
        throw error;
    }
}
function gitFix(tool = 'action') {
    return tool === 'cli'
        ? 'run it inside a git checkout of your project; for a shallow clone, run `git fetch --unshallow` first'
        : 'run actions/checkout before this action; add `fetch-depth: 0` when the action cannot fetch';
}

/**
 * `scan: all` / CLI `--all`: every tracked file of the working tree, read from disk through the checkout
 * reader (never following a link, never outside the repository, never waiting on a FIFO). Skips submodules,
 * each with a reason in the coverage.
 *
 * Files up to `maxFileBytes` are read whole and offered two ways: as bytes (`files`, for the scanner's fast
 * path: most lines hold no keyword, so they are never decoded) and as lines (`lines`, long ones in overlapping
 * windows, like every other source). Every listed file is offered, those not read with no bytes, so that every
 * name is scanned too (a key in a file name is a committed key). The bytes of each file are read into one reused
 * buffer: a file's bytes are valid only until the next file is requested. A larger file is read as it is
 * scanned, in chunks, as lines (long ones in overlapping windows): memory stays bounded whatever its size, and a
 * key across a chunk's or a window's edge is still found.
 */
const SYMLINK_MODE = Buffer.from('120000 ');
const NO_BYTES = Buffer.alloc(0);
const GITLINK_MODE = Buffer.from('160000 ');
/** What a file larger than `maxFileBytes` is read in, a chunk at a time. */
const LARGE_FILE_CHUNK_BYTES = 1024 * 1024;
/**
 * Larger files are not scanned (and fail `fail-on: leak` as unscanned): GitHub refuses files over 100 MiB, so a
 * bigger one is a sparse file or a dump made on the runner, whose reading would only bound the run's time.
 */
const MAX_WINDOWED_FILE_BYTES = 256 * 1024 * 1024;
/** The tree as a source: iterate `files` or `lines`, not both (each reads the tree and records coverage). */
function collectTreeLines(cwd, options, coverage) {
    let observer;
    const observed = () => observer;
    return {
        files: treeFileBatches(cwd, options, coverage, observed),
        lines: linesOf(treeFileBatches(cwd, options, coverage, observed), options.maxLineBytes),
        observeFiles(watcher) {
            observer = watcher;
        },
        coverage: () => coverage.snapshot()
    };
}
async function* treeFileBatches(cwd, options, coverage, observed) {
    const observer = observed();
    const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
    let checkout;
    try {
        checkout = await CheckoutReader.at(options.cwdIsCheckoutRoot ? cwd : await checkoutRoot(cwd, timeoutMs));
    }
    catch (error) {
        coverage.skip({
            what: 'working tree',
            reason: error instanceof GitError ? error.message : String(error),
            fix: 'run the scan inside a git checkout (actions/checkout)'
        }, true);
        observer?.end(false);
        return;
    }
    const watcher = observer?.begin(checkout.root) ? observer : undefined;
    // The index is sorted by path, so a conflicted file's stages (1, 2, 3) come one after another; untracked files
    // are in no stage. Skipping a repeat of the previous path reads each file once.
    let previousPath;
    const listings = [{ args: ['ls-files', '-z', '--stage'], staged: true, scanned: true }];
    if (options.includeUntracked || watcher) {
        listings.push({
            args: ['ls-files', '-z', '--others', '--exclude-standard'],
            staged: false,
            scanned: options.includeUntracked === true
        });
    }
    const reader = new TreeReader(checkout, options, coverage);
    function* readEach(batch, listing) {
        for (let start = 0, end = batch.indexOf(0); end !== -1; start = end + 1, end = batch.indexOf(0, start)) {
            const entry = listing.staged
                ? parseStageEntry(batch, start, end)
                : untrackedEntry(batch.subarray(start, end));
            if (!entry || entry.path === previousPath)
                continue;
            previousPath = entry.path;
            if (!listing.scanned) {
                watcher?.file(entry.path, undefined);
                continue;
            }
            const file = reader.readListed(entry);
            watcher?.file(entry.path, file && 'bytes' in file ? file.bytes : undefined);
            // A file that is not read (empty, too large, a link) is still offered by name: its name is scanned.
            yield file ?? { path: entry.path, bytes: NO_BYTES };
        }
    }
    let complete = true;
    // Every listing's git starts at once (the untracked files are listed while the tracked ones are read); each is
    // read in turn.
    const streams = listings.map(listing => streamGit(listing.args, { cwd: checkout.root.toString(), timeoutMs }));
    const outputs = streams.map(stream => claimedOutput(stream.stdout));
    try {
        for (const [index, listing] of listings.entries()) {
            try {
                for await (const batch of nulRecordBatches(outputs[index]))
                    yield readEach(batch, listing);
                await streams[index].finished;
            }
            catch (error) {
                if (!(error instanceof GitError))
                    throw error;
                complete = false;
                coverage.skip({ what: 'working tree', reason: `listing files failed: ${error.message}` }, true);
            }
        }
    }
    finally {
        for (const stream of streams)
            stream.kill();
    }
    watcher?.end(complete);
}
/** Each line of each file (without `\r\n` / `\n`); lines longer than `maxLineBytes` as overlapping windows. */
async function* linesOf(batches, maxLineBytes) {
    for await (const batch of batches) {
        for (const file of batch) {
            yield fileNameLine(file.path);
            if ('lines' in file) {
                yield* file.lines;
                continue;
            }
            if (file.bytes.length === 0)
                continue;
            const lineOf = fileLineMaker(file.path);
            for await (const segment of splitLines([file.bytes], maxLineBytes))
                yield lineOf(segment);
        }
    }
}
/** One file's segments (from a LineSplitter, in order) as its lines: numbered from 1, long ones as windows. */
function fileLineMaker(path) {
    const decoder = new SegmentDecoder(0);
    let line = 0;
    return segment => {
        if (segment.offset === 0)
            line++;
        const { text, columnOffset } = decoder.decode(segment);
        const added = { path, line, text };
        if (columnOffset !== undefined)
            added.columnOffset = columnOffset;
        return added;
    };
}
/**
 * Reads the listed files through the checkout reader. A file of at most `maxFileBytes` is read whole into the
 * reader's one buffer (allocating one per file costs twice the time of reading, in allocation and garbage
 * collection); a larger one comes as lines read from its open descriptor as they are scanned.
 */
class TreeReader {
    checkout;
    options;
    coverage;
    chunk;
    maxWindowedFileBytes;
    tooLarge;
    constructor(checkout, options, coverage) {
        this.checkout = checkout;
        this.options = options;
        this.coverage = coverage;
        this.maxWindowedFileBytes = options.maxWindowedFileBytes ?? MAX_WINDOWED_FILE_BYTES;
        this.tooLarge = `larger than ${formatBytes(this.maxWindowedFileBytes)}: not scanned`;
    }
    /** The file's content, or undefined (with the reason in the coverage) when it is not scanned. */
    readListed(entry) {
        if (entry.kind === 'submodule')
            return this.skip(entry, 'submodule: scan it in its own repository');
        if (entry.kind === 'symlink')
            return this.skip(entry, NOT_FOLLOWED);
        const opened = this.open(entry);
        if (opened === undefined)
            return undefined;
        if (opened.size > this.options.maxFileBytes)
            return this.largeFile(entry, opened);
        let whole;
        try {
            whole = this.checkout.readOpen(opened, this.options.maxFileBytes);
        }
        finally {
            closeSync(opened.descriptor);
        }
        if ('refused' in whole)
            return this.skip(entry, whole.refused.reason, whole.refused.unreadable);
        // It grew past the limit since fstat: read it again, as a large file.
        if (!('bytes' in whole)) {
            const reopened = this.open(entry);
            return reopened === undefined ? undefined : this.largeFile(entry, reopened);
        }
        const { bytes } = whole;
        if (bytes.length === 0)
            return undefined;
        this.coverage.countFile();
        this.coverage.bytes += bytes.length;
        return { path: entry.path, bytes: wideTextAsUtf8(bytes) ?? bytes };
    }
    /** The listed file, open; undefined when it is gone or refused (with the reason in the coverage). */
    open(entry) {
        const opened = this.checkout.open(entry.path, entry.name);
        if (opened === undefined || isOpen(opened))
            return opened;
        return this.skip(entry, opened.reason, opened.unreadable);
    }
    largeFile(entry, file) {
        if (file.size > this.maxWindowedFileBytes) {
            closeSync(file.descriptor);
            return this.skip(entry, this.tooLarge, true);
        }
        const { path } = entry;
        this.coverage.countFile();
        this.chunk ??= Buffer.allocUnsafe(LARGE_FILE_CHUNK_BYTES);
        return { path, lines: this.linesOfOpenFile(path, file, this.chunk) };
    }
    /** The file's lines, read a chunk at a time as they are asked for; closes the file when done or abandoned. */
    *linesOfOpenFile(path, file, chunk) {
        const lineOf = fileLineMaker(path);
        let pending = [];
        const splitter = new LineSplitter(this.options.maxLineBytes, (data, start, end, offset, advance, final) => {
            pending.push(lineOf({ bytes: data.subarray(start, end), offset, advance, final }));
        });
        try {
            for (;;) {
                let length;
                try {
                    length = readFully(file.descriptor, chunk, chunk.length);
                }
                catch (error) {
                    const code = error.code ?? 'error';
                    this.coverage.skip({
                        what: path,
                        reason: `could not be read to its end (${code})`,
                        unscanned: true
                    });
                    return;
                }
                if (length === 0)
                    break;
                this.coverage.bytes += length;
                splitter.push(chunk.subarray(0, length));
                yield* pending;
                pending = [];
            }
            splitter.end();
            yield* pending;
        }
        finally {
            closeSync(file.descriptor);
        }
    }
    /** `unscanned`: content that could not be read (it fails `fail-on: leak`), not something without content. */
    skip(entry, reason, unscanned = false) {
        this.coverage.skip(unscanned ? { what: entry.path, reason, unscanned } : { what: entry.path, reason });
        return undefined;
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
 * A child's output to be read later, claimed now: its first chunk is asked for at once. Node throws away the
 * output of a child that exits before anything listens to it; asked for, the output waits (and git with it, once
 * the pipe is full) until it is read.
 */
function claimedOutput(output) {
    const chunks = output[Symbol.asyncIterator]();
    const first = chunks.next();
    // Its failure is the stream's, met when it is read.
    first.catch(() => undefined);
    return {
        async *[Symbol.asyncIterator]() {
            try {
                for (let next = await first; !next.done; next = await chunks.next())
                    yield next.value;
            }
            finally {
                await chunks.return?.();
            }
        }
    };
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

/** A rate limit that resets within this many seconds is waited for (once); a later reset is reported. */
const MAX_RATE_LIMIT_WAIT_S = 60;
/** A request the client refused to send: the token goes nowhere but GITHUB_API_URL. */
class ForeignUrlError extends Error {
    url;
    constructor(url) {
        super('the GitHub API pointed a request (a next page) outside GITHUB_API_URL');
        this.url = url;
        this.name = 'ForeignUrlError';
    }
}
async function openGitHubClient(options) {
    const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
        import('./github-BE1-etcW.js'),
        import('./dist-bundle-D_rbF3-C.js'),
        import('./dist-bundle-Datx3qcw.js')
    ]);
    const baseUrl = options.apiUrl.replace(/\/+$/, '');
    const log = options.log ?? (() => undefined);
    const retries = options.retries ?? 2;
    const waitForReset = (kind) => (retryAfter, _request, _octokit, count) => {
        if (count > 0 || retryAfter > MAX_RATE_LIMIT_WAIT_S)
            return false;
        log(`GitHub API ${kind} rate limit: waiting ${retryAfter} s for its reset`);
        return true;
    };
    return getOctokit(options.token, {
        baseUrl,
        log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
        retry: { retries, retryAfterBaseValue: options.retryDelayMs ?? 500 },
        throttle: {
            onRateLimit: waitForReset('primary'),
            onSecondaryRateLimit: waitForReset('secondary')
        }
    }, 
    // Registered first, so it runs innermost: once per attempt, inside the retries.
    attemptGuard(baseUrl, options.requestTimeoutMs ?? 10_000, retries, log), retry, throttling);
}
/** Each attempt: only to GITHUB_API_URL, with its own timeout; a failed attempt says how many were made. */
function attemptGuard(baseUrl, timeoutMs, retries, log) {
    return (octokit) => {
        octokit.hook.wrap('request', async (request, options) => {
            const url = String(options.url);
            if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith(`${baseUrl}/`))
                throw new ForeignUrlError(url);
            const attempt = Number(options.request?.retryCount ?? 0) + 1;
            // Hooks get the options they were bound to (a changed copy would be ignored): a new timeout per attempt.
            options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) };
            try {
                return await request(options);
            }
            catch (error) {
                const status = error.status;
                if (typeof status !== 'number' || status >= 500) {
                    log(`GitHub API request failed (${status ?? 'network error'}), attempt ${attempt} of ${retries + 1}`);
                }
                throw Object.assign(error, { attempts: attempt });
            }
        });
    };
}
/** How many attempts a failed request made (1 when it was not retried). */
function attemptsOf(error) {
    const attempts = error?.attempts;
    return typeof attempts === 'number' ? attempts : 1;
}
/**
 * A used-up rate limit, from a failed request (403 or 429 with `x-ratelimit-remaining: 0`): when it resets, as an
 * ISO time (undefined when GitHub did not say). Undefined for any other failure.
 */
function exhaustedRateLimit(error) {
    const { status, response } = error;
    const headers = response?.headers ?? {};
    if ((status !== 403 && status !== 429) || String(headers['x-ratelimit-remaining']) !== '0')
        return undefined;
    const reset = Number(headers['x-ratelimit-reset']);
    return Number.isFinite(reset) && reset > 0 ? { resetsAt: new Date(reset * 1000).toISOString() } : {};
}

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

/** GitHub's caps: a pull request's commit list, a compare's commit list, a commit's file list. */
const PULL_COMMITS_CAP = 250;
const COMPARE_COMMITS_CAP = 250;
const COMMIT_FILES_CAP = 3000;
const PER_PAGE = 100;
/** Statuses of a file whose name the commit gave it: a key in a file name is a committed key. */
const NAME_ADDING_STATUSES = new Set(['added', 'renamed', 'copied']);
const PREFETCH = 4;
/** Streams the range's added lines into the caller's coverage (which this sets to "GitHub REST API"). */
async function* restAddedLines(range, options, coverage, label) {
    coverage.source = 'GitHub REST API';
    let client;
    let shas;
    try {
        client = new RepositoryPages(await openGitHubClient(options), options.repository);
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
            if (NAME_ADDING_STATUSES.has(file.status ?? ''))
                yield fileNameLine(file.filename, sha);
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
        for await (const page of client.pages('GET /repos/{owner}/{repo}/commits/{ref}', { ref: sha })) {
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
    const pages = range.kind === 'pull'
        ? client.pages('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', {
            pull_number: range.pullNumber
        })
        : client.pages('GET /repos/{owner}/{repo}/compare/{basehead}', {
            basehead: `${range.base}...${range.head}`
        });
    const cap = range.kind === 'pull' ? PULL_COMMITS_CAP : COMPARE_COMMITS_CAP;
    for await (const page of pages) {
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
/** One repository's API pages, 100 items a page, as octokit's `paginate` follows them. */
class RepositoryPages {
    client;
    repository;
    constructor(client, repository) {
        this.client = client;
        this.repository = repository;
    }
    async *pages(route, parameters) {
        const pages = this.client.paginate.iterator(route, {
            ...this.repository,
            ...parameters,
            per_page: PER_PAGE
        });
        for await (const page of pages)
            yield page.data;
    }
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
const PERMISSIONS_FIX = 'give the job `permissions: contents: read` and `pull-requests: read`';
/** A request that failed for good, in words a user can act on. */
function describeFailure(error) {
    if (error instanceof ForeignUrlError)
        return { reason: error.message, fix: 'check GITHUB_API_URL' };
    const attempts = attemptsOf(error);
    const status = statusOf(error);
    const apiMessage = String(responseOf(error)?.data?.message ?? '');
    if (status === undefined) {
        const cause = error instanceof Error ? error.message : String(error);
        return {
            reason: `could not reach the GitHub API after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}: ${cause}`,
            fix: 'check GITHUB_API_URL and the network'
        };
    }
    const rateLimit = exhaustedRateLimit(error) ?? (status === 429 ? {} : undefined);
    if (rateLimit) {
        const when = rateLimit.resetsAt ? ` (resets at ${rateLimit.resetsAt})` : '';
        return {
            reason: `GitHub API rate limit exhausted${when}`,
            fix: 'wait for the reset, or let the action use git (keep `persist-credentials` on actions/checkout)'
        };
    }
    if (status === 403 && /resource not accessible by integration/i.test(apiMessage)) {
        return {
            reason: 'the token may not read this (403 Resource not accessible by integration)',
            fix: PERMISSIONS_FIX
        };
    }
    if (status === 401)
        return { reason: 'the GitHub token was rejected (401)', fix: 'check the `github-token` input' };
    if (status === 404) {
        return {
            reason: 'not found (404): the repository, pull request or commit is not visible to this token',
            fix: `check the \`github-token\` input; ${PERMISSIONS_FIX}`
        };
    }
    if (status >= 500) {
        return {
            reason: `GitHub API error ${status} after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}`,
            fix: 'run the job again later'
        };
    }
    return { reason: `GitHub API error ${status}${apiMessage ? `: ${apiMessage}` : ''}`, fix: PERMISSIONS_FIX };
}
function failureEntry(what, error) {
    const fromApi = error instanceof ForeignUrlError || typeof error.status === 'number';
    if (fromApi)
        return { what, ...describeFailure(error) };
    return { what, reason: error instanceof Error ? error.message : String(error) };
}
function isApiFile(value) {
    return typeof value === 'object' && value !== null && typeof value.filename === 'string';
}
function numberField(value, name) {
    const field = value?.[name];
    return typeof field === 'number' ? field : undefined;
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
 * A range of commits read with git, and by the range's fallback reader when git cannot get them (`scan: changed`
 * has the GitHub REST API: no history, no credentials to fetch it). Whatever none could read is skipped as
 * `incomplete`.
 */
/** The plan's commits with git; what git could not get, from the fallback reader when there is one to ask. */
async function* rangeLinesWithFallback(plan, options, coverage, read, fallback) {
    const gap = yield* rangeLines(plan, options, coverage, read);
    if (gap === undefined || plan.kind === 'nothing' || plan.kind === 'unplannable')
        return;
    const gitGap = { what: `${plan.label} (git)`, reason: gap.reason, fix: gap.fix };
    const rest = restRangeOf(plan, gap);
    const repository = options.github?.repository ?? plan.repository;
    if (!fallback || !rest || !options.github || !options.token || !repository) {
        coverage.skip(gitGap, true);
        return;
    }
    options.log?.(`git could not get the range (${gap.reason}); reading it through the ${fallback.reader}`);
    const { apiUrl, requestTimeoutMs, retries, retryDelayMs } = options.github;
    yield* fallback.read(rest, {
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
/** The same commits as the REST API names them, with what git learnt (HEAD, the base that replaced a removed one). */
function restRangeOf(plan, gap) {
    switch (plan.kind) {
        case 'last-commit': {
            const head = plan.head ?? gap.head;
            return head ? { kind: 'commit', sha: head } : undefined;
        }
        case 'range':
            if (gap.comparedWith !== undefined)
                return { kind: 'compare', base: gap.comparedWith, head: plan.head };
            return plan.pullNumber !== undefined
                ? { kind: 'pull', pullNumber: plan.pullNumber, expectedCommits: plan.expectedCommits }
                : { kind: 'compare', base: plan.base, head: plan.head };
        case 'new-branch':
            return plan.defaultBranch ? { kind: 'compare', base: plan.defaultBranch, head: plan.head } : undefined;
    }
}

/**
 * Every source of lines to scan, registered once (like gitleaks' sources): the mode it reports in the coverage,
 * what it covers in the reports' words, and how it opens. The action, the CLI and the reports look a source up
 * here by its mode instead of switching on mode strings.
 *
 * git and the GitHub REST API are adapters (src/git, src/github) that stream lines into the CoverageRecorder a
 * source gives them; they never import each other. A range source reads with git, then with its `fallback` for
 * what git could not get: `changed` (an event's commits, on a runner with a token) has the REST API, the CLI's
 * `range` has none.
 */
const addedBy = (what) => `the lines added by ${what}`;
/** What a range source (the CLI's `range`, an event's `changed`) covered. */
const everyCommitOfRange = (coverage) => addedBy(`every commit of ${coverage.range ?? 'the range'}`);
const SCAN_SOURCES = {
    'working-tree': {
        covers: () => 'the working tree (tracked and untracked files, not ignored ones)',
        open: (_, context) => collectTreeLines(context.cwd, { ...context, includeUntracked: true }, new CoverageRecorder('working-tree', 'working tree'))
    },
    all: {
        covers: () => 'every tracked file',
        open: (_, context) => collectTreeLines(context.cwd, context, new CoverageRecorder('all', 'working tree'))
    },
    staged: {
        covers: () => addedBy('the staged changes'),
        uncommitted: true,
        open(_, context) {
            const coverage = new CoverageRecorder('staged', 'staged changes (git index)', 'staged changes');
            return { lines: stagedLines(context, coverage), coverage: () => coverage.snapshot() };
        }
    },
    range: {
        covers: everyCommitOfRange,
        async open(request, context) {
            const plan = await planRevisionRange(context.cwd, request.range, context.timeoutMs);
            return rangeSource(plan, context, 'range');
        }
    },
    changed: {
        covers: everyCommitOfRange,
        fallback: { reader: 'GitHub REST API', read: restAddedLines },
        open: (request, context) => rangeSource(request.plan, context, 'changed')
    },
    history: {
        covers: coverage => addedBy(`every commit reachable from ${coverage.range ?? 'HEAD'}`),
        wholeHistory: true,
        open: (request, context) => collectHistoryLines({ ...context, ref: request.ref }, new CoverageRecorder('history', 'git', request.ref ?? 'HEAD'))
    }
};
/** Opens the source a request names. */
async function openScanSource(request, context) {
    const source = SCAN_SOURCES[request.kind];
    return source.open(request, context);
}
/** The source a scan's coverage came from. */
function scanSourceOf(coverage) {
    return SCAN_SOURCES[coverage.mode];
}
/** Whether the keys a scan found are only staged (a blocked commit), not in git history yet. */
function scannedUncommitted(coverage) {
    return coverage !== undefined && scanSourceOf(coverage).uncommitted === true;
}
/** A range of commits, read with git and then the mode's fallback: the CLI's (git only) or an event's. */
function rangeSource(plan, context, mode) {
    const coverage = new CoverageRecorder(mode, 'git', plan.label);
    const read = {};
    return {
        lines: rangeLinesWithFallback(plan, context, coverage, read, SCAN_SOURCES[mode].fallback),
        coverage: () => coverage.snapshot(),
        head: () => read.head,
        base: () => read.base
    };
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

/**
 * Places every finding of a range scan in the range's head, where GitHub shows annotations and code-scanning
 * alerts (issue 10): a line added by one commit and pushed down, moved or renamed by later ones is reported at
 * its line in the head, with the commit that added it; a key added and removed inside the range is reported
 * with the adding and the removing commit and no line; a key only the net change shows (a merge of an old
 * commit re-adding it) is reported at its head line with the head commit. A key in a file name is placed on its
 * file while the head has a file of that name, else reported as removed like a key in content.
 *
 * Pure, apart from reading head files through `HeadFiles`: lines come from the head's own content, so a
 * finding is never put on a line that does not hold its key.
 */
async function locateInHead(findings, head) {
    const located = [];
    const placed = new Set();
    const place = (finding) => {
        placed.add(placeKey(finding));
        located.push(finding);
    };
    // Each net-change finding stands for one added finding of the same key and kind: the same file first, then any
    // file (a rename the net change shows as an added file).
    const unclaimed = groupBy(findings.inHead, keyAndKind);
    const removals = groupBy(findings.removed, entry => keyAndKind(entry.finding));
    const pending = [];
    for (const entry of findings.added) {
        const candidates = unclaimed.get(keyAndKind(entry.finding)) ?? [];
        const samePath = candidates.findIndex(candidate => candidate.path === entry.finding.path);
        const [inHead] = candidates.splice(Math.max(samePath, 0), 1);
        if (inHead === undefined)
            pending.push(entry);
        else
            place(withCommit(inHead, entry.finding.commit));
    }
    // What no commit added, by key in the order the net change first shows each, then in the net change's order.
    const unclaimedLeft = new Set([...unclaimed.values()].flat());
    for (const sameKey of groupBy(findings.inHead, finding => finding.fingerprint).values()) {
        for (const finding of sameKey)
            if (unclaimedLeft.has(finding))
                place(withCommit(finding, head.commit));
    }
    // The rest are keys the net change does not show: still in the head where the base had them too, or gone.
    const files = await head.read(pending.map(entry => entry.finding.path));
    const lines = new Map();
    for (const entry of pending) {
        const finding = entry.finding;
        const content = files.get(finding.path);
        let fileLines = lines.get(finding.path);
        if (fileLines === undefined && content !== undefined && !finding.inFileName) {
            fileLines = await linesHolding(content, pendingSecrets(pending, finding.path));
            lines.set(finding.path, fileLines);
        }
        // A name is in the head when its file is; a key in content, on the lines that hold it.
        const occurrences = finding.inFileName
            ? content === undefined
                ? []
                : [finding]
            : (fileLines ?? []).flatMap(line => occurrencesIn(line, finding));
        if (occurrences.length > 0) {
            const free = occurrences.find(occurrence => !placed.has(placeKey(occurrence)));
            if (free)
                place(free);
            continue;
        }
        const removal = removals.get(keyAndKind(finding))?.find(candidate => candidate.sequence > entry.sequence);
        const key = `${finding.path}\0${keyAndKind(finding)}\0removed`;
        if (placed.has(key))
            continue;
        placed.add(key);
        located.push({ ...finding, removed: removal?.finding.commit ? { commit: removal.finding.commit } : {} });
    }
    return located;
}
/** The key and whether it is in a file name or in content: a key in one never stands for the other. */
function keyAndKind(finding) {
    return `${finding.fingerprint}\0${finding.inFileName ? 'name' : 'content'}`;
}
function withCommit(finding, commit) {
    const copy = { ...finding };
    if (commit === undefined)
        delete copy.commit;
    else
        copy.commit = commit;
    return copy;
}
function placeKey(finding) {
    return `${finding.path}\0${finding.line}\0${finding.startColumn}\0${finding.fingerprint}`;
}
function pendingSecrets(pending, path) {
    return [...new Set(pending.filter(entry => entry.finding.path === path).map(entry => entry.finding.secret))];
}
/** The head file's lines that hold any of `secrets` (decoded as the scan decodes them). */
async function linesHolding(content, secrets) {
    const found = [];
    let line = 0;
    for await (const segment of splitLines([content], Number.MAX_SAFE_INTEGER)) {
        line++;
        const text = decodeText(segment.bytes);
        if (secrets.some(secret => text.includes(secret)))
            found.push({ line, text });
    }
    return found;
}
function occurrencesIn(headLine, finding) {
    const occurrences = [];
    for (let at = headLine.text.indexOf(finding.secret); at !== -1; at = headLine.text.indexOf(finding.secret, at + 1)) {
        occurrences.push({
            ...finding,
            line: headLine.line,
            startColumn: at + 1,
            endColumn: at + finding.secret.length
        });
    }
    return occurrences;
}

/** Findings past this many are counted but not kept: the report summarises, memory stays bounded. */
const MAX_FINDINGS = 100_000;
/**
 * Runs every detector (and the workflow's own key) over a stream of added lines, or over whole files when the
 * source offers them (the scanner's fast path). Prints nothing: the caller masks the secrets found before
 * anything else is printed.
 *
 * For a range read with git, the allow-list's fingerprints and paths are applied once every finding is placed
 * in the head (inline markers belong to each line and apply while scanning); for a pull request the base's
 * allow-list applies, read then (its history is fetched by now), and the checkout's own (the pull request's
 * version) only says what it would accept.
 */
async function findLeaks(source, options) {
    const detectors = detectorsFor(options.configuredKey);
    const newScanner = (allowlist) => createScanner({
        detectors: options.onlyConfiguredKey
            ? detectors.filter(detector => detector.id === CONFIGURED_KEY_DETECTOR_ID)
            : detectors,
        allowlist,
        maxFindings: MAX_FINDINGS
    });
    const inRange = source.head !== undefined && !source.files;
    const scanner = newScanner(inRange ? MARKERS_ONLY : options.allowlist);
    let findings = [];
    let allowlistChanged = false;
    const watch = (place) => {
        if (place.commit !== undefined && place.path === ALLOWLIST_FILE)
            allowlistChanged = true;
    };
    let allowlistNote;
    const suppressed = scanner.stats.suppressed;
    if (source.candidateLines) {
        // Sources that parse whole histories: only the lines the prefilter keeps become text. A whole history edits
        // the allowlist somewhere along the way: that is no news to review, so no watch.
        for await (const line of source.candidateLines(scanner.prefilter))
            findings.push(...scanner.scanLine(line));
        findings.push(...scanner.flush());
    }
    else if (source.files) {
        for await (const batch of source.files) {
            for (const file of batch) {
                watch(file);
                findings.push(...scanner.scanLine(fileNameLine(file.path, file.commit)));
                const found = scanner.scanFile(file);
                if (found.length > 0)
                    findings.push(...found);
            }
        }
    }
    else if (inRange) {
        const located = await findInRange(source, scanner, newScanner, watch);
        const base = source.base?.();
        const effective = base
            ? (await allowlistFromBytes((await base.read([ALLOWLIST_FILE])).get(ALLOWLIST_FILE))).allowlist
            : options.allowlist;
        findings = located.filter(finding => {
            const reason = effective?.allowedBy(finding, '');
            if (reason)
                suppressed[reason]++;
            return reason === undefined;
        });
        if (base && options.allowlist) {
            allowlistNote = proposedAllowlistNote(options.allowlist, findings, allowlistChanged);
            allowlistChanged = false;
        }
    }
    else {
        for await (const line of source.lines) {
            watch(line);
            findings.push(...scanner.scanLine(line));
        }
        findings.push(...scanner.flush());
    }
    await source.settle?.(findings);
    return {
        findings,
        coverage: source.coverage(),
        suppressed,
        truncated: scanner.stats.truncated,
        allowlistChanged,
        ...(allowlistNote ? { allowlistNote } : {})
    };
}
/** Inline markers only: what a line says of itself, whoever's allow-list applies. */
const MARKERS_ONLY = parseAllowlist(undefined);
/**
 * A range read with git: the lines its commits added (the findings, with their commits), the lines they removed
 * (to name the commit that removed a key) and its net change (where the head holds each key), each through a
 * scanner of its own, then every finding placed in the head (locate-in-head.ts). When the head cannot be read
 * (git failed part-way; the coverage says so), the commits' findings are reported as they were found.
 */
async function findInRange(source, scanner, newScanner, watch) {
    const removals = newScanner();
    const inHeadScanner = newScanner(MARKERS_ONLY);
    const added = [];
    const removed = [];
    const inHead = [];
    let sequence = 0;
    for await (const line of source.lines) {
        sequence++;
        if (line.role === 'removed') {
            for (const finding of removals.scanLine(line))
                removed.push({ finding, sequence });
        }
        else if (line.role === 'head') {
            inHead.push(...inHeadScanner.scanLine(line));
        }
        else {
            watch(line);
            for (const finding of scanner.scanLine(line))
                added.push({ finding, sequence });
        }
    }
    for (const finding of scanner.flush())
        added.push({ finding, sequence });
    for (const finding of removals.flush())
        removed.push({ finding, sequence });
    inHead.push(...inHeadScanner.flush());
    const head = source.head?.();
    if (!head)
        return added.map(entry => entry.finding);
    return locateInHead({ added, removed, inHead }, head);
}
/** Where the workflow's own key is committed: evidence that OpenAI's leak detection revoked it. */
function configuredKeyEvidence(findings) {
    return findings
        .filter(finding => finding.detectorId === CONFIGURED_KEY_DETECTOR_ID)
        .map(finding => {
        const where = finding.inFileName ? 'in this file name' : 'here';
        return {
            path: finding.path,
            line: finding.line,
            message: finding.removed
                ? `the key this workflow uses was committed ${where}, and removed later`
                : `the key this workflow uses is committed ${where}`,
            ...(finding.commit ? { commit: finding.commit } : {}),
            ...(finding.removed ? { removed: true } : {})
        };
    });
}

/**
 * The one redaction step every report goes through before any channel renders it (publishReport), and that the
 * action's log lines and error messages go through too. It knows two kinds of secret:
 *
 * - the run's own secrets (the configured key, the gateway token): replaced in every form a text could hold
 *   them (as given, trimmed, unquoted, URL-encoded), wherever they appear: a server that echoes the key as its
 *   request id or in its error body, a branch named after it;
 * - keys anywhere in a text, by the scanner's own detectors and by the keys the scan found: a file or a branch
 *   named after a key is shown redacted, in the annotation's `file=`, the summary, SARIF, text and JSON alike.
 *
 * Redaction happens on the report value, before rendering, so no escaped (markdown, workflow command) or
 * encoded form of a secret can be produced from it afterwards.
 */
/** Shorter values are not treated as secrets (replacing them would garble ordinary words). */
const MIN_SECRET_LENGTH = 8;
/** Every form of a secret a text may carry: as given, trimmed, without surrounding quotes, URL-encoded. */
function secretForms(secret) {
    const trimmed = secret.trim();
    const unquoted = trimmed.replace(/^(["'`])(.*)\1$/s, '$2').trim();
    const forms = new Set();
    for (const form of [secret, trimmed, unquoted]) {
        if (form.length < MIN_SECRET_LENGTH)
            continue;
        forms.add(form);
        forms.add(encodeURIComponent(form));
    }
    // Longest first, so a form is never cut by a shorter one it contains.
    return [...forms].sort((a, b) => b.length - a.length);
}
/**
 * A function that redacts `known` secrets (every form) and any key in a text: what a detector recognises, and any
 * `sk-` token equal to one of `found` (the keys the scan found, wherever they sit in a name).
 */
function createRedactor(known, found = []) {
    const forms = [...new Set(known.flatMap(secretForms))].map(form => [form, redact(form)]);
    const foundKeys = new Set(found);
    return text => {
        let result = text;
        for (const [form, shown] of forms)
            if (result.includes(form))
                result = result.split(form).join(shown);
        return result.includes(SK_PREFIX) ? redactKeys(result, foundKeys) : result;
    };
}
/** Replaces each key-shaped span: detector matches, and sk- tokens the scan found (at any boundary). */
function redactKeys(text, foundKeys) {
    const spans = [];
    for (const detector of BUILTIN_DETECTORS) {
        for (const match of detector.find(text))
            spans.push([match.start, match.end]);
    }
    if (foundKeys.size > 0) {
        for (let start = text.indexOf(SK_PREFIX); start !== -1; start = text.indexOf(SK_PREFIX, start + 1)) {
            let end = start + SK_PREFIX.length;
            while (end < text.length && isBase64UrlChar(text.charCodeAt(end)))
                end++;
            if (foundKeys.has(text.slice(start, end)))
                spans.push([start, end]);
        }
    }
    if (spans.length === 0)
        return text;
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let result = '';
    let at = 0;
    for (const [start, end] of spans) {
        if (start < at)
            continue;
        result += text.slice(at, start) + redact(text.slice(start, end));
        at = end;
    }
    return result + text.slice(at);
}
/**
 * A copy of `value` with every string redacted, except the raw `secret` of each finding, which no reporter
 * prints (it is only masked and hashed). Plain objects and arrays are copied; anything else is kept as is.
 */
function redactStrings(value, redactText) {
    return redactValue(value, redactText);
}
function redactValue(value, redactText) {
    if (typeof value === 'string')
        return redactText(value);
    if (Array.isArray(value))
        return value.map(item => redactValue(item, redactText));
    if (value === null || typeof value !== 'object')
        return value;
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null)
        return value;
    const copy = {};
    for (const [name, item] of Object.entries(value)) {
        copy[name] = name === 'secret' ? item : redactValue(item, redactText);
    }
    return copy;
}

/** The report of one run: findings sorted once, every note gathered, the policy's outcome. */
function buildRunReport(result, context) {
    const { leakScan, diagnosis } = result;
    const notes = [...(context.notes ?? [])];
    if (leakScan?.allowlistChanged) {
        notes.push(`This change edits ${context.allowlistFile}: review which findings it now accepts.`);
    }
    if (leakScan?.truncated) {
        notes.push(`Too many findings: the report lists the first ${formatCount(MAX_FINDINGS)}.`);
    }
    notes.push(...(result.allowlist?.problems ?? []), ...result.repoNotes);
    return {
        ...(diagnosis ? { diagnosis } : { keyNotChecked: context.keyNotChecked }),
        findings: sortFindings(leakScan?.findings ?? []),
        ...(leakScan ? { coverage: leakScan.coverage, suppressed: leakScan.suppressed } : {}),
        ...(diagnosis ? { repoFindings: result.repo } : {}),
        notes,
        outcome: { failed: result.decision.fail, reasons: [...result.decision.reasons] },
        verifyLeaks: context.verifyLeaks,
        ...(context.verifyLeaksOffReason ? { verifyLeaksOffReason: context.verifyLeaksOffReason } : {}),
        links: context.links ?? {},
        ...(context.allowlist ? { allowlist: context.allowlist } : {}),
        ...(context.sarifFile ? { sarifFile: context.sarifFile } : {})
    };
}
/** The report with one more failing reason. */
function withFailure(report, reason) {
    return { ...report, outcome: { failed: true, reasons: [...report.outcome.reasons, reason] } };
}
/** The number of findings, and of those verified live. */
function leakCounts(report) {
    return {
        total: report.findings.length,
        live: report.findings.filter(finding => finding.liveness === 'live').length
    };
}
/**
 * Runs the reporters in order (files first, then what shows the verdict) on the report redacted by `redactText`
 * (redact-report.ts: no reporter sees a secret, or a name that carries one); returns the final report.
 */
async function publishReport(report, reporters, redactText) {
    let current = redactStrings(report, redactText);
    for (const reporter of reporters) {
        const published = await reporter.publish(current);
        if (published?.failure)
            current = withFailure(current, redactStrings(published.failure, redactText));
        if (published?.sarifWritten)
            current = { ...current, sarifWritten: published.sarifWritten };
    }
    return current;
}

/**
 * "HTTP 403 AuthenticationTypeDisabled: “Key based authentication is disabled for this resource.”": the status
 * once, the code when it adds to the status, and the message in quotes. Plain text; each report escapes it.
 */
function describeServerSaid(said) {
    const code = said.code ? ` ${said.code}` : '';
    const truncated = said.truncated ? ' (body cut short)' : '';
    const message = said.message ? `: “${said.message}”` : ' (no message)';
    return `HTTP ${said.httpStatus}${code}${truncated}${message}`;
}

/**
 * Escaping for hostile data (paths, commit fields, API text) on its way into markdown and the runner's log.
 * Workflow-command escaping itself (`%`, CR, LF, and `:`/`,` in properties) is left to @actions/core, which
 * does it for every annotation; see src/runner/report.ts and __tests__/report/runner-report.test.ts.
 */
const INVISIBLE_OR_BREAKING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/**
 * One printable line: C0/C1 controls (newlines, CR, tab, escape) become their visible control pictures,
 * and line separators and bidirectional overrides (the "Trojan source" trick) become `<U+XXXX>`.
 */
function printable(text) {
    return text.replace(INVISIBLE_OR_BREAKING, char => {
        const code = char.charCodeAt(0);
        if (code < 0x20)
            return String.fromCharCode(0x2400 + code);
        if (code === 0x7f)
            return '\u2421';
        return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
    });
}
/** At most `max` characters (UTF-16 units), ending in `…` when cut; never splits a surrogate pair. */
function clip(text, max) {
    if (text.length <= max)
        return text;
    let cut = text.slice(0, Math.max(0, max - 1));
    if (/[\ud800-\udbff]$/.test(cut))
        cut = cut.slice(0, -1);
    return `${cut}…`;
}
/**
 * Hostile text as literal inline markdown, safe in a GFM table cell: one line, no HTML (`<`, `>`, `&` as
 * entities), no markdown syntax (every other ASCII punctuation backslash-escaped, which CommonMark allows for
 * all of them, so pipes cannot split a cell), no `@mention` (a zero-width joiner after an `@` that starts a
 * word, and only there: `openai@^4` is no mention and stays exactly what a reader copies), and no autolinks (a
 * zero-width space breaks `://` and `www.`).
 */
function escapeMarkdown(text) {
    return printable(text)
        .replace(/:\/\//g, ':\u200b//')
        .replace(/www\./gi, match => `${match.slice(0, 3)}\u200b.`)
        .replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9_-])/g, '$1@\u200d')
        .replace(/[&<>]|[!"#$'()*+,\-./:;=?[\\\]^_`{|}~]/g, char => {
        switch (char) {
            case '&':
                return '&amp;';
            case '<':
                return '&lt;';
            case '>':
                return '&gt;';
            default:
                return `\\${char}`;
        }
    });
}
/** Links our own prose carries (each stays clickable and exact to copy); any other URL is shown as text. */
const TRUSTED_LINK = /https:\/\/(?:platform\.openai\.com|help\.openai\.com|status\.openai\.com|docs\.github\.com|openrouter\.ai)(?:\/[A-Za-z0-9\-._~/?#=&%+]*)?/;
/**
 * Our own prose (which may quote hostile text): text between single backticks becomes a code span, links to
 * OpenAI's and GitHub's documentation stay clickable, everything else goes through escapeMarkdown.
 */
function escapeProse(text, where = 'inline') {
    const tokens = new RegExp(`\`([^\`\\r\\n]+)\`|${TRUSTED_LINK.source}`, 'g');
    let result = '';
    let last = 0;
    for (const match of text.matchAll(tokens)) {
        let token = match[0];
        let markdown;
        if (match[1] !== undefined) {
            markdown = codeSpan(match[1], where);
        }
        else {
            token = token.replace(/[.,;:!?]+$/, '');
            markdown = `<${token}>`;
        }
        result += escapeMarkdown(text.slice(last, match.index)) + markdown;
        last = match.index + token.length;
    }
    return result + escapeMarkdown(text.slice(last));
}
/**
 * Hostile text as a code span: nothing inside is interpreted (no HTML, links or mentions). The fence is one
 * backtick longer than any run inside; in a table cell pipes are written `\|`, which GFM removes before the
 * cell is parsed, so they show as `|` even inside the span.
 */
function codeSpan(text, where = 'inline') {
    const line = printable(text);
    if (line === '')
        return '*(empty)*';
    let longestRun = 0;
    for (const run of line.match(/`+/g) ?? [])
        longestRun = Math.max(longestRun, run.length);
    const fence = '`'.repeat(longestRun + 1);
    const body = where === 'table' ? line.replace(/\|/g, '\\|') : line;
    return `${fence} ${body} ${fence}`;
}
/**
 * A hostile string made safe for a plain log line (core.info, core.debug): one line, never starting with
 * `::` (the runner reads any such line as a workflow command, after trimming leading whitespace), and no
 * legacy `##[command]` anywhere in it (the runner finds those mid-line). A zero-width space does both:
 * .NET does not count it as whitespace.
 */
function logSafe(text) {
    return printable(text)
        .replace(/^(\s*)::/, '\u200b$1::')
        .replace(/##\[/g, '#\u200b#[');
}

/** GitHub rejects a step summary over 1 MiB (1,048,576 bytes); stay well below it. */
const SUMMARY_MAX_BYTES = 1_000_000;
/** Rows of the leak table before the rest is counted instead of listed. */
const SUMMARY_MAX_LEAK_ROWS = 1_000;
const MAX_CELL = 300;
const MAX_PROSE = 2000;
const MAX_NOTES = 50;
const MAX_MODELS = 100;
const MAX_EVIDENCE_PER_KIND = 20;
/** Kept free for the lines that say what was left out. */
const TAIL_RESERVE = 2048;
const STATUS_ICON = {
    valid: '✅',
    unchecked: 'ℹ️',
    skipped: '⏭️',
    invalid: '❌',
    misconfigured: '❌',
    malformed: '❌',
    missing: '❌',
    restricted: '⚠️',
    'no-quota': '⚠️',
    unreachable: '❔'
};
const VERDICT_LABEL = {
    confirmed: '🔴 confirmed',
    likely: '🟠 likely',
    'ruled-out': '✅ ruled out',
    'not-checkable': '⚪ not checked'
};
/** Markdown for $GITHUB_STEP_SUMMARY: every hostile string escaped, and always under `maxBytes` UTF-8 bytes. */
function buildSummary(input) {
    const maxBytes = input.maxBytes ?? SUMMARY_MAX_BYTES;
    const links = linkBuilder(input.links?.repositoryUrl);
    // What fails the step comes first: the leaks when they fail it and the key does not, else the key.
    const leaksFirst = failsOn(input.outcome, 'leak', 'live-leak') && !failsOn(input.outcome, 'key');
    const key = [
        ...(leaksFirst ? keyLine(input.diagnosis) : keySection(input.diagnosis)),
        ...repoEvidenceSection(input.repoFindings, links, input.links?.headCommit)
    ];
    const head = [
        '## 🔑 OpenAI Key Doctor',
        ...outcomeSection(input.outcome),
        ...runNotes(input.notes),
        ...incompleteWarning(input.coverage),
        ...(leaksFirst ? [] : key)
    ];
    const leaks = leakParts(input, links);
    const afterLeaks = leaksFirst ? key : [];
    const scanned = scannedParts(input.coverage, input.suppressed);
    const tail = [...allowlistSection(input), ...footer(input.links?.runUrl)];
    const fixedBytes = bytes(join([...head, ...leaks.before, ...afterLeaks, ...scanned.before, ...tail])) + TAIL_RESERVE;
    let budget = Math.max(0, maxBytes - fixedBytes);
    const skippedTaken = takeWithinBudget(scanned.items, Math.min(budget, Math.max(budget / 4, 16_384)), Infinity);
    budget -= skippedTaken.bytes;
    const leakBody = leaks.body(budget, input.maxLeakRows ?? SUMMARY_MAX_LEAK_ROWS);
    const markdown = join([
        ...head,
        ...leaks.before,
        ...leakBody.blocks,
        ...leaks.after(leakBody.rows),
        ...afterLeaks,
        ...withLines(scanned.before, skippedTaken.lines),
        ...scanned.after(skippedTaken.count),
        ...tail
    ]);
    return fitToBytes(markdown, maxBytes);
}
function failsOn(outcome, ...triggers) {
    return outcome?.reasons.some(reason => triggers.includes(reason.trigger)) ?? false;
}
function outcomeSection(outcome) {
    if (!outcome)
        return [];
    const reasons = outcome.reasons.map(reason => escapeProse(clip(reason.text, MAX_PROSE))).join('; ');
    const verdict = outcome.failed ? '**❌ This step fails.**' : '**✅ This step passes.**';
    return [reasons ? `${verdict} ${reasons}` : verdict];
}
function runNotes(notes) {
    if (!notes || notes.length === 0)
        return [];
    const shown = notes.slice(0, MAX_NOTES).map(note => `- ⚠️ ${escapeProse(clip(note, MAX_PROSE))}`);
    if (notes.length > MAX_NOTES)
        shown.push(`- …and ${plural(notes.length - MAX_NOTES, 'more note')}`);
    return [shown.join('\n')];
}
function incompleteWarning(coverage) {
    if (!coverage?.incomplete)
        return [];
    return [
        '> [!WARNING]\n' +
            '> **⚠️ The requested range was NOT fully scanned.** Keys committed in the parts listed under ' +
            '*What was scanned* would not be reported. Fix the causes listed there and run again.'
    ];
}
function keySection(diagnosis) {
    if (!diagnosis)
        return ['### Key: not checked', 'No key was checked in this run.'];
    const lines = [
        keyHeading(diagnosis),
        `**${escapeProse(clip(diagnosis.headline, MAX_PROSE))}**`,
        ...(diagnosis.serverSaid
            ? [`**The server said:** ${escapeProse(clip(describeServerSaid(diagnosis.serverSaid), MAX_PROSE))}`]
            : []),
        `**Cause:** ${escapeProse(clip(diagnosis.explanation, MAX_PROSE))}`,
        `**Fix:** ${escapeProse(clip(diagnosis.fix, MAX_PROSE))}`
    ];
    const facts = [];
    const fingerprint = diagnosis.fingerprint;
    if (fingerprint) {
        const shown = fingerprint.redacted ? ` · shown as ${codeSpan(fingerprint.redacted)}` : '';
        facts.push(`- Key: type ${codeSpan(fingerprint.type)} · ${plural(fingerprint.length, 'character')}${shown}`);
    }
    else if (diagnosis.keyType === '') {
        facts.push('- Key: none given');
    }
    if (diagnosis.requestId)
        facts.push(`- Request id: ${codeSpan(clip(diagnosis.requestId, MAX_CELL))}`);
    if (facts.length > 0)
        lines.push(facts.join('\n'));
    if (diagnosis.notes.length > 0) {
        const notes = diagnosis.notes.slice(0, MAX_NOTES).map(note => `- ${escapeProse(clip(note, MAX_PROSE))}`);
        if (diagnosis.notes.length > MAX_NOTES)
            notes.push(`- …and ${plural(diagnosis.notes.length - MAX_NOTES, 'more note')}`);
        lines.push(`**Notes**\n${notes.join('\n')}`);
    }
    if (diagnosis.models.length > 0) {
        const rows = diagnosis.models.slice(0, MAX_MODELS).map(model => {
            const access = model.accessible === true ? '✅ yes' : model.accessible === false ? '❌ no' : '❔ unknown';
            return `| ${codeSpan(clip(model.id, MAX_CELL), 'table')} | ${access} | ${escapeProse(clip(model.detail, MAX_CELL), 'table')} |`;
        });
        if (diagnosis.models.length > MAX_MODELS) {
            rows.push(`| …and ${plural(diagnosis.models.length - MAX_MODELS, 'more model')} | | |`);
        }
        lines.push(`#### Required models\n| Model | Accessible | Detail |\n|---|---|---|\n${rows.join('\n')}`);
    }
    lines.push(...checklistSection(diagnosis));
    return lines;
}
/**
 * When the leaks fail the step, the key in a line or two (and the checklist collapsed) if it is fine, skipped
 * or not set; a key with a problem keeps its full section.
 */
function keyLine(diagnosis) {
    if (!diagnosis)
        return ['### Key: not checked', 'No key was checked in this run.'];
    if (!KEY_FINE_STATUSES.has(diagnosis.keyStatus))
        return keySection(diagnosis);
    const facts = [`**${escapeProse(clip(diagnosis.headline, MAX_PROSE))}**`];
    if (diagnosis.keyStatus === 'skipped')
        facts.push(escapeProse(clip(diagnosis.explanation, MAX_PROSE)));
    if (diagnosis.fingerprint?.redacted)
        facts.push(`shown as ${codeSpan(diagnosis.fingerprint.redacted)}`);
    if (diagnosis.requestId)
        facts.push(`request id ${codeSpan(clip(diagnosis.requestId, MAX_CELL))}`);
    return [keyHeading(diagnosis), facts.join(' · '), ...checklistSection(diagnosis)];
}
function keyHeading(diagnosis) {
    return `### ${STATUS_ICON[diagnosis.keyStatus]} Key: ${codeSpan(diagnosis.keyStatus)} · cause: ${codeSpan(diagnosis.cause)}`;
}
/**
 * The 401 checklist: open, with what points somewhere first, when it explains a rejected key; collapsed under a
 * title that says why otherwise; left out for a skipped check (an expected empty key is no 401).
 */
function checklistSection(diagnosis) {
    const items = diagnosis.checklist.map((item, index) => ({ item, number: index + 1 }));
    if (items.length === 0 || diagnosis.keyStatus === 'skipped')
        return [];
    const table = (rows) => '| # | Cause | Verdict | Evidence |\n|---:|---|---|---|\n' +
        rows
            .map(({ item, number }) => `| ${number} | ${escapeProse(clip(item.title, MAX_CELL), 'table')} | ${VERDICT_LABEL[item.verdict]} | ` +
            `${escapeProse(item.verdictCause ? VERDICT_CAUSE_EVIDENCE : clip(item.besideVerdict ?? item.evidence, MAX_PROSE), 'table')} |`)
            .join('\n');
    const common = plural(items.length, 'common cause');
    if (!KEY_REJECTED_STATUSES.has(diagnosis.keyStatus)) {
        return collapsed(`${CHECKLIST_TITLE[diagnosis.keyStatus] ?? 'The 401 checklist'}: the ${common}`, [
            table(items)
        ]);
    }
    const pointing = items.filter(({ item }) => item.verdict === 'confirmed' || item.verdict === 'likely');
    const others = items.filter(({ item }) => item.verdict !== 'confirmed' && item.verdict !== 'likely');
    const title = rejectionChecklistTitle(diagnosis);
    if (pointing.length === 0)
        return [`#### ${title}: the ${common}\n${table(items)}`];
    const counts = ['ruled-out', 'not-checkable']
        .map(verdict => [verdict, others.filter(({ item }) => item.verdict === verdict).length])
        .filter(([, count]) => count > 0)
        .map(([verdict, count]) => `${formatCount(count)} ${VERDICT_WORDS[verdict]}`);
    return [
        `#### ${title}: what the ${common} show\n${table(pointing)}`,
        ...(others.length > 0
            ? collapsed(`The other ${formatCount(others.length)}: ${counts.join(', ')}`, [table(others)])
            : [])
    ];
}
/** A row that confirms the verdict's own cause: the headline and the cause above already say it. */
const VERDICT_CAUSE_EVIDENCE = 'The cause named above.';
/** "401 checklist" when the key was (or would be) refused with a 401; another status is named as it came. */
function rejectionChecklistTitle(diagnosis) {
    const status = diagnosis.serverSaid?.httpStatus;
    return status === undefined || status === 401 ? '401 checklist' : `Checklist for the HTTP ${status}`;
}
/** Why the checklist is there when no 401 needs explaining, as the title of its collapsed section. */
const CHECKLIST_TITLE = {
    valid: 'If your app still gets a 401 with this key',
    unchecked: 'Not checked live, so nothing to explain yet',
    restricted: 'Not a 401 (the key works, with limits): for reference',
    'no-quota': 'Not a 401 (the key works, without quota): for reference',
    unreachable: 'Not a 401 (no answer from the API): for reference'
};
const VERDICT_WORDS = {
    'ruled-out': 'ruled out',
    'not-checkable': 'not checked'
};
/** Blocks inside a collapsed `<details>` whose summary is `title` (plain text: markdown does not render there). */
function collapsed(title, blocks) {
    return [`<details><summary>${escapeHtml(title)}</summary>`, ...blocks, '</details>'];
}
function escapeHtml(text) {
    return printable(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function repoEvidenceSection(repoFindings, links, headCommit) {
    if (!repoFindings)
        return [];
    const kinds = [
        ['The configured key', repoFindings.configuredKeyCommitted],
        ['Environment variable names', repoFindings.envVarName],
        ['OpenAI library versions', repoFindings.outdatedLibrary]
    ];
    const blocks = kinds
        .filter(([, evidence]) => evidence && evidence.length > 0)
        .map(([label, evidence = []]) => {
        const items = evidence.slice(0, MAX_EVIDENCE_PER_KIND).map(entry => {
            const place = links.file(entry.path, entry.line, entry.commit ?? headCommit, 'inline', true);
            const commit = entry.commit ? ` (commit ${links.commit(entry.commit)})` : '';
            return `  - ${place}${commit}: ${escapeProse(clip(entry.message, MAX_PROSE))}`;
        });
        if (evidence.length > MAX_EVIDENCE_PER_KIND) {
            items.push(`  - …and ${plural(evidence.length - MAX_EVIDENCE_PER_KIND, 'more place')}`);
        }
        return `- **${label}**\n${items.join('\n')}`;
    });
    return blocks.length > 0 ? [`#### What the repository shows\n${blocks.join('\n')}`] : [];
}
/** Above this many findings, every group but the first is collapsed. */
const OPEN_GROUPS_UP_TO = 20;
function leakParts(input, links) {
    const { findings, coverage, verifyLeaks } = input;
    const scanned = coverage !== undefined;
    const none = (before) => ({
        before,
        body: () => ({ blocks: [], rows: 0 }),
        after: () => []
    });
    if (findings.length === 0) {
        if (!scanned)
            return none(['### Committed keys: not scanned', 'The leak scan did not run (`scan: none`).']);
        return none([
            coverage.incomplete
                ? '### ⚠️ Committed keys: none found in what was scanned'
                : '### ✅ Committed keys: none found'
        ]);
    }
    const sorted = sortFindings(findings);
    const live = findings.filter(finding => finding.liveness === 'live').length;
    // How many are live, and that they go first, is the live group's title, right under this (it is always open).
    const before = [
        `### ${live > 0 ? '🔴' : '⚠️'} Committed keys: ${formatCount(findings.length)} found`,
        (scannedUncommitted(coverage)
            ? 'These lines are staged, not committed yet: take the keys out of the files, and revoke a key only if it was ever shared.'
            : 'Revoke and replace every real key: deleting the line in a later commit does not help, git history keeps it.') +
            (verifyLeaks
                ? ''
                : ` Liveness was not checked (${input.verifyLeaksOffReason ?? '`verify-leaks: false`'}).`)
    ];
    const groups = leakGroups(sorted, verifyLeaks);
    const key = { header: 'Key', cell: finding => codeSpan(shownKey(finding), 'table') };
    const kind = {
        header: 'Kind',
        cell: finding => escapeMarkdown(clip(finding.detectorName, MAX_CELL)),
        once: finding => escapeMarkdown(clip(finding.detectorName, MAX_CELL))
    };
    // A key added and removed inside the range has no line in the head: its file, and the commit that removed it.
    // A key in a file name is shown by its (redacted) name, unlinked: no file of that name exists to link to.
    const file = {
        header: 'File',
        cell: finding => finding.inFileName
            ? `${codeSpan(clip(repoRelativePath(finding.path), MAX_CELL), 'table')} (file name)`
            : links.file(finding.path, finding.line, finding.commit, 'table', !finding.removed)
    };
    const commit = {
        header: 'Commit',
        cell: finding => `${finding.commit ? links.commit(finding.commit, 'table') : 'working tree'}${removedNote(finding, links, 'table')}`,
        once: finding => `${finding.commit ? `in commit ${links.commit(finding.commit)}` : 'in the working tree'}${removedNote(finding, links)}`
    };
    // The fingerprint starts with the detector's id, so it says the kind too: one column fewer keeps the table
    // within a summary pane about 1,000 px wide, where keys and fingerprints do not wrap.
    const fingerprint = {
        header: 'Fingerprint',
        cell: finding => codeSpan(clip(finding.fingerprint, MAX_CELL), 'table')
    };
    // Without a Kind column, the workflow's own key still says so.
    const keyAndOwner = {
        header: 'Key',
        cell: finding => `${key.cell(finding)}${finding.detectorId === CONFIGURED_KEY_DETECTOR_ID ? " **this workflow's key**" : ''}`
    };
    const columnsOf = (group) => group.fingerprints ? [keyAndOwner, file, commit, fingerprint] : [key, kind, file, commit];
    const body = (budget, maxRows) => {
        const blocks = [];
        let used = 0;
        let rows = 0;
        const fits = (parts) => {
            const cost = bytes(join(parts));
            if (used + cost > budget)
                return false;
            used += cost;
            return true;
        };
        groups: for (const [index, group] of groups.entries()) {
            const open = index === 0 || findings.length <= OPEN_GROUPS_UP_TO;
            const opening = open
                ? `**${escapeMarkdown(group.title)}**`
                : `<details><summary>${escapeHtml(group.title)}</summary>`;
            const closing = open ? [] : ['</details>'];
            if (rows >= maxRows || !fits([opening, ...closing]))
                break;
            blocks.push(opening);
            // One table per commit: a commit column would repeat itself and widen the table past the pane (and wrap
            // the keys and fingerprints in it).
            for (const part of byCommit(group.findings)) {
                const table = leakTable(part, columnsOf(group));
                const heading = table.once ? [`${upperFirst(table.once)}.`] : [];
                if (rows >= maxRows || !fits([...heading, table.header])) {
                    blocks.push(...closing);
                    break groups;
                }
                const taken = takeWithinBudget(table.rows, budget - used, maxRows - rows);
                used += taken.bytes;
                rows += taken.count;
                blocks.push(...heading, [table.header, ...taken.lines].join('\n'));
                if (taken.count < part.length) {
                    blocks.push(...closing);
                    break groups;
                }
            }
            blocks.push(...closing);
        }
        return { blocks, rows };
    };
    const after = (rowsShown) => {
        const rest = sorted.length - rowsShown;
        if (rest <= 0)
            return [];
        const shownGroups = groups.flatMap(group => group.findings);
        const files = new Set(shownGroups.slice(rowsShown).map(finding => finding.path)).size;
        const where = input.sarifFile
            ? `see the SARIF report ${codeSpan(input.sarifFile)}`
            : 'set `sarif-file` (or run the CLI with `--json`) to get all of them';
        return [`…and ${plural(rest, 'more finding')} in ${plural(files, 'file')}; ${where}.`];
    };
    return { before, body, after };
}
/** ", removed in <commit>" for a key added and removed inside the range (it stays in history). */
function removedNote(finding, links, where = 'inline') {
    if (!finding.removed)
        return '';
    return `, removed ${finding.removed.commit ? `in ${links.commit(finding.removed.commit, where)}` : 'later'}`;
}
/**
 * The findings by commit (and, for keys removed later in the range, by the commit that removed them), in the order
 * of each part's first finding: every row of a part has the same Commit cell, said once above its table.
 */
function byCommit(findings) {
    const commitsOf = (finding) => `${finding.commit ?? ''}\u0000${finding.removed ? `removed ${finding.removed.commit ?? ''}` : ''}`;
    return [...groupBy(findings, commitsOf).values()];
}
/** Live first, then unknown, not verified and dead. */
function leakGroups(sorted, verifyLeaks) {
    const of = (liveness) => sorted.filter(finding => finding.liveness === liveness);
    const groups = [
        {
            title: `🔴 ${formatCount(of('live').length)} live: revoke these first`,
            findings: of('live'),
            fingerprints: false
        },
        {
            title: `❔ ${formatCount(of('unknown').length)} not known to be live or dead (the check did not finish): treat them as live`,
            findings: of('unknown'),
            fingerprints: true
        },
        {
            title: `${formatCount(of(undefined).length)} ${verifyLeaks ? 'not verified (not OpenAI keys, or not checkable)' : 'not checked live'}`,
            findings: of(undefined),
            fingerprints: true
        },
        {
            title: `⚫ ${formatCount(of('dead').length)} dead (OpenAI rejects them): remove them anyway`,
            findings: of('dead'),
            fingerprints: true
        }
    ];
    return groups.filter(group => group.findings.length > 0);
}
/**
 * A group's table: a column whose value is the same in every row is said once instead (`once`), so no column
 * repeats one value.
 */
function leakTable(findings, columns) {
    const [first] = findings;
    const same = (column) => column.once !== undefined && findings.every(finding => column.cell(finding) === column.cell(first));
    const shown = columns.filter(column => !same(column));
    const once = columns
        .filter(same)
        .map(column => column.once(first))
        .join(', ');
    const header = `| ${shown.map(column => column.header).join(' | ')} |\n` + `|${shown.map(() => '---').join('|')}|`;
    const rows = function* () {
        for (const finding of findings)
            yield `| ${shown.map(column => column.cell(finding)).join(' | ')} |`;
    };
    return { once, header, rows: rows() };
}
function scannedParts(coverage, suppressed) {
    if (!coverage)
        return { before: [], items: [], after: () => [] };
    const facts = [
        `- Mode: ${codeSpan(coverage.mode)}${coverage.range ? ` · range: ${codeSpan(clip(coverage.range, MAX_CELL))}` : ''}`,
        `- Source: ${escapeProse(clip(coverage.source, MAX_CELL))}`,
        `- ${plural(coverage.commits, 'commit')} · ${plural(coverage.files, 'file')} · ${formatBytes(coverage.bytes)}`
    ];
    const allowed = describeSuppressed(suppressed);
    if (allowed)
        facts.push(`- ${allowed}`);
    const heading = coverage.incomplete ? '### ⚠️ What was scanned (incomplete)' : '### What was scanned';
    const before = [`${heading}\n${facts.join('\n')}`];
    if (coverage.incomplete) {
        before.push('**The requested range was NOT fully scanned.** A passing result says nothing about the parts below.');
    }
    if (coverage.skipped.length === 0)
        return { before, items: [], after: () => [] };
    const groups = groupSkipped(coverage.skipped);
    before.push(`**Not scanned (${formatCount(coverage.skipped.length)}):**`);
    // One line per group header and per item; the budget cuts between lines, and `after` counts items only.
    const lines = [];
    const itemAt = [];
    let items = 0;
    for (const group of groups) {
        const reason = clip(group.fix ? sentence(group.reason) : group.reason, MAX_PROSE);
        const fix = group.fix ? ` **Fix:** ${escapeProse(clip(group.fix, MAX_PROSE))}` : '';
        lines.push(`- ${escapeProse(reason)}${fix}`);
        itemAt.push(items);
        for (const what of group.whats) {
            lines.push(`  - ${codeSpan(clip(what, MAX_CELL))}`);
            itemAt.push(++items);
        }
    }
    const after = (linesShown) => {
        const shown = linesShown === 0 ? 0 : itemAt[linesShown - 1];
        const rest = coverage.skipped.length - shown;
        return rest > 0 ? [`…and ${plural(rest, 'more item')} not scanned and not listed here.`] : [];
    };
    return { before, items: lines, after };
}
const ALLOW_REASON_LABEL = {
    'inline-marker': 'inline marker',
    path: 'path',
    fingerprint: 'fingerprint'
};
/** "3 findings allowed by the allow-list (2 inline marker, 1 fingerprint)", or undefined when none were. */
function describeSuppressed(suppressed) {
    const counts = Object.keys(ALLOW_REASON_LABEL)
        .map(reason => [reason, suppressed?.[reason] ?? 0])
        .filter(([, count]) => count > 0);
    const total = counts.reduce((sum, [, count]) => sum + count, 0);
    if (total === 0)
        return undefined;
    const parts = counts.map(([reason, count]) => `${formatCount(count)} ${ALLOW_REASON_LABEL[reason]}`);
    return `${plural(total, 'finding')} allowed by the allow-list (${parts.join(', ')})`;
}
function groupSkipped(skipped) {
    const groups = new Map();
    for (const item of skipped) {
        const key = `${item.reason}\u0000${item.fix ?? ''}`;
        const group = groups.get(key);
        if (group)
            group.whats.push(item.what);
        else
            groups.set(key, { reason: item.reason, fix: item.fix, whats: [item.what] });
    }
    return [...groups.values()];
}
function allowlistSection(input) {
    const { allowlist, findings } = input;
    if (!allowlist || findings.length === 0)
        return [];
    // Live keys are revoked, never allow-listed: the example is a fingerprint the tables show.
    const example = sortFindings(findings).find(finding => finding.liveness !== 'live');
    const lines = [
        '### Allow-listing a false positive',
        'Only for test values and placeholders: a real key must be revoked whatever the allow-list says. ' +
            "A marker or a path never hides the workflow's own key; only its fingerprint does.",
        `- One line: add the comment ${codeSpan(allowlist.marker)} on the line of the match.`
    ];
    if (allowlist.pathGlob)
        lines.push(`- A path: ${escapeProse(allowlist.pathGlob)}.`);
    if (example) {
        lines.push(`- One key everywhere (survives rebases and squash merges): add its fingerprint as a line of ` +
            `${codeSpan(allowlist.file)}, e.g. ${codeSpan(example.fingerprint)} (the *Fingerprint* column above).`);
    }
    return [lines.join('\n')];
}
function footer(runUrl) {
    if (!runUrl || !isSafeUrl(runUrl))
        return [];
    return [`---\n[Workflow run](${runUrl}) · openai-key-doctor`];
}
/** Links only from a URL we trust and a real SHA; the path is percent-encoded so it cannot end the link. */
function linkBuilder(repositoryUrl) {
    const base = repositoryUrl && isSafeUrl(repositoryUrl) ? repositoryUrl.replace(/\/+$/, '') : undefined;
    return {
        file(path, line, commit, where = 'inline', withLine = false) {
            const shown = codeSpan(`${clip(repoRelativePath(path), MAX_CELL)}${withLine && line > 0 ? `:${line}` : ''}`, where);
            if (!base || !commit || !isSha$1(commit))
                return shown;
            const encoded = repoRelativePath(path).split('/').map(encodeUrlSegment).join('/');
            return `[${shown}](${base}/blob/${commit.toLowerCase()}/${encoded}#L${line})`;
        },
        commit(commit, where = 'inline') {
            const shown = codeSpan(clip(shortCommit(commit), 40), where);
            return base && isSha$1(commit) ? `[${shown}](${base}/commit/${commit.toLowerCase()})` : shown;
        }
    };
}
function encodeUrlSegment(segment) {
    return encodeURIComponent(segment).replace(/[!'()*]/g, char => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
function isSafeUrl(url) {
    return /^https?:\/\/[A-Za-z0-9.\-:[\]]+(?:\/[A-Za-z0-9\-._~%/]*)?$/.test(url);
}
/** Lines in order while they fit in `budget` bytes (each costs its length plus a newline), at most `maxCount`. */
function takeWithinBudget(lines, budget, maxCount) {
    const taken = [];
    let used = 0;
    for (const line of lines) {
        if (taken.length >= maxCount)
            break;
        const cost = bytes(line) + 1;
        if (used + cost > budget)
            break;
        taken.push(line);
        used += cost;
    }
    return { lines: taken, count: taken.length, bytes: used };
}
/** The blocks with `lines` appended to the last one (a table's rows, a list's items). */
function withLines(blocks, lines) {
    if (lines.length === 0 || blocks.length === 0)
        return blocks;
    return [...blocks.slice(0, -1), [blocks[blocks.length - 1], ...lines].join('\n')];
}
function join(blocks) {
    return `${blocks.join('\n\n')}\n`;
}
function bytes(text) {
    return Buffer.byteLength(text, 'utf8');
}
/** Last line of defence for tiny budgets: cut at a line boundary and say so. */
function fitToBytes(markdown, maxBytes) {
    if (bytes(markdown) <= maxBytes)
        return markdown;
    const note = '\n\n…summary cut here to stay under the job-summary size limit.\n';
    const room = Math.max(0, maxBytes - bytes(note));
    const cut = Buffer.from(markdown, 'utf8').subarray(0, room).toString('utf8');
    const lastNewline = cut.lastIndexOf('\n');
    return `${lastNewline > 0 ? cut.slice(0, lastNewline) : ''}${note}`;
}

/**
 * The one way the action and the CLI write a file of their own (today the SARIF log): only inside the places a
 * run may write to (the workspace, RUNNER_TEMP), never through a symbolic link. The checkout is hostile: a pull
 * request can commit `okd.sarif` as a link to `/etc/...`, link a parent directory out of the workspace, or leave a
 * dangling link where the file will be created.
 *
 * How: the path is resolved lexically (`..` included) and must lie under an allowed root; each missing parent
 * directory is created one level at a time, and an existing one is accepted only if its real path is still under
 * an allowed root; the target itself must not be a link or a directory. The content goes to a new temporary file
 * in the real parent directory (O_CREAT|O_EXCL|O_NOFOLLOW: never an existing file, never through a link), which is
 * then renamed onto the target: a rename replaces a link planted in between instead of following it.
 */
/** A write that was refused because it would land outside the allowed roots or go through a link. */
class UnsafeWriteError extends Error {
}
/**
 * Where a run may write: the action's workspace (GITHUB_WORKSPACE), or the CLI's working directory, and RUNNER_TEMP
 * when set. Relative paths are taken from the first.
 */
function writeRoots(tool, env, cwd) {
    const base = tool === 'action' ? env.GITHUB_WORKSPACE || cwd : cwd;
    const allowed = [{ label: tool === 'action' ? 'the workspace' : 'the working directory', dir: base }];
    if (env.RUNNER_TEMP)
        allowed.push({ label: 'RUNNER_TEMP', dir: env.RUNNER_TEMP });
    return { base, allowed };
}
/** O_NOFOLLOW does not exist on Windows, where creating a link needs privileges a pull request does not have. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
/**
 * Writes `content` to `file` (relative paths are taken from `roots.base`), creating missing parent directories.
 * Returns the absolute path written; throws UnsafeWriteError with a message for the user when refused (and the
 * file system's own error when a write fails for another reason).
 */
function writeFileInside(file, content, roots) {
    const target = path.resolve(roots.base, file);
    const allowed = realRoots(roots.allowed);
    const start = allowed.find(root => isUnder(target, root.given) || isUnder(target, root.real));
    if (!start) {
        const places = roots.allowed.map(root => `${root.label} (${root.dir})`).join(' or ');
        throw new UnsafeWriteError(`${target} is outside ${places}: nothing was written`);
    }
    const relative = path.relative(isUnder(target, start.given) ? start.given : start.real, target);
    const parts = relative.split(path.sep);
    const name = parts.pop();
    let directory = start.real;
    for (const part of parts)
        directory = enterDirectory(directory, part, allowed, target);
    const stat = lstatOrUndefined(path.join(directory, name));
    if (stat?.isSymbolicLink()) {
        throw new UnsafeWriteError(`${target} is a symbolic link: it is not followed and nothing was written (remove the link, or choose another path)`);
    }
    if (stat?.isDirectory())
        throw new UnsafeWriteError(`${target} is a directory: nothing was written`);
    const temporary = path.join(directory, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    const descriptor = openSync(temporary, CREATE_NEW, 0o644);
    try {
        try {
            const bytes = Buffer.from(content, 'utf8');
            for (let offset = 0; offset < bytes.length;)
                offset += writeSync(descriptor, bytes, offset, bytes.length - offset);
        }
        finally {
            closeSync(descriptor);
        }
        renameSync(temporary, path.join(directory, name));
    }
    catch (error) {
        rmSync(temporary, { force: true });
        throw error;
    }
    return target;
}
/** Why a write failed, in words for the user: the refusal's own message, or the file system's error code. */
function writeFailure(error) {
    if (error instanceof UnsafeWriteError)
        return error.message;
    const { code, message } = error;
    return code ?? message ?? String(error);
}
function realRoots(roots) {
    const result = [];
    for (const root of roots) {
        const given = path.resolve(root.dir);
        try {
            result.push({ given, real: realpathSync(given) });
        }
        catch {
            // A root that does not exist allows nothing.
        }
    }
    return result;
}
/** One level down from a real directory: created if missing, else its real path, which must stay inside a root. */
function enterDirectory(directory, part, allowed, target) {
    const next = path.join(directory, part);
    const stat = lstatOrUndefined(next);
    if (!stat) {
        mkdirSync(next);
        return next;
    }
    if (stat.isDirectory())
        return next;
    if (!stat.isSymbolicLink()) {
        throw new UnsafeWriteError(`${target} cannot be written: ${next} is not a directory`);
    }
    let real;
    try {
        real = realpathSync(next);
    }
    catch {
        throw new UnsafeWriteError(`${target} cannot be written: its directory ${next} is a symbolic link that leads nowhere; it is not followed and nothing was written`);
    }
    if (!allowed.some(root => real === root.real || isUnder(real, root.real)) ||
        !lstatSync(real).isDirectory()) {
        throw new UnsafeWriteError(`${target} cannot be written: its directory ${next} is a symbolic link out of the workspace; it is not followed and nothing was written`);
    }
    return real;
}
function lstatOrUndefined(file) {
    try {
        return lstatSync(file);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
}
/** Strictly below `root` (not the root itself). */
function isUnder(file, root) {
    const relative = path.relative(root, file);
    return (relative !== '' &&
        relative !== '..' &&
        !relative.startsWith(`..${path.sep}`) &&
        !path.isAbsolute(relative));
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

export { ALLOWLIST_FILE as A, loadAllowlist as B, CONFIGURED_KEY_DETECTOR_ID as C, findLeaks as D, configuredKeyEvidence as E, writeFailure as F, writeFileInside as G, HistoryRefError as H, InputError as I, escapeMarkdown as J, KEY_FINE_STATUSES as K, clip as L, openGitHubClient as M, exhaustedRateLimit as N, stringAt as O, parseList as P, leakCounts as Q, RevisionRangeError as R, UnsafeWriteError as U, scanSourceOf as a, describeSuppressed as b, CONFIGURED_KEY_DETECTOR_NAME as c, describeServerSaid as d, parseSettings as e, createRedactor as f, buildRunContext as g, publishReport as h, buildRunReport as i, INLINE_MARKER as j, shortSha as k, isSha as l, readGitHubEvent as m, logSafe as n, openScanSource as o, printable as p, buildSummary as q, rejectionChecklistTitle as r, scannedUncommitted as s, isProxyEnvVar as t, isClientSetupEnvVar as u, describeEnvVar as v, writeRoots as w, isOrganizationOrProjectEnvVar as x, providerOf as y, KEY_REJECTED_STATUSES as z };
