import { g as getInput, s as setFailed, i as info, c as setOutput, w as writeSummary, m as maskSecret, d as warning } from '../chunks/report-Bvb-aMmJ.js';
import path from 'node:path';
import { p as printable, J as escapeMarkdown, L as clip, n as logSafe, M as openGitHubClient, N as exhaustedRateLimit, A as ALLOWLIST_FILE, U as UnsafeWriteError, m as readGitHubEvent, O as stringAt, G as writeFileInside, w as writeRoots, P as parseList } from '../chunks/run-context-DfXhoXGq.js';
import { e as compareCodeUnits, d as secondsSince } from '../chunks/group-D6p1u0iz.js';
import { readFileSync, readdirSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { p as plural, f as formatCount } from '../chunks/words-oY8KSoOb.js';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'node:os';
import '../chunks/registry-DTkCHu2i.js';
import 'node:fs/promises';
import 'node:buffer';
import 'node:crypto';

/**
 * Fanning repositories out over the jobs of one GitHub Actions matrix: at most 256 jobs (the platform's limit per
 * matrix), so an organization with more repositories gets several per job. The jobs are balanced by repository
 * size (largest first, each to the job with the least so far; with fewer repositories on a tie), since a history scan's time grows with it.
 *
 * The matrix carries only each job's number and a label: the repository lists go in a plan file (uploaded as an
 * artifact), so the job output stays small whatever the organization's size (outputs are limited to 1 MB a job).
 */
/** GitHub Actions: "A matrix can generate a maximum of 256 jobs per workflow run." */
const MATRIX_JOB_LIMIT = 256;
/** Splits the repositories over at most `maxJobs` jobs (one each when they fit), balanced by size. */
function chunkRepositories(repositories, maxJobs) {
    if (!Number.isInteger(maxJobs) || maxJobs < 1 || maxJobs > MATRIX_JOB_LIMIT)
        throw new RangeError(`max-jobs must be a whole number from 1 to ${MATRIX_JOB_LIMIT}, not ${maxJobs}`);
    const jobCount = Math.min(maxJobs, repositories.length);
    const jobs = Array.from({ length: jobCount }, () => ({ sizeKb: 0, repositories: [] }));
    const largestFirst = [...repositories].sort((a, b) => b.sizeKb - a.sizeKb || compareCodeUnits(a.fullName, b.fullName));
    for (const repository of largestFirst) {
        let lightest = jobs[0];
        for (const job of jobs) {
            const lighter = job.sizeKb < lightest.sizeKb ||
                (job.sizeKb === lightest.sizeKb && job.repositories.length < lightest.repositories.length);
            if (lighter)
                lightest = job;
        }
        lightest.sizeKb += Math.max(0, repository.sizeKb);
        lightest.repositories.push(repository);
    }
    return jobs
        .map(job => job.repositories.map(repository => repository.fullName).sort(compareCodeUnits))
        .sort((a, b) => compareCodeUnits(a[0], b[0]));
}
function matrixOf(plan) {
    return {
        include: plan.jobs.map((repositories, index) => ({
            job: index + 1,
            label: repositories.length === 1
                ? printable(repositories[0])
                : `${printable(repositories[0])} and ${repositories.length - 1} more`
        }))
    };
}

const RESULT_SUFFIX = '.result.json';
/** The file name of the `index`th (0-based) repository of scan job `job` (1-based), unique across the sweep. */
function resultFileName(job, index) {
    return `${String(job).padStart(3, '0')}-${String(index + 1).padStart(4, '0')}${RESULT_SUFFIX}`;
}
/** From the CLI's `--json` report: fields copied one by one, so nothing else of the report can travel. */
function resultFromReport(repository, report, verified) {
    const coverage = report.coverage;
    const gaps = coverage?.incomplete
        ? coverage.skipped.map(skipped => `${skipped.what}: ${skipped.reason}`)
        : [];
    return {
        sweepResult: 1,
        repository,
        leakCount: report.leakCount,
        liveLeakCount: verified ? report.liveLeakCount : null,
        notScanned: coverage?.incomplete && gaps.length === 0 ? ['the scan was incomplete'] : gaps,
        error: null
    };
}
function failedResult(repository, error) {
    return { sweepResult: 1, repository, leakCount: null, liveLeakCount: null, notScanned: [], error };
}
function emptyRepositoryResult(repository) {
    return { sweepResult: 1, repository, leakCount: 0, liveLeakCount: 0, notScanned: [], error: null };
}

/**
 * Reading what other jobs of the sweep wrote (the plan file, the result files of the artifacts): checked field by
 * field, so a damaged file is an error that names it, not a crash or a wrong table.
 */
class SweepFileError extends Error {
}
function readPlan(file) {
    const plan = parseFile(file);
    const valid = plan?.sweepPlan === 1 &&
        typeof plan.organization === 'string' &&
        Array.isArray(plan.jobs) &&
        plan.jobs.every(job => Array.isArray(job) && job.every(name => typeof name === 'string'));
    if (!valid)
        throw new SweepFileError(`${file} is not a sweep plan (sweepPlan: 1).`);
    return plan;
}
/** Every `*.result.json` under `dir` (artifacts downloaded one folder each, or merged into one). */
function readResults(dir) {
    return resultFiles(dir).map(name => {
        const file = path.join(dir, name);
        const result = parseFile(file);
        const count = (value) => value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0);
        const valid = result?.sweepResult === 1 &&
            typeof result.repository === 'string' &&
            count(result.leakCount) &&
            count(result.liveLeakCount) &&
            Array.isArray(result.notScanned) &&
            result.notScanned.every(item => typeof item === 'string') &&
            (result.error === null || typeof result.error === 'string');
        if (!valid)
            throw new SweepFileError(`${file} is not a sweep result (sweepResult: 1).`);
        return result;
    });
}
/** None when the directory is missing: no scan job uploaded anything (each planned repository has no result). */
function resultFiles(dir) {
    try {
        return readdirSync(dir, { recursive: true, encoding: 'utf8' })
            .filter(name => name.endsWith(RESULT_SUFFIX))
            .sort();
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return [];
        throw new SweepFileError(`Could not read ${dir}: ${error.code ?? String(error)}.`);
    }
}
function parseFile(file) {
    let text;
    try {
        text = readFileSync(file, 'utf8');
    }
    catch (error) {
        throw new SweepFileError(`Could not read ${file}: ${error.code ?? String(error)}.`);
    }
    try {
        return JSON.parse(text);
    }
    catch {
        throw new SweepFileError(`${file} is not JSON.`);
    }
}

/**
 * `command: gather`: every repository of the plan with its result, in one table for the job summary: keys found,
 * live keys, and what was not scanned. Repositories that need a look come first; a repository without a result (its
 * job failed or was cancelled) is listed as such, never counted as clean. Names are escaped: they come from the API.
 */
/**
 * The runner refuses a job summary over 1 MiB: rows that would take the table past this many bytes are left out
 * (the least urgent, clean repositories first) and counted instead.
 */
const SUMMARY_BUDGET_BYTES = 900 * 1024;
const FAIL_ON = ['leak', 'live-leak', 'incomplete', 'none'];
function gatherTotals(plan, results) {
    const rows = rowsOf(plan, results);
    return {
        repositories: rows.length,
        withKeys: rows.filter(row => (row.result?.leakCount ?? 0) > 0).length,
        keys: rows.reduce((total, row) => total + (row.result?.leakCount ?? 0), 0),
        liveKeys: rows.reduce((total, row) => total + (row.result?.liveLeakCount ?? 0), 0),
        notFullyScanned: rows.filter(row => !fullyScanned(row.result)).length
    };
}
function gatherSummary(plan, results) {
    const rows = rowsOf(plan, results).sort(byAttention);
    const totals = gatherTotals(plan, results);
    const organization = escapeMarkdown(plan.organization);
    const lines = [
        `## OpenAI Key Doctor: sweep of ${organization}`,
        '',
        `${plural(totals.repositories, 'repository', 'repositories')}: ` +
            `${formatCount(totals.withKeys)} with committed keys (${plural(totals.keys, 'key')}, ${formatCount(totals.liveKeys)} live), ` +
            `${formatCount(totals.notFullyScanned)} not fully scanned.`,
        ''
    ];
    if (rows.length === 0)
        return `${lines.join('\n')}\n`;
    lines.push('| Repository | Keys found | Live keys | Not fully scanned |', '| --- | ---: | ---: | --- |');
    let bytes = Buffer.byteLength(lines.join('\n'));
    let shown = 0;
    for (const row of rows) {
        const line = tableRow(row);
        bytes += Buffer.byteLength(line) + 1;
        if (bytes > SUMMARY_BUDGET_BYTES)
            break;
        lines.push(line);
        shown++;
    }
    if (shown < rows.length)
        lines.push('', `${plural(rows.length - shown, 'more repository', 'more repositories')} left out of this table (the ` +
            'least urgent); every result is in the `okd-sweep-results-*` artifacts.');
    return `${lines.join('\n')}\n`;
}
/** Why the sweep fails under `fail-on`, one sentence each; empty when it passes. */
function failReasons(totals, failOn) {
    const reasons = [];
    if (failOn.includes('leak') && totals.keys > 0)
        reasons.push(`${plural(totals.keys, 'committed key')} found in ${plural(totals.withKeys, 'repository', 'repositories')} (fail-on: leak).`);
    if (failOn.includes('live-leak') && totals.liveKeys > 0)
        reasons.push(`${plural(totals.liveKeys, 'live committed key')} found (fail-on: live-leak).`);
    if (failOn.includes('incomplete') && totals.notFullyScanned > 0)
        reasons.push(`${plural(totals.notFullyScanned, 'repository was', 'repositories were')} not fully scanned (fail-on: incomplete).`);
    return reasons;
}
function rowsOf(plan, results) {
    const byName = new Map(results.map(result => [result.repository, result]));
    const planned = plan.jobs.flat();
    const inPlan = new Set(planned);
    const unplanned = results.filter(result => !inPlan.has(result.repository)).map(result => result.repository);
    return [...planned, ...unplanned].map(repository => ({ repository, result: byName.get(repository) }));
}
function fullyScanned(result) {
    return result !== undefined && result.error === null && result.notScanned.length === 0;
}
/** Live keys first, then keys, then gaps, then by name. */
function byAttention(a, b) {
    return ((b.result?.liveLeakCount ?? 0) - (a.result?.liveLeakCount ?? 0) ||
        (b.result?.leakCount ?? 0) - (a.result?.leakCount ?? 0) ||
        Number(fullyScanned(a.result)) - Number(fullyScanned(b.result)) ||
        compareCodeUnits(a.repository, b.repository));
}
function tableRow({ repository, result }) {
    const cells = [escapeMarkdown(repository)];
    if (result === undefined)
        cells.push('—', '—', 'no result: its scan job did not finish');
    else if (result.error !== null)
        cells.push('—', '—', `not scanned: ${escapeMarkdown(clip(result.error, 300))}`);
    else
        cells.push(formatCount(result.leakCount ?? 0), result.liveLeakCount === null ? 'not checked' : formatCount(result.liveLeakCount), result.notScanned.length === 0 ? 'no' : escapeMarkdown(clip(result.notScanned.join('; '), 300)));
    return `| ${cells.join(' | ')} |`;
}

/**
 * The repositories of an organization, from `GET /orgs/{org}/repos` (every page, 100 a page), with archived
 * repositories and forks left out unless asked for. The GitHub client (its retries and rate-limit waits included) is
 * loaded only when a listing runs.
 */
/** GitHub's rule for organization (and user) names; anything else never reaches a URL. */
const ORGANIZATION_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
class ListingError extends Error {
}
function isOrganizationName(name) {
    return ORGANIZATION_NAME.test(name);
}
async function listRepositories(options) {
    if (!isOrganizationName(options.organization))
        throw new ListingError(`"${logSafe(options.organization)}" is not an organization name (letters, digits and hyphens, at most 39).`);
    const octokit = await openGitHubClient({ token: options.token, apiUrl: options.apiUrl });
    let listed;
    try {
        listed = await octokit.paginate('GET /orgs/{org}/repos', {
            org: options.organization,
            type: 'all',
            per_page: 100
        });
    }
    catch (error) {
        throw new ListingError(describeFailure(error, options.organization));
    }
    return selectRepositories(listed, options);
}
/** Keeps what the options ask for, sorted by name; counts what was left out. */
function selectRepositories(listed, options) {
    const leftOut = { archived: 0, forks: 0 };
    const repositories = [];
    let notPublic = 0;
    for (const repository of listed) {
        if (repository.archived && !options.includeArchived)
            leftOut.archived++;
        else if (repository.fork && !options.includeForks)
            leftOut.forks++;
        else {
            repositories.push({ fullName: repository.full_name, sizeKb: repository.size ?? 0 });
            if (repository.private !== false)
                notPublic++;
        }
    }
    repositories.sort((a, b) => compareCodeUnits(a.fullName, b.fullName));
    return { repositories, leftOut, notPublic };
}
/** The API's answer in words, with what to do about it. */
function describeFailure(error, organization) {
    const failure = error;
    const said = apiMessage(failure);
    const prefix = `Could not list the repositories of ${organization}`;
    if (failure.status === 404)
        return (`${prefix}: GitHub answered 404: there is no such organization, or the token cannot see it ` +
            '(a user account is not an organization).');
    if (failure.status === 401)
        return `${prefix}: GitHub answered 401: the token was rejected (expired or revoked?).`;
    const rateLimit = exhaustedRateLimit(error);
    if (rateLimit) {
        const when = rateLimit.resetsAt ? ` until ${rateLimit.resetsAt}` : '';
        return (`${prefix}: the token's API rate limit is used up${when}. Run the sweep later, or with a GitHub App ` +
            'token (a higher limit).');
    }
    if (failure.status === 403 || failure.status === 429)
        return `${prefix}: GitHub answered ${failure.status}${said}. The token needs read access to the organization's metadata.`;
    if (failure.status)
        return `${prefix}: GitHub answered ${failure.status}${said}.`;
    return `${prefix}: ${logSafe(failure.message ?? String(error))}`;
}
function apiMessage(failure) {
    const data = failure.response?.data;
    return typeof data?.message === 'string' && data.message ? ` (${clip(logSafe(data.message), 300)})` : '';
}

/**
 * `command: plan`: lists the organization's repositories and splits them over the scan jobs. Writes the plan file
 * (each job's repositories) and sets the `matrix` output (each job's number and label) for `fromJSON()`.
 */
function buildPlan(organization, listing, maxJobs) {
    return { sweepPlan: 1, organization, jobs: chunkRepositories(listing.repositories, maxJobs) };
}
function planOutputs(plan) {
    return {
        matrix: matrixOf(plan),
        repositories: plan.jobs.reduce((total, job) => total + job.length, 0),
        jobs: plan.jobs.length
    };
}
/**
 * Why the sweep must not run where it was started, or undefined: a public repository's runs (job names, logs, job
 * summaries, artifacts) are open to anyone, and the sweep would show there which private or internal repositories
 * hold keys, in which files and commits.
 */
function publicCallerRefusal(caller, plan, listing) {
    if (caller.visibility !== 'public' || listing.notPublic === 0)
        return undefined;
    return (`${caller.fullName} is a public repository: anyone can read its runs' logs, job summaries and artifacts, ` +
        `where this sweep would show which of the ${plural(listing.notPublic, 'private or internal repository', 'private or internal repositories')} ` +
        `of ${plan.organization} hold keys, in which files and commits. Run the sweep from a private or internal repository.`);
}
/** One line for the log and the job summary: what will be scanned, in how many jobs, and what was left out. */
function describePlan(plan, listing, markdown) {
    const organization = markdown ? `**${escapeMarkdown(plan.organization)}**` : plan.organization;
    const { repositories, jobs } = planOutputs(plan);
    const most = Math.max(0, ...plan.jobs.map(job => job.length));
    const spread = repositories === 0
        ? ''
        : most === 1
            ? `, one per job in ${plural(jobs, 'job')}`
            : ` in ${plural(jobs, 'job')} of up to ${formatCount(most)} each`;
    const leftOut = [
        listing.leftOut.archived > 0
            ? `${plural(listing.leftOut.archived, 'archived repository', 'archived repositories')} (\`include-archived: true\` scans them)`
            : '',
        listing.leftOut.forks > 0
            ? `${plural(listing.leftOut.forks, 'fork')} (\`include-forks: true\` scans them)`
            : ''
    ].filter(Boolean);
    return (`Sweeping ${plural(repositories, 'repository', 'repositories')} of ${organization}${spread}.` +
        (leftOut.length > 0 ? ` Left out: ${leftOut.join(' and ')}.` : ''));
}

/**
 * `command: scan`: one scan job's repositories, one after another. Each is cloned with its whole history into
 * RUNNER_TEMP (the token goes to git in its environment, never on a command line or into the clone's config; no
 * checkout but the allow-list file: nothing of the repository runs) and scanned by this package's own CLI,
 * `openai-key-doctor --history --json --sarif`, the engine of `scan: history`. A repository that cannot be cloned or
 * scanned gets a result saying why, and the job goes on with the next.
 */
const run$1 = promisify(execFile);
/** `owner/name` as GitHub allows them; anything else is never put in a URL or a path. */
const REPOSITORY_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
/** The CLI beside this bundle: dist/cli/index.js, from dist/sweep/ or dist/chunks/ alike. */
const CLI_ENTRY = fileURLToPath(new URL('../cli/index.js', import.meta.url));
async function scanRepositories(options) {
    mkdirSync(options.resultsDir, { recursive: true });
    const results = [];
    for (const [index, repository] of options.repositories.entries()) {
        const resultFile = resultFileName(options.job, index);
        const started = Date.now();
        const result = await scanOne(repository, resultFile.slice(0, -RESULT_SUFFIX.length), options);
        writeFileSync(path.join(options.resultsDir, resultFile), `${JSON.stringify(result)}\n`);
        options.log(`${describeResult(result)} (${secondsSince(started, 1)} s)`);
        results.push(result);
    }
    return results;
}
/**
 * One line for the log: `acme/api: 2 keys found, 1 live` and what was not scanned. Made log-safe whole: what was
 * not scanned names the swept repository's own paths (a submodule's) and quotes git's messages about it.
 */
function describeResult(result) {
    if (result.error !== null)
        return logSafe(`${result.repository}: not scanned: ${result.error}`);
    const found = result.leakCount === 1 ? '1 key found' : `${result.leakCount} keys found`;
    const live = result.liveLeakCount ? `, ${result.liveLeakCount} live` : '';
    const gaps = result.notScanned.length > 0 ? `; not fully scanned: ${result.notScanned.join('; ')}` : '';
    return logSafe(`${result.repository}: ${found}${live}${gaps}`);
}
async function scanOne(repository, base, options) {
    if (!REPOSITORY_NAME.test(repository))
        return failedResult(repository, 'not a repository name');
    const clone = path.join(options.workDir, base);
    rmSync(clone, { recursive: true, force: true });
    try {
        const cloned = await cloneRepository(repository, clone, options);
        if (cloned !== null)
            return failedResult(repository, cloned);
        if (!(await hasHead(clone)))
            return emptyRepositoryResult(repository);
        await checkOutAllowlist(clone);
        const sarifFile = path.join(options.resultsDir, `${base}.sarif`);
        const scanned = await scanClone(repository, clone, sarifFile, options);
        if ('error' in scanned)
            return failedResult(repository, scanned.error);
        writeFileSync(path.join(options.resultsDir, `${base}.report.json`), `${JSON.stringify(scanned.report, null, 2)}\n`);
        if (options.uploadSarif)
            await uploadSarif(repository, clone, sarifFile, options);
        return resultFromReport(repository, scanned.report, options.verifyLeaksAt !== null);
    }
    finally {
        rmSync(clone, { recursive: true, force: true });
    }
}
/**
 * A clone whose transfer stays below 1,000 bytes/s for 60 s is aborted by git itself (http.lowSpeedLimit and
 * http.lowSpeedTime), so a server or proxy that stops sending fails that repository instead of hanging the job
 * until `timeout-minutes`. GIT_HTTP_LOW_SPEED_LIMIT and GIT_HTTP_LOW_SPEED_TIME in the step's environment win.
 */
const STALLED_TRANSFER = { GIT_HTTP_LOW_SPEED_LIMIT: '1000', GIT_HTTP_LOW_SPEED_TIME: '60' };
/**
 * Git's environment: no prompt, no LFS download, a stalled transfer aborted, and the token as an extra header for
 * the server only.
 */
function gitEnv(options) {
    const basic = Buffer.from(`x-access-token:${options.token}`).toString('base64');
    return {
        ...STALLED_TRANSFER,
        ...process.env,
        GIT_TERMINAL_PROMPT: '0',
        GIT_LFS_SKIP_SMUDGE: '1',
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: `http.${options.serverUrl.replace(/\/+$/, '')}/.extraheader`,
        GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`
    };
}
/** Null when cloned, else why not. */
async function cloneRepository(repository, clone, options) {
    const url = `${options.serverUrl.replace(/\/+$/, '')}/${repository}.git`;
    try {
        await run$1('git', ['clone', '--quiet', '--no-checkout', '--', url, clone], {
            env: gitEnv(options),
            maxBuffer: 16 * 1024 * 1024
        });
        return null;
    }
    catch (error) {
        const stderr = String(error.stderr ?? '').trim();
        const lines = stderr.split('\n').filter(Boolean);
        // The first error is the cause (`error: RPC failed; curl 28 Operation too slow...`), a fatal after it the outcome.
        const said = lines.find(line => /^(?:error|fatal):/.test(line)) ?? lines.pop() ?? String(error);
        return `git clone failed: ${clip(logSafe(said.split(options.token).join('***')), 300)}`;
    }
}
async function hasHead(clone) {
    try {
        await run$1('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: clone });
        return true;
    }
    catch {
        return false;
    }
}
/**
 * The repository's allow-list is the one file the scan reads from the working tree: only it is checked out, as a
 * plain file even when the repository has a link there (`core.symlinks=false`). No allow-list: nothing to do.
 */
async function checkOutAllowlist(clone) {
    await run$1('git', ['-c', 'core.symlinks=false', 'checkout', 'HEAD', '--', ALLOWLIST_FILE], {
        cwd: clone,
        env: { ...process.env, GIT_LFS_SKIP_SMUDGE: '1' }
    }).catch(() => undefined);
}
/** The CLI in the clone, with a clean environment: no token, no OpenAI key of the runner's. */
async function scanClone(repository, clone, sarifFile, options) {
    const args = [CLI_ENTRY, '--history', '--json', '--sarif', sarifFile, '--fail-on', 'none'];
    if (options.verifyLeaksAt === null)
        args.push('--no-verify-leaks');
    const env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        // The CLI writes --sarif only under its working directory or RUNNER_TEMP.
        RUNNER_TEMP: options.resultsDir,
        NO_COLOR: '1',
        ...(options.verifyLeaksAt !== null ? { OPENAI_BASE_URL: options.verifyLeaksAt } : {})
    };
    let stdout;
    let stderr;
    try {
        ;
        ({ stdout, stderr } = await run$1(process.execPath, args, {
            cwd: clone,
            env,
            maxBuffer: 512 * 1024 * 1024
        }));
    }
    catch (error) {
        ({ stdout = '', stderr = '' } = error);
    }
    try {
        const report = JSON.parse(stdout);
        if (report.schemaVersion === 1)
            return { report };
    }
    catch {
        // Reported below.
    }
    const last = stderr.trim().split('\n').filter(Boolean).pop() ?? 'no report';
    return { error: `the scan of ${logSafe(repository)} failed: ${clip(logSafe(last), 300)}` };
}
/**
 * POST /repos/{owner}/{repo}/code-scanning/sarifs for the default branch's head (the token needs
 * `security_events: write` on the repository). A refusal is a warning: the SARIF file stays in the artifact.
 */
async function uploadSarif(repository, clone, sarifFile, options) {
    try {
        const [{ stdout: sha }, { stdout: ref }] = await Promise.all([
            run$1('git', ['rev-parse', 'HEAD'], { cwd: clone }),
            run$1('git', ['symbolic-ref', 'HEAD'], { cwd: clone })
        ]);
        const octokit = await openGitHubClient({ token: options.token, apiUrl: options.apiUrl });
        const [owner, repo] = repository.split('/');
        await octokit.request('POST /repos/{owner}/{repo}/code-scanning/sarifs', {
            owner,
            repo,
            commit_sha: sha.trim(),
            ref: ref.trim(),
            sarif: gzipSync(readFileSync(sarifFile)).toString('base64'),
            tool_name: 'openai-key-doctor'
        });
    }
    catch (error) {
        const status = error.status;
        options.warn(`${logSafe(repository)}: the SARIF report was not uploaded to code scanning (${status ? `GitHub answered ${status}` : clip(logSafe(String(error)), 200)}); ` +
            'the token needs `security_events: write`, and code scanning must be available for the repository. The report is in the artifact.');
    }
}

/**
 * The organization sweep's steps (sweep/action.yml, run by .github/workflows/org-sweep.yml), one per `command`:
 * - `plan`: list the organization's repositories and split them over the scan jobs (matrix output, plan file);
 * - `scan`: clone and scan one job's repositories (a result file, the CLI's JSON report and SARIF for each);
 * - `gather`: one table of every repository's result in the job summary, and the `fail-on` verdict.
 * Every failure is one error annotation and a failed step, never a stack trace.
 */
class SweepInputError extends Error {
}
const runnerTemp = () => process.env.RUNNER_TEMP || path.resolve('.');
const planFile = () => getInput('plan-file') || path.join(runnerTemp(), 'okd-sweep', 'plan.json');
const resultsDirectory = () => getInput('results-directory') || path.join(runnerTemp(), 'okd-sweep', 'results');
async function plan() {
    const token = requiredToken('to list repositories');
    const organization = getInput('organization') || process.env.GITHUB_REPOSITORY_OWNER || '';
    const maxJobs = wholeNumber('max-jobs', 1, MATRIX_JOB_LIMIT, MATRIX_JOB_LIMIT);
    const listing = await listRepositories({
        organization,
        token,
        apiUrl: apiUrl(),
        includeArchived: flag('include-archived'),
        includeForks: flag('include-forks')
    });
    const sweepPlan = buildPlan(organization, listing, maxJobs);
    const { payload } = readGitHubEvent(process.env);
    const refusal = publicCallerRefusal({
        fullName: process.env.GITHUB_REPOSITORY || 'The repository this workflow runs in',
        visibility: stringAt(payload, 'repository', 'visibility')
    }, sweepPlan, listing);
    if (refusal)
        throw new SweepInputError(refusal);
    const file = writeFileInside(planFile(), `${JSON.stringify(sweepPlan, null, 2)}\n`, writeRoots('action', process.env, process.cwd()));
    const outputs = planOutputs(sweepPlan);
    info(describePlan(sweepPlan, listing, false));
    setOutput('matrix', JSON.stringify(outputs.matrix));
    setOutput('repositories', String(outputs.repositories));
    setOutput('jobs', String(outputs.jobs));
    setOutput('plan-file', file);
    await writeSummary(`## OpenAI Key Doctor: organization sweep\n\n${describePlan(sweepPlan, listing, true)}\n`);
}
async function scan() {
    const token = requiredToken('to clone repositories');
    const sweepPlan = readPlan(planFile());
    const job = wholeNumber('job', 1, sweepPlan.jobs.length, undefined);
    const resultsDir = path.resolve(resultsDirectory());
    const results = await scanRepositories({
        repositories: sweepPlan.jobs[job - 1],
        job,
        resultsDir,
        workDir: path.join(runnerTemp(), 'okd-sweep', 'clones'),
        token,
        serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
        apiUrl: apiUrl(),
        verifyLeaksAt: flag('verify-leaks') ? getInput('base-url') || 'https://api.openai.com/v1' : null,
        uploadSarif: flag('upload-sarif'),
        log: line => info(line),
        warn: line => warning(line)
    });
    setOutput('results-directory', resultsDir);
    await writeSummary(`### Sweep job ${job}\n\n${results.map(result => `- ${escapeMarkdown(describeResult(result))}`).join('\n')}\n`);
}
async function gather() {
    const sweepPlan = readPlan(planFile());
    const resultsDir = resultsDirectory();
    const failOn = parseList(getInput('fail-on') || 'none').map(item => {
        if (!FAIL_ON.includes(item))
            throw new SweepInputError(`Input fail-on takes ${FAIL_ON.join(', ')}, not "${logSafe(item)}".`);
        return item;
    });
    const results = readResults(resultsDir);
    const totals = gatherTotals(sweepPlan, results);
    await writeSummary(gatherSummary(sweepPlan, results));
    setOutput('repositories', String(totals.repositories));
    setOutput('repositories-with-keys', String(totals.withKeys));
    setOutput('keys', String(totals.keys));
    setOutput('live-keys', String(totals.liveKeys));
    setOutput('not-fully-scanned', String(totals.notFullyScanned));
    const reasons = failReasons(totals, failOn);
    if (reasons.length > 0)
        setFailed(reasons.join(' '));
    else
        info(`Sweep gathered: ${totals.repositories} repositories, ${totals.keys} keys found, ${totals.liveKeys} live.`);
}
const COMMANDS = new Map([
    ['plan', plan],
    ['scan', scan],
    ['gather', gather]
]);
function requiredToken(purpose) {
    const token = getInput('github-token');
    maskSecret(token);
    if (!token)
        throw new SweepInputError(`Input github-token is empty: the sweep needs a token ${purpose}.`);
    return token;
}
function apiUrl() {
    return process.env.GITHUB_API_URL || 'https://api.github.com';
}
function flag(name) {
    const value = getInput(name).trim().toLowerCase();
    if (value === 'true')
        return true;
    if (value === 'false')
        return false;
    throw new SweepInputError(`Input ${name} must be true or false, not "${logSafe(value)}".`);
}
function wholeNumber(name, min, max, fallback) {
    const text = getInput(name).trim();
    const value = text === '' && fallback !== undefined ? fallback : Number(text);
    if (!/^\d*$/.test(text) || !Number.isInteger(value) || value < min || value > max)
        throw new SweepInputError(`Input ${name} must be a whole number from ${min} to ${max}, not "${logSafe(text)}".`);
    return value;
}
async function run() {
    const command = getInput('command');
    try {
        const step = COMMANDS.get(command);
        if (!step)
            throw new SweepInputError(`Input command must be one of ${[...COMMANDS.keys()].join(', ')}, not "${logSafe(command)}".`);
        await step();
    }
    catch (error) {
        const known = [SweepInputError, ListingError, UnsafeWriteError, SweepFileError].some(type => error instanceof type);
        const message = error instanceof Error ? error.message : String(error);
        setFailed(logSafe(known ? message : `The sweep failed unexpectedly: ${message}`));
    }
}
await run();

export { run };
