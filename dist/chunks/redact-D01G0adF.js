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

export { redact as r, scrub as s };
