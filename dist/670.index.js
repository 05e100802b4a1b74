export const id = 670;
export const ids = [670];
export const modules = {

/***/ 2670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createOpenAIClient: () => (/* binding */ createOpenAIClient)
});

// UNUSED EXPORTS: DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RETRY_AFTER_MS, MAX_BODY_BYTES, USER_AGENT

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./src/core/redact.ts
var redact = __webpack_require__(2258);
;// CONCATENATED MODULE: ./src/openai/retry-policy.ts
/**
 * When a probe may be repeated and how long to wait first. Pure: the HTTP client feeds it what one
 * attempt produced. Quota, billing and policy 429s look like rate limits but never clear by waiting
 * (openai-errors.md §2.12), so they are answered at once instead of costing retries.
 */
/** 429 `error.code` / `error.type` values that mean "valid key, unusable until a human acts". */
const QUOTA_ERROR_MARKERS = new Set([
    'insufficient_quota',
    'organization_usage_limit_exceeded',
    'organization_spend_limit_exceeded',
    'project_spend_limit_exceeded',
    'credit_balance_exhausted',
    'billing_not_active',
    'access_terminated'
]);
/** Older bodies carried `code: null`; their messages are the only marker left. */
const QUOTA_MESSAGE_PATTERNS = [
    /exceeded your current quota/i,
    /access was terminated/i,
    /account is not active, please check your billing/i
];
/** Connection failures worth another attempt; anything else (TLS, proxy refusal, bad header) is not transient. */
const TRANSIENT_NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENETDOWN',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED'
]);
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8000;
/** `retryNumber` counts from 1 (the wait before the second attempt). */
function decideRetry(result, retryNumber, limits) {
    if (result.kind === 'timeout')
        return backoff(retryNumber, limits);
    if (result.kind === 'network-error') {
        return TRANSIENT_NETWORK_CODES.has(result.code) ? backoff(retryNumber, limits) : { retry: false };
    }
    if (result.status === 429 && isQuotaExhausted(result.body))
        return { retry: false };
    if (result.status !== 429 && result.status < 500)
        return { retry: false };
    const demandedMs = retryAfterMs(result.headers, limits.now());
    if (demandedMs === undefined)
        return backoff(retryNumber, limits);
    if (demandedMs > limits.maxRetryAfterMs)
        return { retry: false };
    return { retry: true, waitMs: demandedMs };
}
/** True for a 429 body that says quota, billing or policy rather than "too fast". */
function isQuotaExhausted(body) {
    const error = parseErrorEnvelope(body);
    if (!error)
        return false;
    if (typeof error.code === 'string' && QUOTA_ERROR_MARKERS.has(error.code))
        return true;
    if (typeof error.type === 'string' && QUOTA_ERROR_MARKERS.has(error.type))
        return true;
    const message = typeof error.message === 'string' ? error.message : '';
    return QUOTA_MESSAGE_PATTERNS.some(pattern => pattern.test(message));
}
/**
 * The server's requested wait: `retry-after-ms` (OpenAI, non-standard) first, then `retry-after` as
 * seconds or an HTTP-date. Undefined when absent or unreadable.
 */
function retryAfterMs(headers, nowMs) {
    const milliseconds = Number.parseFloat(firstValue(headers['retry-after-ms']) ?? '');
    if (Number.isFinite(milliseconds) && milliseconds >= 0)
        return Math.ceil(milliseconds);
    const retryAfter = firstValue(headers['retry-after'])?.trim();
    if (!retryAfter)
        return undefined;
    if (/^\d+(\.\d+)?$/.test(retryAfter))
        return Math.ceil(Number.parseFloat(retryAfter) * 1000);
    // An HTTP-date always names a day and month; without letters, Date.parse would read "-5" as a year.
    const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - nowMs);
}
function backoff(retryNumber, limits) {
    const exponential = Math.min(INITIAL_BACKOFF_MS * 2 ** (retryNumber - 1), MAX_BACKOFF_MS);
    const jittered = exponential * (1 - 0.25 * limits.random());
    return { retry: true, waitMs: Math.round(Math.min(jittered, limits.maxRetryAfterMs)) };
}
function parseErrorEnvelope(body) {
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch {
        return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null)
        return undefined;
    const error = parsed.error;
    if (typeof error === 'object' && error !== null)
        return error;
    if (typeof error === 'string')
        return { message: error };
    return undefined;
}
function firstValue(value) {
    return Array.isArray(value) ? value[0] : value;
}

;// CONCATENATED MODULE: ./src/openai/client.ts
/**
 * The only code that talks to the OpenAI API: `GET {base}/models` and `GET {base}/models/{id}`, which
 * cost no tokens. Every failure becomes a ProbeOutcome value; nothing here throws or prints the key.
 *
 * Worst case per probe: maxAttempts × timeoutMs + (maxAttempts − 1) × maxRetryAfterMs. With the
 * defaults (3 attempts, 10 s cap on waits) and the action's 10 s timeout that is 3 × 10 s + 2 × 10 s = 50 s;
 * a server demanding a longer `retry-after` than the cap ends the probe at once as rate-limited.
 */



const USER_AGENT = 'openai-key-doctor';
const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_MAX_RETRY_AFTER_MS = 10_000;
/** A models list is tens of KiB; anything past this is not an API answer worth holding in memory. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Characters undici (and HTTP) accept in a header value. */
const INVALID_HEADER_CHARACTER = /[^\t\x20-\x7e\x80-\xff]/;
function createOpenAIClient(options) {
    const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
    const sleep = options.sleep ?? ((ms) => new Promise(resolve => setTimeout(resolve, ms)));
    const { timeoutMs } = options;
    // Reads HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either case). proxyTunnel: false sends plain-http requests
    // to an http proxy as absolute-URI requests, as curl does; https always goes through a CONNECT tunnel.
    const dispatcher = new undici/* EnvHttpProxyAgent */.J2({
        proxyTunnel: false,
        connect: { timeout: timeoutMs },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs
    });
    async function probe(key, path) {
        const url = endpoint(options.baseUrl, path);
        if (!url) {
            return {
                kind: 'network-error',
                attempts: 0,
                code: 'INVALID_URL',
                message: 'The base URL is not an http(s) URL.'
            };
        }
        const headers = requestHeaders(key, options.organization, options.project);
        const refusal = headerRefusal(headers);
        if (refusal)
            return refusal;
        for (let attempt = 1;; attempt++) {
            const result = await attemptOnce(url, headers, key);
            const decision = attempt < maxAttempts
                ? decideRetry(result, attempt, { maxRetryAfterMs, random: Math.random, now: Date.now })
                : { retry: false };
            if (!decision.retry)
                return toOutcome(result, attempt);
            await sleep(decision.waitMs);
        }
    }
    async function attemptOnce(url, headers, key) {
        const abort = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            abort.abort();
        }, timeoutMs);
        try {
            const response = await (0,undici/* request */.Em)(url, { method: 'GET', headers, dispatcher, signal: abort.signal });
            const body = await readCapped(response.body);
            return { kind: 'response', status: response.statusCode, body, headers: response.headers };
        }
        catch (error) {
            if (timedOut || isUndiciTimeout(error))
                return { kind: 'timeout' };
            return { kind: 'network-error', ...describeNetworkError(error, key) };
        }
        finally {
            clearTimeout(timer);
        }
    }
    function toOutcome(result, attempts) {
        switch (result.kind) {
            case 'response':
                return {
                    kind: 'response',
                    status: result.status,
                    body: result.body,
                    requestId: requestIdOf(result.headers),
                    attempts
                };
            case 'timeout':
                return { kind: 'timeout', attempts, timeoutMs };
            case 'network-error':
                return { kind: 'network-error', attempts, code: result.code, message: result.message };
        }
    }
    return {
        probeModels: key => probe(key, 'models'),
        probeModel: (key, modelId) => probe(key, `models/${encodeURIComponent(modelId)}`),
        close: () => dispatcher.close()
    };
}
/** `{base}/{path}`, keeping the base's path (and query, for gateways that need one). */
function endpoint(baseUrl, path) {
    let url;
    try {
        url = new URL(baseUrl);
    }
    catch {
        return undefined;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return undefined;
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
    url.hash = '';
    return url;
}
function requestHeaders(key, organization, project) {
    const headers = {
        authorization: `Bearer ${key}`,
        accept: 'application/json',
        'user-agent': USER_AGENT
    };
    if (organization)
        headers['openai-organization'] = organization;
    if (project)
        headers['openai-project'] = project;
    return headers;
}
/** Checked before sending so that a key with a stray newline is reported, not thrown (and never echoed). */
function headerRefusal(headers) {
    const refused = Object.entries(headers).find(([, value]) => INVALID_HEADER_CHARACTER.test(value));
    if (!refused)
        return undefined;
    const what = refused[0] === 'authorization' ? 'The API key' : `The ${refused[0]} value`;
    return {
        kind: 'network-error',
        attempts: 0,
        code: 'INVALID_HEADER',
        message: `${what} contains a line break, control or non-Latin-1 character that HTTP headers cannot carry; nothing was sent.`
    };
}
async function readCapped(body) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        const room = MAX_BODY_BYTES - size;
        if (chunk.length >= room) {
            chunks.push(chunk.subarray(0, room));
            body.destroy();
            break;
        }
        chunks.push(chunk);
        size += chunk.length;
    }
    return Buffer.concat(chunks).toString('utf8');
}
function requestIdOf(headers) {
    for (const name of ['x-request-id', 'apim-request-id', 'request-id']) {
        const value = headers[name];
        const first = Array.isArray(value) ? value[0] : value;
        if (first)
            return first;
    }
    return undefined;
}
function isUndiciTimeout(error) {
    const code = errorCode(error);
    return (code === 'UND_ERR_CONNECT_TIMEOUT' ||
        code === 'UND_ERR_HEADERS_TIMEOUT' ||
        code === 'UND_ERR_BODY_TIMEOUT');
}
/** A stable code and a readable message, scrubbed of the key in case anything echoed it. */
function describeNetworkError(error, key) {
    const message = (0,redact/* scrub */._)(errorMessage(error), [key]);
    if (/^Proxy (response|Authentication)/i.test(message))
        return { code: 'PROXY_ERROR', message };
    const code = errorCode(error) ?? 'NETWORK_ERROR';
    if (code === 'UND_ERR_INVALID_ARG' && /header/i.test(message)) {
        return {
            code: 'INVALID_HEADER',
            message: 'A header value was refused by the HTTP client; nothing was sent.'
        };
    }
    return { code, message };
}
/** Node wraps the useful part in `cause` (fetch-style) or `errors` (AggregateError from happy eyeballs). */
function errorCode(error) {
    for (const candidate of errorChain(error)) {
        const code = candidate.code;
        if (typeof code === 'string' && code)
            return code;
    }
    return undefined;
}
function errorMessage(error) {
    for (const candidate of errorChain(error)) {
        const message = candidate.message;
        if (typeof message === 'string' && message)
            return message;
    }
    return String(error);
}
/** Duck-typed: errors from Node's own modules are not `instanceof Error` inside a jest VM context. */
function errorChain(error) {
    const chain = [];
    let current = error;
    while (typeof current === 'object' && current !== null && chain.length < 5) {
        chain.push(current);
        const nested = current.errors;
        if (Array.isArray(nested))
            chain.push(...nested.filter((inner) => typeof inner === 'object' && inner !== null));
        current = current.cause;
    }
    return chain;
}


/***/ })

};
