import { r as redact } from './redact-D01G0adF.js';

/** Shared by the report builders: the order findings are reported in, and how a finding is named. */
const SEVERITY_RANK = { critical: 0, error: 1, warning: 2 };
function livenessRank(liveness) {
    switch (liveness) {
        case 'live':
            return 0;
        case 'unknown':
            return 1;
        case undefined:
            return 2;
        case 'dead':
            return 3;
    }
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Most severe first: critical > error > warning, then live > unknown > not verified > dead, then by place. */
function compareFindings(a, b) {
    return (SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        livenessRank(a.liveness) - livenessRank(b.liveness) ||
        compareText(a.path, b.path) ||
        a.line - b.line ||
        a.startColumn - b.startColumn ||
        compareText(a.commit ?? '', b.commit ?? ''));
}
function sortFindings(findings) {
    return [...findings].sort(compareFindings);
}
/** The key as it may be shown: always recomputed from the secret, so a mis-filled `redacted` cannot leak it. */
function shownKey(finding) {
    return finding.secret ? redact(finding.secret) : redact(finding.redacted);
}
/** Repository-relative POSIX path as annotations and SARIF want it: without a leading `./`. */
function repoRelativePath(path) {
    return path.replace(/^(?:\.\/)+/, '');
}
function isSha(commit) {
    return /^[0-9a-f]{7,64}$/i.test(commit);
}
/** Seven hex digits of a full SHA; anything that is not a SHA is returned as is (callers escape it). */
function shortCommit(commit) {
    return isSha(commit) ? commit.slice(0, 7).toLowerCase() : commit;
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
/** The text as a sentence: ends with `.` unless it already ends a sentence (so "Fix:" never joins a clause). */
function sentence(text) {
    const trimmed = text.trimEnd().replace(/[:;,]$/, '');
    return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
/** `512 bytes`, `5.9 KiB`, `10 MiB`: one decimal at most, none when it is zero. */
function formatBytes(bytes) {
    if (bytes < 1024)
        return plural(bytes, 'byte');
    if (bytes < 1024 * 1024)
        return `${+(bytes / 1024).toFixed(1)} KiB`;
    if (bytes < 1024 * 1024 * 1024)
        return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
    return `${+(bytes / (1024 * 1024 * 1024)).toFixed(2)} GiB`;
}
/** What the liveness check said, in words a user acts on. */
function livenessSentence(liveness) {
    switch (liveness) {
        case 'live':
            return 'Verified LIVE: the key works right now. Revoke it at https://platform.openai.com/api-keys and store its replacement as a secret.';
        case 'dead':
            return 'Verified dead: OpenAI rejects it. Remove it anyway; git history keeps it.';
        case 'unknown':
            return 'Liveness unknown: the check could not finish. Treat it as live: revoke and replace it.';
        case undefined:
            return 'Not verified. If it is a real key, revoke and replace it, then remove it from the code.';
    }
}
function livenessLabel(liveness) {
    return liveness ?? 'not verified';
}

export { shownKey as a, shortCommit as b, formatCount as c, sentence as d, livenessSentence as e, formatBytes as f, isSha as i, livenessLabel as l, plural as p, repoRelativePath as r, sortFindings as s };
