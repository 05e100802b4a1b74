#!/usr/bin/env node
import { p as printable, C as CONFIGURED_KEY_DETECTOR_ID, s as scannedUncommitted, K as KEY_FINE_STATUSES, d as describeServerSaid, a as scanSourceOf, b as describeSuppressed, r as rejectionChecklistTitle, c as CONFIGURED_KEY_DETECTOR_NAME, I as InputError, e as parseSettings, R as RevisionRangeError, H as HistoryRefError, f as createRedactor, o as openScanSource, g as buildRunContext, h as publishReport, w as writeRoots, i as buildRunReport, A as ALLOWLIST_FILE, j as INLINE_MARKER } from '../chunks/run-context-DfXhoXGq.js';
import { i as isVerifiableLeak, T as TOOL_INFO, r as runDoctor, S as SCAN_LIMITS, s as sarifReporter } from '../chunks/sarif-file-Br5kDr5P.js';
import { s as sortFindings, a as shownKey, r as repoRelativePath, h as hasLine, b as shortCommit, f as formatBytes, l as livenessLabel, G as GitError, c as checkoutRoot, d as secondsSince } from '../chunks/group-D6p1u0iz.js';
import { C as CAUSE_INFO } from '../chunks/registry-DTkCHu2i.js';
import { p as plural } from '../chunks/words-oY8KSoOb.js';
import { parseArgs } from 'node:util';
import 'node:fs/promises';
import 'node:path';
import 'node:buffer';
import 'node:os';
import 'node:fs';
import 'node:crypto';
import '../chunks/classify-7WyjoFd8.js';
import 'node:child_process';

/** Fields are copied one by one, never spread, so nothing added to the source types later can leak a key. */
function buildJsonReport(input) {
    const { diagnosis, findings, coverage, repoFindings } = input;
    return {
        schemaVersion: 1,
        keyStatus: diagnosis?.keyStatus ?? null,
        cause: diagnosis?.cause ?? null,
        keyType: diagnosis ? diagnosis.keyType : null,
        diagnosis: diagnosis ? jsonDiagnosis(diagnosis) : null,
        leaks: sortFindings(findings).map(jsonLeak),
        leakCount: findings.length,
        liveLeakCount: findings.filter(finding => finding.liveness === 'live').length,
        coverage: coverage ? jsonCoverage(coverage) : null,
        repositoryChecks: repoFindings?.notFullyChecked
            ? {
                fullyChecked: repoFindings.notFullyChecked.length === 0,
                notFullyChecked: repoFindings.notFullyChecked.map(cut => ({ limit: cut.limit, detail: cut.detail }))
            }
            : null
    };
}
function jsonDiagnosis(diagnosis) {
    const fingerprint = diagnosis.fingerprint;
    return {
        headline: diagnosis.headline,
        explanation: diagnosis.explanation,
        fix: diagnosis.fix,
        fingerprint: fingerprint
            ? { type: fingerprint.type, length: fingerprint.length, redacted: fingerprint.redacted }
            : null,
        requestId: diagnosis.requestId ?? null,
        serverSaid: diagnosis.serverSaid
            ? {
                httpStatus: diagnosis.serverSaid.httpStatus,
                code: diagnosis.serverSaid.code ?? null,
                message: diagnosis.serverSaid.message ?? null,
                truncated: diagnosis.serverSaid.truncated ?? false
            }
            : null,
        notes: [...diagnosis.notes],
        checklist: diagnosis.checklist.map(item => ({
            id: item.id,
            title: item.title,
            verdict: item.verdict,
            evidence: item.evidence,
            verdictCause: item.verdictCause === true
        })),
        models: diagnosis.models.map(model => ({
            id: model.id,
            accessible: model.accessible ?? null,
            detail: model.detail
        }))
    };
}
function jsonLeak(finding) {
    return {
        detector: finding.detectorId,
        detectorName: finding.detectorName,
        severity: finding.severity,
        path: repoRelativePath(finding.path),
        line: finding.line,
        column: finding.startColumn,
        endColumn: finding.endColumn,
        commit: finding.commit ?? null,
        redacted: shownKey(finding),
        fingerprint: finding.fingerprint,
        liveness: finding.liveness ?? null,
        removed: finding.removed ? { commit: finding.removed.commit ?? null } : null,
        inFileName: finding.inFileName === true
    };
}
function jsonCoverage(coverage) {
    return {
        mode: coverage.mode,
        range: coverage.range ?? null,
        source: coverage.source,
        commits: coverage.commits,
        files: coverage.files,
        bytes: coverage.bytes,
        skipped: coverage.skipped.map((skipped) => ({
            what: skipped.what,
            reason: skipped.reason,
            fix: skipped.fix ?? null
        })),
        incomplete: coverage.incomplete
    };
}

const VERDICTS = {
    confirmed: { mark: '✗', label: 'confirmed', color: 'red' },
    likely: { mark: '!', label: 'likely', color: 'yellow' },
    'ruled-out': { mark: '✓', label: 'ruled out', color: 'green' },
    'not-checkable': { mark: '·', label: 'cannot check from here', color: 'dim' }
};
const MAX_SKIPPED_SHOWN = 50;
/**
 * The CLI's human report: the key's verdict (cause, fix and the 401 checklist when it fails), every committed
 * key with its place and fingerprint, what was scanned and skipped, and the outcome. Plain text, or ANSI
 * colours on a terminal. Keys appear only redacted; every string from outside goes through `printable`.
 */
function buildTextReport(input) {
    const paint = painter(input.color);
    const lines = [...ownKeyLeak(input, paint), ...keyLines(input, paint), ''];
    if (input.coverage)
        lines.push(...findingLines(input, paint), '', ...coverageLines(input, paint), '');
    for (const note of input.notes)
        lines.push(paint('yellow', `Note: ${printable(note)}`));
    if (input.notes.length > 0)
        lines.push('');
    lines.push(outcomeLine(input, paint));
    return `${lines.join('\n')}\n`;
}
/**
 * The developer's own OPENAI_API_KEY committed: that is the headline, in the error colour, before any verdict
 * that the key works (which only makes the leak worse).
 */
function ownKeyLeak(input, paint) {
    const own = input.findings.filter(finding => finding.detectorId === CONFIGURED_KEY_DETECTOR_ID);
    if (own.length === 0)
        return [];
    const live = own.some(finding => finding.liveness === 'live') || input.diagnosis?.keyStatus === 'valid';
    const places = own
        .slice(0, 3)
        .map(finding => `${printable(finding.path)}${hasLine(finding) ? `:${finding.line}` : ''}`);
    const more = own.length > 3 ? ` and ${plural(own.length - 3, 'more place')}` : '';
    const staged = scannedUncommitted(input.coverage);
    const headline = `LEAKED: your OPENAI_API_KEY is ${staged ? 'staged' : 'committed'} (${places.join(', ')}${more})` +
        (live ? ' and it works.' : '.') +
        (staged
            ? ' Take it out of the staged files; revoke it if it was ever shared.'
            : ' Revoke it and create a new one: git history keeps it.');
    return [paint('red', headline, true), ''];
}
function outcomeLine(input, paint) {
    if (input.outcome.failed)
        return paint('red', `FAIL: ${input.outcome.reasons.map(reason => printable(reason.text)).join('; ')}`, true);
    if (input.coverage?.incomplete) {
        return paint('red', 'INCOMPLETE: nothing found fails the policy, but part of the scan could not be done', true);
    }
    return paint('green', 'OK: nothing fails the policy', true);
}
function keyLines(input, paint) {
    const { diagnosis } = input;
    if (!diagnosis)
        return [paint('dim', `Key: not checked (${input.keyNotChecked ?? 'no key was checked'})`)];
    const good = KEY_FINE_STATUSES.has(diagnosis.keyStatus);
    // A key that works but is committed is no good news: never green.
    const leaked = input.findings.some(finding => finding.detectorId === CONFIGURED_KEY_DETECTOR_ID);
    const cause = diagnosis.cause === 'none' ? '' : ` (${diagnosis.cause})`;
    const lines = [
        paint(good && !leaked ? 'green' : 'red', `Key: ${diagnosis.keyStatus}${cause}`, true),
        `  ${printable(diagnosis.headline)}`
    ];
    const fp = diagnosis.fingerprint;
    if (fp) {
        const shown = fp.redacted ? `${fp.redacted} ` : '';
        lines.push(`  The key:    ${shown}(${fp.type} key, ${plural(fp.length, 'character')})`);
    }
    if (!good && diagnosis.serverSaid) {
        lines.push(`  Server said: ${printable(describeServerSaid(diagnosis.serverSaid))}`);
    }
    if (!good) {
        lines.push(`  Cause:      ${printable(diagnosis.explanation)}`, `  Fix:        ${printable(diagnosis.fix)}`);
    }
    if (diagnosis.requestId)
        lines.push(`  Request id: ${printable(diagnosis.requestId)}`);
    for (const note of diagnosis.notes)
        lines.push(`  Note:       ${printable(note)}`);
    for (const model of diagnosis.models)
        lines.push(`  Model ${printable(model.id)}: ${printable(model.detail)}`);
    if (!good && diagnosis.checklist.length > 0)
        lines.push('', ...checklistLines(diagnosis, paint));
    return lines;
}
/** The rows that point somewhere in full, with their evidence; the rest by title only (--json has it all). */
function checklistLines(diagnosis, paint) {
    const lines = [
        paint('bold', `${rejectionChecklistTitle(diagnosis)} (the common causes of a rejected key):`)
    ];
    for (const item of diagnosis.checklist) {
        if (item.verdict !== 'confirmed' && item.verdict !== 'likely')
            continue;
        const verdict = VERDICTS[item.verdict];
        // The verdict's own cause: its evidence is the headline and the cause above.
        const above = item.verdictCause ? ' (the cause above)' : '';
        lines.push(`  ${paint(verdict.color, `${verdict.mark} ${item.title}: ${verdict.label}${above}`)}`);
        if (item.verdictCause)
            continue;
        for (const place of item.places ?? [item.besideVerdict ?? item.evidence])
            lines.push(`      ${printable(place)}`);
    }
    for (const kind of ['ruled-out', 'not-checkable']) {
        const titles = diagnosis.checklist.filter(item => item.verdict === kind).map(item => item.title);
        const verdict = VERDICTS[kind];
        if (titles.length > 0)
            lines.push(`  ${paint(verdict.color, `${verdict.mark} ${verdict.label}: ${titles.join(', ')}`)}`);
    }
    lines.push(paint('dim', '  (--json shows the evidence for every row)'));
    return lines;
}
function findingLines(input, paint) {
    const findings = sortFindings(input.findings);
    const kind = scannedUncommitted(input.coverage) ? 'staged' : 'committed';
    if (findings.length === 0) {
        const none = `No ${kind} keys found`;
        return [
            input.coverage?.incomplete
                ? paint('yellow', `${none} in what was scanned.`)
                : paint('green', `${none}.`)
        ];
    }
    const max = input.maxFindings ?? 200;
    const live = findings.filter(finding => finding.liveness === 'live').length;
    const found = `${plural(findings.length, `${kind} key`)} found`;
    const lines = [paint('red', `${found}${live > 0 ? `, ${live} LIVE` : ''}:`, true)];
    for (const finding of findings.slice(0, max)) {
        const place = hasLine(finding)
            ? `${printable(finding.path)}:${finding.line}:${finding.startColumn}`
            : `${printable(finding.path)}${finding.inFileName ? ' (file name)' : ''}`;
        const removed = finding.removed
            ? ` (removed${finding.removed.commit ? ` in ${shortCommit(printable(finding.removed.commit))}` : ''})`
            : '';
        const commit = `${finding.commit ? ` ${shortCommit(printable(finding.commit))}` : ''}${removed}`;
        const liveness = `[${livenessWhy(finding, input)}]`;
        lines.push(`  ${paint(finding.severity === 'warning' ? 'yellow' : 'red', place)}${commit} ${finding.detectorId} ` +
            `${shownKey(finding)} ${finding.liveness === 'live' ? paint('red', liveness, true) : liveness}`, paint('dim', `      ${finding.severity}: ${printable(detectorName(finding))} · fingerprint ${finding.fingerprint}`));
    }
    if (findings.length > max)
        lines.push(`  …and ${findings.length - max} more (use --json or --sarif for all)`);
    lines.push(...revokeAdvice(input, findings));
    if (input.allowlist) {
        lines.push(`To accept a test value, put ${input.allowlist.marker} on its line, or add its fingerprint to ${input.allowlist.file}.`);
    }
    return lines;
}
/** What to do about the keys found, unless the headline on the developer's own key already said it all. */
function revokeAdvice(input, findings) {
    const others = findings.filter(finding => finding.detectorId !== CONFIGURED_KEY_DETECTOR_ID).length;
    if (others === 0)
        return [];
    const own = others < findings.length;
    if (scannedUncommitted(input.coverage)) {
        const which = `the ${own ? 'other ' : ''}${others === 1 ? 'key' : 'keys'}`;
        return [
            `Take ${which} out of the staged files before committing; revoke a real key only if it was ever shared.`
        ];
    }
    return [
        `Revoke every ${own ? 'other ' : ''}real key: deleting the line later does not remove it from git history.`
    ];
}
/** Short words for why a found key's liveness is unknown. */
const UNKNOWN_BECAUSE = {
    timeout: 'timed out',
    'network-error': 'no network',
    'rate-limited': 'rate-limited',
    'server-error': 'server error'
};
/** `live`, `dead`, `unknown: timed out`, `not verified: --no-liveness`, `not verified: not an OpenAI key`. */
function livenessWhy(finding, input) {
    if (finding.liveness === 'unknown') {
        const cause = finding.livenessCause;
        const why = cause ? (UNKNOWN_BECAUSE[cause] ?? CAUSE_INFO[cause].title.toLowerCase()) : undefined;
        return why ? `unknown: ${why}` : 'unknown';
    }
    if (finding.liveness !== undefined)
        return livenessLabel(finding.liveness);
    if (!input.verifyLeaks) {
        return `not verified: ${(input.verifyLeaksOffReason ?? 'off').replace(/`/g, '')}`;
    }
    return isVerifiableLeak(finding) ? 'not verified' : 'not verified: not an OpenAI key';
}
/** On a developer's machine the configured key is the one in OPENAI_API_KEY, not a workflow's. */
function detectorName(finding) {
    if (finding.detectorId !== CONFIGURED_KEY_DETECTOR_ID)
        return finding.detectorName;
    // "The key this workflow uses (OpenAI project key)": the kind the scanner added is kept.
    return `Your OPENAI_API_KEY${finding.detectorName.slice(CONFIGURED_KEY_DETECTOR_NAME.length)}`;
}
function coverageLines(input, paint) {
    const coverage = input.coverage;
    const counts = [
        ...(coverage.commits > 0 ? [plural(coverage.commits, 'commit')] : []),
        plural(coverage.files, 'file'),
        formatBytes(coverage.bytes)
    ];
    const lines = [
        paint('dim', `Scanned ${printable(scanSourceOf(coverage).covers(coverage))}: ${counts.join(', ')}.`)
    ];
    const allowed = describeSuppressed(input.suppressed);
    if (allowed)
        lines.push(paint('dim', `${allowed}.`));
    for (const skipped of coverage.skipped.slice(0, MAX_SKIPPED_SHOWN)) {
        const fix = skipped.fix ? ` (fix: ${printable(skipped.fix)})` : '';
        lines.push(paint('yellow', `  skipped ${printable(skipped.what)}: ${printable(skipped.reason)}${fix}`));
    }
    if (coverage.skipped.length > MAX_SKIPPED_SHOWN) {
        lines.push(`  …and ${coverage.skipped.length - MAX_SKIPPED_SHOWN} more skipped`);
    }
    if (coverage.incomplete) {
        lines.push(paint('red', 'WARNING: part of what was asked was NOT scanned (see above).', true));
    }
    return lines;
}
const ANSI = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 };
function painter(color) {
    return (name, text, bold = false) => color ? `\x1b[${bold && name !== 'bold' ? '1;' : ''}${ANSI[name]}m${text}\x1b[0m` : text;
}

const CLI_USAGE = `Usage: openai-key-doctor [options]

Checks the OpenAI key in $OPENAI_API_KEY (its format offline, then GET /models, which spends no tokens) and
scans the git repository you are in for committed sk- keys. Keys are only ever shown redacted.

What to scan (pick one; default: the working tree, tracked and untracked files, not ignored ones):
  --staged              the lines added by the staged changes (for a pre-commit hook)
  --range A..B          the lines added by every commit of a range (A...B: since the merge base)
  --all                 every tracked file
  --history [REF]       the lines added by every commit reachable from REF (default HEAD), each with the
                        commit that added it and whether the key is still there at REF
  --staged, --range and --history check the key only when OPENAI_API_KEY is set: a missing key never fails them.
Key check:
  --no-liveness         offline format checks only: no network at all
  --base-url URL        API root (default $OPENAI_BASE_URL, else https://api.openai.com/v1)
  --provider NAME       auto (from the host), openai, azure, azure-apim, cloudflare, litellm, openrouter, compatible
  --auth-scheme S       auto, bearer or api-key (Azure resource keys go in api-key)
  --gateway-header H    header for the gateway's own credential, read from $OPENAI_KEY_DOCTOR_GATEWAY_TOKEN
  --inference-check     one minimal billable request per required model (a fraction of a cent each), so
                        quota, billing, project model blocks and the model.request scope are checked
  --organization ID     send OpenAI-Organization (default: none)
  --project ID          send OpenAI-Project (default: none)
  --required-models L   comma separated models the key must reach
  --timeout SECONDS     per request (default 10)
Committed keys:
  --no-verify-leaks     do not check found keys live
Reports:
  --json                print a JSON report (schemaVersion 1) instead of text
  --sarif FILE          also write a SARIF 2.1.0 report to FILE (inside the current directory
                        or $RUNNER_TEMP; symbolic links are not followed)
  --fail-on LIST        key,leak,live-leak,quota,unreachable or none (default key,leak)
  --no-color            plain text even on a terminal (so does NO_COLOR=1)
  -h, --help            this help
  -v, --version         the version

Exit codes: 0 clean, 1 findings that fail the policy (--fail-on), 2 usage or runtime error.`;
/** `--history` takes an optional REF: alone (last, or before another option) it means HEAD. */
function withHistoryRef(argv) {
    return argv.map((arg, index) => arg === '--history' && (index === argv.length - 1 || argv[index + 1].startsWith('-'))
        ? '--history=HEAD'
        : arg);
}
/** The CLI names of the shared settings, for error messages. */
const FLAG_NAMES = {
    'api-key': 'OPENAI_API_KEY',
    'base-url': '--base-url (or OPENAI_BASE_URL)',
    'gateway-token': 'OPENAI_KEY_DOCTOR_GATEWAY_TOKEN'
};
/**
 * `--timeout -1` as `--timeout=-1`: parseArgs takes a value that starts with `-` for an option, and would answer
 * with its own puzzle ("argument is ambiguous") instead of the usage error every other bad value gets.
 */
function withNegativeValues(argv) {
    return argv.flatMap((arg, index) => arg === '--timeout' && /^-\d/.test(argv[index + 1] ?? '')
        ? [`--timeout=${argv[index + 1]}`]
        : index > 0 && argv[index - 1] === '--timeout' && /^-\d/.test(arg)
            ? []
            : [arg]);
}
function parseCliArgs(argv, env, isTty) {
    let parsed;
    try {
        parsed = parseArgs({
            args: withHistoryRef(withNegativeValues(argv)),
            allowPositionals: false,
            options: {
                staged: { type: 'boolean' },
                range: { type: 'string' },
                all: { type: 'boolean' },
                history: { type: 'string' },
                'no-liveness': { type: 'boolean' },
                'base-url': { type: 'string' },
                provider: { type: 'string' },
                'auth-scheme': { type: 'string' },
                'gateway-header': { type: 'string' },
                'inference-check': { type: 'boolean' },
                organization: { type: 'string' },
                project: { type: 'string' },
                'required-models': { type: 'string' },
                timeout: { type: 'string' },
                'no-verify-leaks': { type: 'boolean' },
                json: { type: 'boolean' },
                sarif: { type: 'string' },
                'fail-on': { type: 'string' },
                'no-color': { type: 'boolean' },
                help: { type: 'boolean', short: 'h' },
                version: { type: 'boolean', short: 'v' }
            }
        });
    }
    catch (error) {
        throw new InputError(error.message);
    }
    const flags = parsed.values;
    const help = flags.help ?? false;
    const version = flags.version ?? false;
    const chosen = [flags.staged, flags.range !== undefined, flags.all, flags.history !== undefined].filter(Boolean).length;
    if (chosen > 1)
        throw new InputError('Choose one of --staged, --range A..B, --history [REF] and --all.');
    if (flags.range !== undefined && !/^[^\s.][^\s]*\.\.\.?[^\s]+$/.test(flags.range)) {
        throw new InputError(`--range takes A..B (two commits or refs), got ${JSON.stringify(flags.range)}.`);
    }
    const scan = flags.staged
        ? { kind: 'staged' }
        : flags.range !== undefined
            ? { kind: 'range', range: flags.range }
            : flags.history !== undefined
                ? { kind: 'history', ref: flags.history }
                : flags.all
                    ? { kind: 'all' }
                    : { kind: 'working-tree' };
    const inputs = {
        'api-key': env.OPENAI_API_KEY ?? '',
        'base-url': flags['base-url'] ?? env.OPENAI_BASE_URL,
        provider: flags.provider,
        'auth-scheme': flags['auth-scheme'],
        'gateway-token': env.OPENAI_KEY_DOCTOR_GATEWAY_TOKEN ?? '',
        'gateway-header': flags['gateway-header'],
        'inference-check': flags['inference-check'] ? 'true' : 'false',
        organization: flags.organization,
        project: flags.project,
        liveness: flags['no-liveness'] ? 'false' : 'true',
        'required-models': flags['required-models'],
        scan: 'changed',
        'verify-leaks': flags['no-verify-leaks'] ? 'false' : 'true',
        'fail-on': flags['fail-on'],
        'sarif-file': flags.sarif,
        timeout: flags.timeout
    };
    let settings;
    try {
        // --help and --version must work whatever the environment holds.
        settings = parseSettings(name => (help || version ? '' : (inputs[name] ?? '')));
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        throw new InputError(error.message.replace(/Input '([\w-]+)'/g, (_, name) => FLAG_NAMES[name] ?? `--${name}`));
    }
    return {
        settings,
        scan,
        json: flags.json ?? false,
        sarifFile: flags.sarif ?? '',
        color: isTty && !flags['no-color'] && !env.NO_COLOR,
        scanOnly: scan.kind === 'staged' || scan.kind === 'range' || scan.kind === 'history',
        help,
        version
    };
}

const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;
/** A runtime problem the user can fix (exit 2 with this message, no stack trace). */
class CliError extends Error {
}
/** The same engine as the action, on a developer's machine: text (or JSON) report and an exit code. */
async function main(argv) {
    let options;
    try {
        options = parseCliArgs(argv, process.env, Boolean(process.stdout.isTTY));
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        process.stderr.write(`openai-key-doctor: ${error.message}\nRun \`openai-key-doctor --help\` for usage.\n`);
        return EXIT_ERROR;
    }
    if (options.help) {
        process.stdout.write(`${CLI_USAGE}\n`);
        return EXIT_CLEAN;
    }
    if (options.version) {
        process.stdout.write(`${TOOL_INFO.version}\n`);
        return EXIT_CLEAN;
    }
    const repository = await repositoryRoot(process.cwd(), options.scan);
    // On a developer's machine history is never fetched, and the fixes are for a shell.
    const context = {
        cwd: repository,
        cwdIsCheckoutRoot: true,
        fetch: false,
        tool: 'cli',
        ...SCAN_LIMITS
    };
    const source = await openScanSource(options.scan, context);
    const progress = startProgress(source, Boolean(process.stderr.isTTY) && !options.json);
    let result;
    try {
        result = await runDoctor({
            settings: options.settings,
            run: { ...buildRunContext(process.env, { name: 'local', payload: {} }), inActions: false },
            workspace: repository,
            source,
            history: () => openScanSource({ kind: 'history' }, context),
            scanOnly: options.scanOnly,
            missingKeyNeverFails: true,
            protect: () => undefined,
            onPhase: progress.phase
        });
    }
    finally {
        progress.stop();
    }
    const report = await publishReport(buildRunReport(result, {
        verifyLeaks: options.settings.verifyLeaks && options.settings.liveness,
        verifyLeaksOffReason: options.settings.liveness ? '`--no-verify-leaks`' : 'offline, `--no-liveness`',
        keyNotChecked: 'OPENAI_API_KEY is not set; this scan-only run checks the key only when it is',
        allowlist: { marker: INLINE_MARKER, file: ALLOWLIST_FILE },
        allowlistFile: ALLOWLIST_FILE,
        ...(options.sarifFile ? { sarifFile: options.sarifFile } : {})
    }), [
        ...(options.sarifFile
            ? [sarifReporter(options.sarifFile, '--sarif', writeRoots('cli', process.env, process.cwd()))]
            : []),
        options.json ? jsonReporter : textReporter(options.color)
    ], createRedactor([options.settings.apiKey, options.settings.gatewayToken], (result.leakScan?.findings ?? []).map(finding => finding.secret)));
    return exitCode(report);
}
/** 1 when the policy fails the run, 2 when an output could not be written or part of the scan could not be done. */
function exitCode(report) {
    const { reasons } = report.outcome;
    if (reasons.some(reason => !['unscanned', 'sarif-file', 'error'].includes(reason.trigger)))
        return EXIT_FINDINGS;
    // Not everything asked for was scanned or written (a git failure, an unwritable file): not a clean result.
    return reasons.length > 0 || report.coverage?.incomplete ? EXIT_ERROR : EXIT_CLEAN;
}
const jsonReporter = {
    publish(report) {
        process.stdout.write(`${JSON.stringify(buildJsonReport(report), null, 2)}\n`);
    }
};
function textReporter(color) {
    return {
        publish(report) {
            process.stdout.write(buildTextReport({ ...report, color }));
        }
    };
}
/** The repository's top level: every scan needs git, and the allow-list and repository checks live at the root. */
async function repositoryRoot(cwd, scan) {
    const flag = {
        staged: '--staged',
        range: '--range',
        history: '--history',
        all: '--all',
        'working-tree': 'the scan'
    }[scan.kind];
    try {
        const root = await checkoutRoot(cwd, 30_000);
        if (root === '')
            throw new CliError(`${flag} needs a git working tree, and ${cwd} is not in one.`);
        return root;
    }
    catch (error) {
        if (!(error instanceof GitError))
            throw error;
        if (error.kind === 'not-installed')
            throw new CliError('git is not installed or not on PATH.');
        if (error.kind === 'not-a-repository') {
            throw new CliError(`${cwd} is not inside a git repository: ${flag} needs one. Run it from your project's checkout.`);
        }
        throw new CliError(error.message);
    }
}
/** What the progress line says during each step. */
const PHASE_LABELS = {
    'checking-key': 'checking the key',
    'scan-only': 'scanning',
    scanning: 'scanning',
    verifying: 'checking found keys live',
    'searching-history': 'searching the history for the invalid key'
};
/** On a terminal, one self-updating line on stderr while a long run goes on (after half a second). */
function startProgress(source, enabled) {
    let step;
    if (!enabled)
        return { phase: () => undefined, stop: () => undefined };
    const started = Date.now();
    let shown = false;
    const timer = setInterval(() => {
        const covered = source.coverage();
        const label = step ? PHASE_LABELS[step] : 'starting';
        const commits = covered.commits > 0 ? ` ${covered.commits} commits,` : '';
        const counts = step === 'scanning' || step === 'scan-only'
            ? `${commits} ${covered.files} files, ${formatBytes(covered.bytes)}`
            : '';
        const seconds = secondsSince(started, 0);
        shown = true;
        process.stderr.write(`\r\x1b[2K${label}…${counts} (${seconds}s)`);
    }, 500);
    timer.unref();
    return {
        phase: phase => {
            step = phase.step;
        },
        stop() {
            clearInterval(timer);
            if (shown)
                process.stderr.write('\r\x1b[2K');
        }
    };
}
main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
}, (error) => {
    const key = process.env.OPENAI_API_KEY ?? '';
    const message = error instanceof RevisionRangeError
        ? `--range: ${error.message}`
        : error instanceof HistoryRefError
            ? `--history: ${error.message}`
            : error instanceof Error
                ? error.message
                : String(error);
    const known = error instanceof CliError ||
        error instanceof RevisionRangeError ||
        error instanceof HistoryRefError ||
        error instanceof GitError;
    process.stderr.write(`openai-key-doctor: ${known ? '' : 'unexpected error: '}${createRedactor([key, process.env.OPENAI_KEY_DOCTOR_GATEWAY_TOKEN ?? ''])(message)}\n`);
    process.exitCode = EXIT_ERROR;
});
