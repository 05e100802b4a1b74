/**
 * Redaction as OpenAI does it: at most the first 8 and the last 4 characters, never more than a
 * third of a short secret. Everything printed about a key goes through here.
 */
function redact(secret) {
    const visiblePrefix = Math.min(8, Math.floor(secret.length / 3));
    const visibleSuffix = Math.min(4, Math.floor(secret.length / 6));
    const head = secret.slice(0, visiblePrefix);
    const tail = visibleSuffix > 0 ? secret.slice(-visibleSuffix) : '';
    return `${head}…${tail}`;
}
/**
 * Replaces every occurrence of each secret (and of any echo longer than 12 characters that OpenAI
 * returns unmasked) in a text that came from outside, e.g. an API error message.
 */
function scrub(text, secrets) {
    let result = text;
    for (const secret of secrets) {
        if (secret.length < 3)
            continue;
        result = result.split(secret).join(redact(secret));
    }
    return result;
}

/** Small wording helpers the diagnosis and the reports share. */
/** "The key …" from "the key …": a clause that starts a sentence. */
function upperFirst(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
/** "the key …" from "The key …": a sentence that continues another. */
function lowerFirst(text) {
    return text.charAt(0).toLowerCase() + text.slice(1);
}
/** `12,345`: digits grouped by hand, as Intl.NumberFormat costs ~30 ms of ICU start-up on first use. */
function formatCount(count) {
    const [whole, fraction] = String(Math.abs(count)).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
    return `${count < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
function plural(count, singular, pluralForm = `${singular}s`) {
    return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

export { formatCount as f, lowerFirst as l, plural as p, redact as r, scrub as s, upperFirst as u };
