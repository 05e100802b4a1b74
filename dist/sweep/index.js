import { g as getInput, s as setFailed, m as maskSecret, i as info, c as setOutput, w as writeSummary } from '../chunks/report-Bv3GNE6E.js';
import path from 'node:path';
import { l as logSafe, t as clip, p as printable, u as escapeMarkdown, U as UnsafeWriteError, r as writeFileInside, w as writeRoots } from '../chunks/safe-write-wrRQHLmQ.js';
import { p as plural, d as formatCount } from '../chunks/format-BPM7rBNr.js';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'node:fs';
import 'node:os';
import '../chunks/openai-key-CMrVDMWO.js';
import 'node:fs/promises';
import '../chunks/redact-D01G0adF.js';
import 'node:buffer';
import 'node:crypto';
import 'node:child_process';

/**
 * The repositories of an organization, from `GET /orgs/{org}/repos` (every page, 100 a page), with archived
 * repositories and forks left out unless asked for. `@actions/github` is imported only when a listing runs.
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
    const { getOctokit } = await import('../chunks/github-COIHWwxA.js');
    const octokit = getOctokit(options.token, { baseUrl: options.apiUrl.replace(/\/+$/, '') });
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
    for (const repository of listed) {
        if (repository.archived && !options.includeArchived)
            leftOut.archived++;
        else if (repository.fork && !options.includeForks)
            leftOut.forks++;
        else
            repositories.push({ fullName: repository.full_name, sizeKb: repository.size ?? 0 });
    }
    repositories.sort((a, b) => compareNames(a.fullName, b.fullName));
    return { repositories, leftOut };
}
/** Code-unit order, the same on every machine (no locale). */
function compareNames(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** The API's answer in words, with what to do about it. */
function describeFailure(error, organization) {
    const failure = error;
    const headers = failure.response?.headers ?? {};
    const said = apiMessage(failure);
    const prefix = `Could not list the repositories of ${organization}`;
    if (failure.status === 404)
        return (`${prefix}: GitHub answered 404: there is no such organization, or the token cannot see it ` +
            '(a user account is not an organization).');
    if (failure.status === 401)
        return `${prefix}: GitHub answered 401: the token was rejected (expired or revoked?).`;
    if ((failure.status === 403 || failure.status === 429) &&
        String(headers['x-ratelimit-remaining']) === '0') {
        const reset = Number(headers['x-ratelimit-reset']);
        const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : '';
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
    const largestFirst = [...repositories].sort((a, b) => b.sizeKb - a.sizeKb || compareNames(a.fullName, b.fullName));
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
        .map(job => job.repositories.map(repository => repository.fullName).sort(compareNames))
        .sort((a, b) => compareNames(a[0], b[0]));
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
 * The organization sweep's steps (sweep/action.yml), one per `command`:
 * - `plan`: list the organization's repositories and split them over the scan jobs (matrix output, plan file).
 * Every failure is one error annotation and a failed step, never a stack trace.
 */
class SweepInputError extends Error {
}
async function plan() {
    const token = getInput('github-token');
    maskSecret(token);
    if (!token)
        throw new SweepInputError('Input github-token is empty: the sweep needs a token to list repositories.');
    const organization = getInput('organization') || process.env.GITHUB_REPOSITORY_OWNER || '';
    const maxJobs = wholeNumber('max-jobs', 1, MATRIX_JOB_LIMIT);
    const listing = await listRepositories({
        organization,
        token,
        apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
        includeArchived: flag('include-archived'),
        includeForks: flag('include-forks')
    });
    const sweepPlan = buildPlan(organization, listing, maxJobs);
    const file = writeFileInside(getInput('plan-file') || path.join(process.env.RUNNER_TEMP || '.', 'okd-sweep', 'plan.json'), `${JSON.stringify(sweepPlan, null, 2)}\n`, writeRoots('action', process.env, process.cwd()));
    const outputs = planOutputs(sweepPlan);
    info(describePlan(sweepPlan, listing, false));
    setOutput('matrix', JSON.stringify(outputs.matrix));
    setOutput('repositories', String(outputs.repositories));
    setOutput('jobs', String(outputs.jobs));
    setOutput('plan-file', file);
    await writeSummary(`## OpenAI Key Doctor: organization sweep\n\n${describePlan(sweepPlan, listing, true)}\n`);
}
const COMMANDS = new Map([['plan', plan]]);
function flag(name) {
    const value = getInput(name).trim().toLowerCase();
    if (value === '' || value === 'false')
        return false;
    if (value === 'true')
        return true;
    throw new SweepInputError(`Input ${name} must be true or false, not "${logSafe(value)}".`);
}
function wholeNumber(name, min, max) {
    const text = getInput(name).trim();
    const value = Number(text || max);
    if (!/^\d*$/.test(text) || value < min || value > max)
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
        const known = error instanceof SweepInputError || error instanceof ListingError || error instanceof UnsafeWriteError;
        setFailed(known ? error.message : `The sweep failed unexpectedly: ${logSafe(String(error))}`);
    }
}
await run();

export { run };
