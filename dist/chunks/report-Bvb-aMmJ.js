import * as os from 'os';
import os__default from 'os';
import * as crypto from 'crypto';
import * as fs from 'fs';
import { promises } from 'fs';
import 'path';
import { appendFileSync } from 'node:fs';
import os$1 from 'node:os';
import { n as logSafe, K as KEY_FINE_STATUSES, Q as leakCounts, L as clip, d as describeServerSaid, p as printable, C as CONFIGURED_KEY_DETECTOR_ID, q as buildSummary } from './run-context-DfXhoXGq.js';
import { g as sentence, r as repoRelativePath, s as sortFindings, b as shortCommit, h as hasLine, a as shownKey, i as livenessSentence } from './group-D6p1u0iz.js';
import { p as plural, f as formatCount } from './words-oY8KSoOb.js';

// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}

/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + os.EOL);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}

// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!fs.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    fs.appendFileSync(filePath, `${toCommandValue(message)}${os.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${os.EOL}${convertedValue}${os.EOL}${delimiter}`;
}

(undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};

(undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
const { access, appendFile, writeFile } = promises;

(undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
os__default.platform();
os__default.arch();

(undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(os.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + os.EOL);
}

/** The runner turns at most this many annotations per level per step into annotations; the rest only reach the log. */
const ANNOTATIONS_PER_LEVEL = 10;
/** Runner limits: messages are cut at 4096 characters, check-run titles at 255. */
const MAX_MESSAGE = 4000;
const MAX_TITLE = 255;
const MAX_PATH_IN_MESSAGE = 300;
const LEVEL_OF_SEVERITY = {
    critical: 'error',
    error: 'error',
    warning: 'warning'
};
/** One annotation per leak on its exact place, most severe first, capped per level, then one overflow notice. */
function planAnnotations(findings, extra = {}) {
    const used = { error: 0, warning: 0, notice: 0 };
    const capacity = (level) => ANNOTATIONS_PER_LEVEL - Math.max(0, extra.reserve?.[level] ?? 0);
    const annotations = [];
    if (extra.keyAnnotation && used[extra.keyAnnotation.level] < capacity(extra.keyAnnotation.level)) {
        annotations.push(extra.keyAnnotation);
        used[extra.keyAnnotation.level]++;
    }
    const dropped = { error: 0, warning: 0, notice: 0 };
    for (const finding of sortFindings(findings)) {
        const level = LEVEL_OF_SEVERITY[finding.severity];
        if (used[level] < capacity(level)) {
            annotations.push(annotateFinding(finding, level));
            used[level]++;
        }
        else {
            dropped[level]++;
        }
    }
    const droppedTotal = dropped.error + dropped.warning;
    if (droppedTotal === 0 || used.notice >= capacity('notice'))
        return { annotations };
    const parts = [
        dropped.error > 0 ? plural(dropped.error, 'error') : '',
        dropped.warning > 0 ? plural(dropped.warning, 'warning') : ''
    ].filter(Boolean);
    return {
        annotations,
        overflowNotice: `${plural(droppedTotal, 'more leaked key')} (${parts.join(', ')}) not annotated: GitHub shows at most ` +
            `${ANNOTATIONS_PER_LEVEL} annotations per level per step. The job summary lists every leak.`
    };
}
function annotateFinding(finding, level) {
    const file = repoRelativePath(finding.path);
    const commit = finding.commit ? ` (commit ${printable(shortCommit(finding.commit))})` : '';
    const name = finding.inFileName ? 'the file name ' : '';
    const place = finding.removed
        ? `${name}${clip(printable(file), MAX_PATH_IN_MESSAGE)}${commit} and removed ${removedBy(finding.removed)}; it stays in the history, so revoke it`
        : `${name}${clip(printable(file), MAX_PATH_IN_MESSAGE)}${hasLine(finding) ? `:${finding.line}` : ''}${commit}`;
    const message = `${printable(finding.detectorName)} ${shownKey(finding)} committed in ${place}. ` +
        livenessSentence(finding.liveness);
    const liveTag = finding.liveness === 'live' ? ' (LIVE)' : '';
    const annotation = {
        level,
        title: clip(`${committedTitle(finding)}${liveTag}`, MAX_TITLE),
        message: clip(message, MAX_MESSAGE),
        file
    };
    // A key in a file name, or one no longer in the head, has no line: a file-level annotation.
    if (!hasLine(finding))
        return annotation;
    annotation.startLine = finding.line;
    annotation.endLine = finding.line;
    if (finding.startColumn >= 1 && finding.endColumn >= finding.startColumn) {
        annotation.startColumn = finding.startColumn;
        annotation.endColumn = finding.endColumn;
    }
    return annotation;
}
/** "Committed OpenAI project key"; the workflow's own key, a sentence of its own: "The key this workflow uses (…) is committed". */
function committedTitle(finding) {
    const name = printable(finding.detectorName);
    return finding.detectorId === CONFIGURED_KEY_DETECTOR_ID ? `${name} is committed` : `Committed ${name}`;
}
function removedBy(removed) {
    return removed.commit ? `by commit ${printable(shortCommit(removed.commit))}` : 'later';
}
/** Files that could not be scanned get a warning of their own, up to this many (the summary lists them all). */
const UNSCANNED_FILE_ANNOTATIONS = 5;
/** Every annotation of an action run: the key's verdict, one per leak, the run's warnings and the failure. */
function planRunAnnotations(report) {
    const { diagnosis, coverage, outcome } = report;
    const warnings = [];
    if (coverage?.incomplete) {
        const what = coverage.skipped.map(item => `${item.what}: ${item.fix ? `${sentence(item.reason)} Fix: ${item.fix}` : item.reason}`);
        warnings.push({
            level: 'warning',
            title: 'Part of the change was not scanned for keys',
            message: logSafe(`Not scanned: ${what.slice(0, 3).join(' | ')}${what.length > 3 ? ` (and ${what.length - 3} more in the job summary)` : ''}`)
        });
    }
    // A file the scan could not read fails `fail-on: leak`: the warning sits on the file itself.
    for (const entry of (coverage?.skipped ?? [])
        .filter(item => item.unscanned)
        .slice(0, UNSCANNED_FILE_ANNOTATIONS)) {
        warnings.push({
            level: 'warning',
            title: 'File not scanned for keys',
            message: logSafe(entry.fix ? `${sentence(entry.reason)} Fix: ${entry.fix}` : entry.reason),
            file: repoRelativePath(entry.what)
        });
    }
    for (const note of report.notes)
        warnings.push({ level: 'warning', title: 'openai-key-doctor', message: logSafe(note) });
    const keyAnnotation = diagnosis ? keyVerdictAnnotation(diagnosis, outcome.failed) : undefined;
    const plan = planAnnotations(report.findings, {
        ...(keyAnnotation ? { keyAnnotation } : {}),
        reserve: { error: outcome.failed ? 1 : 0, warning: warnings.length }
    });
    return {
        ...plan,
        warnings,
        ...(outcome.failed ? { failure: failureAnnotation(report) } : {})
    };
}
/**
 * A key problem that does not fail the step still deserves a warning; a failing step carries the verdict in
 * its failure annotation instead.
 */
function keyVerdictAnnotation(diagnosis, failing) {
    if (failing || KEY_FINE_STATUSES.has(diagnosis.keyStatus))
        return undefined;
    return {
        level: 'warning',
        // The headline (in the message) names the problem: the title says the status and cause code once.
        title: `OpenAI key ${diagnosis.keyStatus} (${diagnosis.cause})`,
        message: `${sentence(diagnosis.headline)}${serverSaidSentence(diagnosis)} Fix: ${diagnosis.fix}`
    };
}
/**
 * The failure in a title that leads with what failed ("137 committed keys found, 9 live"), and a message with
 * every reason, the key's verdict only when the key is one of them.
 */
function failureAnnotation(report) {
    const { diagnosis, outcome } = report;
    const triggers = new Set(outcome.reasons.map(reason => reason.trigger));
    const counts = leakCounts(report);
    const parts = [];
    const keyFailed = triggers.has('key') || triggers.has('quota') || triggers.has('unreachable');
    if (keyFailed)
        parts.push(diagnosis ? `OpenAI key ${diagnosis.keyStatus} (${diagnosis.cause})` : 'OpenAI key');
    if (triggers.has('leak') || triggers.has('live-leak')) {
        parts.push(`${plural(counts.total, 'committed key')} found${counts.live > 0 ? `, ${formatCount(counts.live)} live` : ''}`);
    }
    if (triggers.has('unscanned'))
        parts.push('not everything could be scanned for keys');
    if (triggers.has('sarif-file'))
        parts.push('SARIF report not written');
    if (triggers.has('error'))
        parts.push('openai-key-doctor failed');
    // The title names the key's status and cause: the message adds the headline and what the server said.
    const verdict = keyFailed && diagnosis ? ` ${sentence(diagnosis.headline)}${serverSaidSentence(diagnosis)}` : '';
    return {
        level: 'error',
        title: clip(parts.join('; '), MAX_TITLE),
        message: clip(`${sentence(outcome.reasons.map(reason => reason.text).join('; '))}${verdict} See the job summary for the cause and the fix.`, MAX_MESSAGE)
    };
}
/** " The server said: HTTP 401 invalid_api_key: “…”." for verdicts that came from an answer. */
function serverSaidSentence(diagnosis) {
    return diagnosis.serverSaid ? ` The server said: ${describeServerSaid(diagnosis.serverSaid)}.` : '';
}

/** The thin adapter between the pure report builders and the runner (@actions/core, files). */
/** Each level by name, not `core[level]`: a computed member would keep all of @actions/core in the bundle. */
const ANNOTATE = { error: error, warning: warning, notice: notice };
/** One annotation; @actions/core escapes `%`, CR, LF (and `:` `,` in properties). */
function annotate(annotation) {
    const { level, message, ...properties } = annotation;
    ANNOTATE[level](message, properties);
}
/**
 * Registers secrets with the runner's masker, each with its trimmed form when that differs (empty values are
 * skipped), in one write: a scan can find thousands, and a write per `core.setSecret` costs more than the scan.
 * Escaped as @actions/core escapes command data (`%`, CR, LF).
 */
function maskSecret(secrets) {
    const forms = new Set();
    for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
        for (const form of [secret, secret.trim()])
            if (form.trim() !== '')
                forms.add(form);
    }
    if (forms.size === 0)
        return;
    const escape = (value) => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    process.stdout.write([...forms].map(form => `::add-mask::${escape(form)}${os$1.EOL}`).join(''));
}
/** Issues the planned annotations in order, then the notice of how many more the summary lists. */
function emitAnnotations(plan) {
    for (const annotation of plan.annotations)
        annotate(annotation);
    if (plan.overflowNotice)
        notice(plan.overflowNotice);
}
/**
 * Appends to $GITHUB_STEP_SUMMARY (synchronously, as the run ends, like the runner's file commands); returns
 * false (with a debug line) where there is none, e.g. locally.
 */
async function writeSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file) {
        debug('GITHUB_STEP_SUMMARY is not set: no job summary written');
        return false;
    }
    appendFileSync(file, markdown, 'utf8');
    return true;
}
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs))
        setOutput(name, String(value));
}
/** The action's annotations: the key's verdict, one per leak, the run's warnings, then the failure. */
const annotationsReporter = {
    publish(report) {
        const planned = planRunAnnotations(report);
        emitAnnotations(planned);
        for (const warning of planned.warnings)
            annotate(warning);
        if (planned.failure) {
            // What core.setFailed does, with a title on its annotation.
            annotate(planned.failure);
            process.exitCode = 1;
        }
    }
};
/** The job summary; a summary that cannot be written is a warning, not a failure. */
const summaryReporter = {
    async publish(report) {
        await writeSummary(buildSummary(report)).catch(error => warning(`Could not write the job summary: ${logSafe(String(error))}`));
    }
};
/** The action's outputs, for later steps. */
const outputsReporter = {
    publish(report) {
        const { diagnosis } = report;
        const counts = leakCounts(report);
        setOutputs({
            'key-status': diagnosis?.keyStatus ?? 'skipped',
            cause: diagnosis?.cause ?? 'none',
            'key-type': diagnosis?.keyType ?? '',
            leaks: counts.total,
            'live-leaks': counts.live,
            'sarif-file': report.sarifWritten ?? ''
        });
    }
};

export { annotationsReporter as a, summaryReporter as b, setOutput as c, warning as d, getInput as g, info as i, maskSecret as m, outputsReporter as o, setFailed as s, writeSummary as w };
