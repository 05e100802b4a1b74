import { g as getInput, m as maskSecret, i as info, s as setFailed, w as writeSummary, a as annotationsReporter, b as summaryReporter, o as outputsReporter } from './chunks/report-75iqrdjs.js';
import { l as logSafe, c as createRedactor, f as buildSummary, e as buildRunReport, A as ALLOWLIST_FILE, I as INLINE_MARKER, b as publishReport, w as writeRoots } from './chunks/safe-write-cybW-w1k.js';
import { p as parseSettings, g as readGitHubEvent, r as runDoctor, c as collectHistoryLines, S as SCAN_LIMITS, b as buildRunContext, I as InputError, h as planScanRange, e as collectChangedLines, s as sarifReporter } from './chunks/run-context-CBpXhmr8.js';
import { p as plural } from './chunks/format-C9thmpK9.js';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'node:fs';
import 'node:os';
import './chunks/openai-key-CMrVDMWO.js';
import 'node:crypto';
import './chunks/redact-D01G0adF.js';
import 'node:buffer';
import 'node:fs/promises';
import 'node:path';
import './chunks/classify-B1W-Uwoj.js';
import './chunks/git-gqzBRKGx.js';
import 'node:child_process';

/** The action's side of settings; kept apart from parseSettings so the CLI never loads @actions/core. */
/** Reads the action's inputs (INPUT_* variables) into typed, validated settings. */
function readActionSettings() {
    return parseSettings(name => getInput(name, { trimWhitespace: false }));
}

/** The action: read inputs, run the engine, report to the runner (outputs, annotations, summary, SARIF). */
async function run() {
    // Mask before anything else can print it, even before the inputs are validated.
    maskSecret(process.env['INPUT_API-KEY'] ?? '');
    maskSecret(process.env['INPUT_GATEWAY-TOKEN'] ?? '');
    try {
        const settings = readActionSettings();
        const event = readGitHubEvent(process.env);
        const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
        const secrets = [settings.apiKey, settings.gatewayToken];
        const result = await runDoctor({
            settings,
            run: buildRunContext(process.env, event),
            workspace,
            source: scanSource(settings, event, workspace, createRedactor(secrets)),
            history: () => collectHistoryLines({
                cwd: workspace,
                fetch: false,
                ...SCAN_LIMITS,
                log: message => info(logSafe(createRedactor(secrets)(message)))
            }),
            protect: maskSecret,
            onPhase: phase => info(phaseMessage(phase))
        });
        const found = (result.leakScan?.findings ?? []).map(finding => finding.secret);
        await report(settings, event, result, createRedactor(secrets, found));
    }
    catch (error) {
        const message = error instanceof InputError
            ? error.message
            : `openai-key-doctor failed unexpectedly: ${logSafe(error?.message ?? String(error))}`;
        const redactText = createRedactor([
            process.env['INPUT_API-KEY'] ?? '',
            process.env['INPUT_GATEWAY-TOKEN'] ?? ''
        ]);
        setFailed(redactText(message));
        await writeSummary(buildSummary({
            findings: [],
            verifyLeaks: false,
            outcome: { failed: true, reasons: [{ trigger: 'error', text: redactText(message) }] }
        })).catch(() => undefined);
    }
}
function scanSource(settings, event, workspace, redactText) {
    if (settings.scan === 'none')
        return undefined;
    const log = (message) => info(logSafe(redactText(message)));
    if (settings.scan === 'history') {
        return collectHistoryLines({
            cwd: workspace,
            fetch: true,
            token: settings.githubToken || undefined,
            serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
            ...SCAN_LIMITS,
            log
        });
    }
    let plan = planScanRange({ name: event.name, payload: event.payload, sha: event.sha }, settings.scan);
    if (event.problem && plan.kind === 'unplannable') {
        plan = {
            ...plan,
            reason: `${event.problem}, so the commits to scan are unknown`,
            fix: 'the runner writes this file: run the job again; to scan anyway, use `scan: all`'
        };
    }
    return collectChangedLines(plan, {
        cwd: workspace,
        fetch: true,
        token: settings.githubToken || undefined,
        serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
        ...SCAN_LIMITS,
        github: { apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com' },
        log
    });
}
async function report(settings, event, result, redactText) {
    const repository = process.env.GITHUB_REPOSITORY;
    const server = process.env.GITHUB_SERVER_URL || 'https://github.com';
    const runReport = buildRunReport(result, {
        verifyLeaks: settings.verifyLeaks && settings.liveness,
        // `liveness: false` turns off verify-leaks too: name the input the user actually set.
        verifyLeaksOffReason: settings.liveness ? '`verify-leaks: false`' : '`liveness: false`',
        links: {
            ...(repository ? { repositoryUrl: `${server}/${repository}` } : {}),
            ...(repository && process.env.GITHUB_RUN_ID
                ? { runUrl: `${server}/${repository}/actions/runs/${process.env.GITHUB_RUN_ID}` }
                : {}),
            ...(process.env.GITHUB_SHA ? { headCommit: process.env.GITHUB_SHA } : {})
        },
        allowlist: {
            marker: INLINE_MARKER,
            file: ALLOWLIST_FILE,
            pathGlob: `add a line \`path: <glob>\` to \`${ALLOWLIST_FILE}\``
        },
        allowlistFile: ALLOWLIST_FILE,
        sarifFile: settings.sarifFile || undefined,
        notes: event.problem ? [`${event.problem}: the commit range could not be read from the event.`] : []
    });
    await publishReport(runReport, [
        ...(settings.sarifFile
            ? [sarifReporter(settings.sarifFile, 'sarif-file', writeRoots('action', process.env, process.cwd()))]
            : []),
        annotationsReporter,
        summaryReporter,
        outputsReporter
    ], redactText);
}
/** The log line of each step, for the run's log. */
function phaseMessage(phase) {
    switch (phase.step) {
        case 'checking-key':
            return 'Checking the key';
        case 'scan-only':
            return 'No key: scanning only';
        case 'scanning':
            return 'Scanning for committed keys';
        case 'verifying':
            return `Verifying ${plural(phase.keys, 'found key')} live`;
        case 'searching-history':
            return 'The key is invalid: searching the whole history for it';
    }
}

await run();
