import { g as getInput, m as maskSecret, i as info, s as setFailed, w as writeSummary, a as annotationsReporter, b as summaryReporter, o as outputsReporter } from './chunks/report-Bvb-aMmJ.js';
import { k as shortSha, l as isSha, e as parseSettings, m as readGitHubEvent, f as createRedactor, o as openScanSource, g as buildRunContext, I as InputError, n as logSafe, q as buildSummary, i as buildRunReport, A as ALLOWLIST_FILE, j as INLINE_MARKER, h as publishReport, w as writeRoots } from './chunks/run-context-DfXhoXGq.js';
import { r as runDoctor, S as SCAN_LIMITS, s as sarifReporter } from './chunks/sarif-file-Br5kDr5P.js';
import { p as plural } from './chunks/words-oY8KSoOb.js';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'node:fs';
import 'node:os';
import './chunks/group-D6p1u0iz.js';
import 'node:fs/promises';
import 'node:path';
import 'node:child_process';
import './chunks/registry-DTkCHu2i.js';
import 'node:buffer';
import 'node:crypto';
import './chunks/classify-7WyjoFd8.js';

/**
 * Which commits a run must scan, decided from the event payload alone (pure, no I/O).
 *
 * Payload values are hostile: every SHA is checked by `isSha` and every branch name against a
 * conservative pattern before it can reach a git command line; anything else makes the plan say so.
 */
const ZERO_SHA_PATTERN = /^0+$/;
const OWNER_OR_REPO_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;
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
/** `scan: changed`: the commits the event brought. */
function planScanRange(event) {
    const payload = event.payload;
    const trigger = String(event.name);
    const repository = repositoryOf(payload);
    const common = { trigger, repository };
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
        const context = sourceContext(settings, workspace, createRedactor(secrets));
        const request = scanRequest(settings, event);
        const result = await runDoctor({
            settings,
            run: buildRunContext(process.env, event),
            workspace,
            source: request ? await openScanSource(request, context) : undefined,
            history: () => openScanSource({ kind: 'history' }, { ...context, fetch: false }),
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
/** What `scan` asks for: `changed` plans the range from the event payload. */
function scanRequest(settings, event) {
    if (settings.scan === 'none')
        return undefined;
    if (settings.scan !== 'changed')
        return { kind: settings.scan };
    const plan = planScanRange({ name: event.name, payload: event.payload, sha: event.sha });
    if (event.problem && plan.kind === 'unplannable') {
        return {
            kind: 'changed',
            plan: {
                ...plan,
                reason: `${event.problem}, so the commits to scan are unknown`,
                fix: 'the runner writes this file: run the job again; to scan anyway, use `scan: all`'
            }
        };
    }
    return { kind: 'changed', plan };
}
/** The action reads the workspace, may fetch missing history with the job's token, and may ask the REST API. */
function sourceContext(settings, workspace, redactText) {
    return {
        cwd: workspace,
        fetch: true,
        token: settings.githubToken || undefined,
        serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
        ...SCAN_LIMITS,
        github: { apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com' },
        log: message => info(logSafe(redactText(message)))
    };
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
            return 'The key is invalid: searching the history for it';
    }
}

await run();
