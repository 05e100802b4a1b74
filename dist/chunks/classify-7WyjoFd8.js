import { P as PROVIDERS, o as openai, p as providerOfAnswer } from './registry-DTkCHu2i.js';
import { s as scrub, u as upperFirst, r as redact } from './words-oY8KSoOb.js';

/**
 * Turns what one probe came back with into a key-status and cause (design.md's table), in plain words.
 * The body is parsed once (OpenAI's envelope, then the providers' own shapes); the provider that answered
 * (the one at `base-url`, or the one its answer reveals) applies its ordered rules. Nothing here prints the
 * key: messages are scrubbed, and the masked echo in "Incorrect API key provided: …" is compared with the sent
 * key, never shown whole.
 */
const GATEWAY_CREDENTIAL_HINT = 'If `base-url` points at a gateway, it may want its own credential (`gateway-token`).';
/** What the server said is shown to users; past this it is cut with an ellipsis. */
const MAX_MESSAGE_LENGTH = 300;
/** HTML titles of edge/WAF block and challenge pages (Cloudflare, Akamai, AWS WAF, nginx). */
const BLOCK_PAGE = /Attention Required|Just a moment|Access denied|Request blocked|been blocked|Forbidden|Request Rejected/i;
function classifyProbe(outcome, ctx, configured = openai) {
    // The attempts are a field of their own (the diagnosis says them once, in a note), never part of the words.
    const attempts = outcome.attempts;
    if (outcome.kind === 'timeout') {
        return {
            status: 'unreachable',
            cause: 'timeout',
            detail: `No answer within ${formatSeconds(outcome.timeoutMs)}; the key could not be checked.`,
            facts: `The timeout was ${formatSeconds(outcome.timeoutMs)} per attempt.`,
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
    const apiCode = error ? codeOf(error, outcome.status) : undefined;
    // The status, code, message and request id are fields of their own (reports show each once), never part of
    // the words: a detail says what the answer means.
    const base = {
        httpStatus: outcome.status,
        ...(requestId ? { requestId } : {}),
        ...(apiCode ? { apiCode } : {}),
        ...(apiMessage ? { apiMessage } : {}),
        provider: provider.id,
        attempts
    };
    if (error) {
        const answer = {
            status: outcome.status,
            code: error.code ?? '',
            type: error.type ?? '',
            message: error.message,
            ctx
        };
        // A rule read what arrived of a cut-off body: the server-said line says it was cut short.
        const truncated = parsed.kind === 'unreadable' ? { truncatedBody: true } : {};
        for (const rule of provider.rules) {
            const verdict = rule(answer);
            if (verdict)
                return { ...base, ...verdict, ...truncated, fromApi: parsed.kind === 'error' };
        }
    }
    if (outcome.status >= 200 && outcome.status < 300) {
        if (parsed.kind === 'success-json' && looksLikeApiResult(parsed.value)) {
            if (outcome.unproven) {
                return {
                    ...base,
                    status: 'unchecked',
                    cause: 'none',
                    detail: `The same request with a made-up credential was accepted too: the ${provider.name} at \`base-url\` answers without checking keys, so whether this key is valid could not be verified there.`,
                    fromApi: true
                };
            }
            const special = provider.successVerdict?.(parsed.value);
            if (special)
                return { ...base, ...special, fromApi: true };
            const what = ctx.inference
                ? `A minimal request to \`${ctx.model ?? 'the model'}\` succeeded, so quota, billing and the model are in order`
                : ctx.model
                    ? `The model \`${ctx.model}\` is accessible`
                    : 'The key is valid';
            return { ...base, status: 'valid', cause: 'none', detail: `${what}.`, fromApi: true };
        }
        const detail = `The answer is not an API answer (${describeBody(parsed)}): \`base-url\` probably points at a web page or a service that is not an OpenAI-compatible API.`;
        return { ...base, status: 'unreachable', cause: 'server-error', detail, facts: detail, fromApi: false };
    }
    return { ...base, ...unrecognised(outcome.status, parsed, ctx) };
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
/** The error's code, else its type, when worth showing: not the catch-all type, the status again, nor its reason phrase (Azure sends both). */
function codeOf(error, status) {
    const meaningful = (code) => code !== undefined &&
        code !== String(status) &&
        !/^(?:Unauthorized|Forbidden|Not ?Found|Bad ?Request|Too ?Many ?Requests)$/i.test(code);
    if (meaningful(error.code))
        return error.code;
    return error.type !== 'invalid_request_error' && meaningful(error.type) ? error.type : undefined;
}
function classifyNetworkError(outcome, ctx, provider) {
    const message = cleanMessage(outcome.message, [ctx.sentKey, ctx.sentKey.trim()]);
    const base = { fromApi: false, provider: provider.id, attempts: outcome.attempts };
    if (outcome.code === 'INVALID_HEADER' && !/organization|project|gateway/i.test(outcome.message)) {
        const detail = 'The HTTP client refused to send the key: it contains a line break, control or non-Latin-1 character that a header cannot carry. Nothing was sent.';
        return { ...base, status: 'malformed', cause: 'whitespace', detail, facts: detail };
    }
    const hint = outcome.code === 'INVALID_URL'
        ? ' Check `base-url`.'
        : outcome.code === 'PROXY_ERROR'
            ? ' The proxy (HTTPS_PROXY / HTTP_PROXY) refused or failed the connection.'
            : '';
    const error = `${outcome.code}${message ? ` (${message})` : ''}.${hint}`;
    return {
        ...base,
        status: 'unreachable',
        cause: 'network-error',
        detail: `The request did not reach the API: ${error}`,
        facts: `The error: ${error}`
    };
}
/** No rule matched: say what came back, without guessing further (the status is the classification's own). */
function unrecognised(status, parsed, ctx) {
    const described = describeBody(parsed);
    const body = upperFirst(described);
    const fromApi = parsed.kind === 'error';
    // What the cause's explanation cannot know: what came back (an error envelope is quoted by the reports).
    const answered = fromApi ? '' : `The answer was ${described}.`;
    const result = (status, cause, detail, hint = '') => ({
        status,
        cause,
        detail,
        ...(answered || hint ? { facts: [answered, hint].filter(Boolean).join(' ') } : {}),
        fromApi
    });
    if (parsed.kind === 'html' &&
        (status === 403 || (parsed.title !== undefined && BLOCK_PAGE.test(parsed.title)))) {
        return result('unreachable', 'request-blocked', `${body}: an edge firewall or bot protection in front of the API blocked the request before it reached the API, so the key could not be checked.`);
    }
    if (status === 401) {
        return result('invalid', 'invalid-api-key', `${body}: the server refused the credentials${fromApi ? ' (its own words are quoted with the verdict)' : ' without saying why'}. ${GATEWAY_CREDENTIAL_HINT}`, GATEWAY_CREDENTIAL_HINT);
    }
    if (status === 429) {
        return result('unreachable', 'rate-limited', `${body}: rate limited; the key could not be checked.`);
    }
    if (status === 404 && !ctx.model) {
        return result('misconfigured', 'endpoint-not-found', `${body}: \`base-url\` has no such endpoint; it probably lacks the \`/v1\` part, has a wrong path, or points at the wrong service.`);
    }
    const hint = status === 407
        ? ' A proxy in front of the API requires its own authentication.'
        : parsed.kind === 'html'
            ? ' An HTML page comes from a proxy, gateway or web server in front of the API, not from the API.'
            : '';
    return result('unreachable', 'server-error', `${body}; the key could not be checked.${hint}`, status === 407 ? hint.trim() : '');
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
            // Its code and message are the classification's own fields, quoted once by the reports.
            return 'an error this tool does not recognise';
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

export { classifyProbe as c, waitingWontHelp as w };
