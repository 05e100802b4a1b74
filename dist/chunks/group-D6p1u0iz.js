import { constants, existsSync, openSync, fstatSync, closeSync, lstatSync, realpathSync, readSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { p as plural, r as redact } from './words-oY8KSoOb.js';

/**
 * The one wrapper every git command of the tool runs through: argument arrays (never a shell), a timeout on
 * every call, no prompts, and nothing the repository itself configures that could run code or change what a
 * scan sees. The checkout's `.git` and its `.gitattributes` are data from the change under review (a cache
 * restore, an earlier step or the pull request itself can put things there), so every command runs with:
 * - no replace objects (`--no-replace-objects`, GIT_NO_REPLACE_OBJECTS) and no graft file (GIT_GRAFT_FILE
 *   pointed at nothing): `refs/replace/` or `info/grafts` could swap the commit or blob that holds a key;
 * - no file system monitor (`core.fsmonitor=false`): a repository-level hook would run on every index read;
 * - no hooks (`core.hooksPath` at a path that holds none), no automatic gc or maintenance after a fetch;
 * - no global attributes file, and for commands that print diffs (`log`, `diff`, `show`) no external diff
 *   (`--no-ext-diff`), no textconv (`--no-textconv`) and every file diffed as text (`--text`), so neither an
 *   attribute such as `-diff` or `binary` nor git's own binary guess (NUL bytes, `core.bigFileThreshold`)
 *   hides a file's lines from the scan.
 */
const DEFAULT_GIT_TIMEOUT_MS = 60_000;
const STDERR_KEEP_BYTES = 8_192;
class GitError extends Error {
    kind;
    exitCode;
    stderr;
    constructor(kind, message, exitCode, stderr) {
        super(message);
        this.kind = kind;
        this.exitCode = exitCode;
        this.stderr = stderr;
        this.name = 'GitError';
    }
}
/** Commands that print diffs: they get DIFF_FLAGS right after the command name. */
const DIFF_COMMANDS = new Set(['log', 'diff', 'show']);
const DIFF_FLAGS = ['--no-ext-diff', '--no-textconv', '--text'];
/**
 * Configuration on every command: no pager, paths printed raw (only control characters, `"` and `\` are
 * C-quoted), no signature verification or colour from the user's configuration leaking into parsed output,
 * and the hardening described at the top of this file. Later `-c` wins, so a caller cannot undo these.
 */
const WRAPPER_CONFIG = {
    'core.quotepath': 'false',
    'log.showSignature': 'false',
    'color.ui': 'false',
    'core.fsmonitor': 'false',
    'core.hooksPath': '/dev/null',
    'core.attributesFile': '/dev/null',
    'core.useReplaceRefs': 'false',
    'gc.auto': '0',
    'maintenance.auto': 'false'
};
/** The command line for `args` (the git command first, then its arguments). */
function gitArgs(args, config = {}) {
    const [command = '', ...rest] = args;
    const settings = { ...config, ...WRAPPER_CONFIG };
    return [
        '--no-pager',
        '--no-replace-objects',
        ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
        command,
        ...(DIFF_COMMANDS.has(command) ? DIFF_FLAGS : []),
        ...rest
    ];
}
/** Variables a runner or a user may have set that would change what git shows or run a program. */
const DROPPED_VARIABLES = ['GIT_EXTERNAL_DIFF', 'GIT_DIFF_OPTS', 'GIT_REPLACE_REF_BASE'];
function gitEnv(extra) {
    const env = {
        ...process.env,
        GIT_TERMINAL_PROMPT: '0',
        GCM_INTERACTIVE: 'never',
        GIT_PAGER: 'cat',
        GIT_OPTIONAL_LOCKS: '0',
        GIT_NO_REPLACE_OBJECTS: '1',
        // A path that never holds a file: `info/grafts` is ignored (replace objects are off already).
        GIT_GRAFT_FILE: '/dev/null/no-grafts',
        LC_ALL: 'C',
        ...extra
    };
    for (const name of DROPPED_VARIABLES)
        delete env[name];
    return env;
}
/** Run git to completion and return its output; throws GitError on a failure exit, a timeout or a missing git. */
async function runGit(args, options) {
    const result = await runGitBytes(args, options);
    return { ...result, stdout: result.stdout.toString('utf8') };
}
/** runGit with stdout as bytes (file contents); output past `maxStdoutBytes` is dropped. */
async function runGitBytes(args, options) {
    const stream = streamGit(args, options);
    const chunks = [];
    let size = 0;
    const limit = options.maxStdoutBytes ?? 64 * 1024 * 1024;
    for await (const chunk of stream.stdout) {
        if (size < limit)
            chunks.push(chunk);
        size += chunk.length;
    }
    const result = await stream.finished;
    return { ...result, stdout: Buffer.concat(chunks) };
}
/** Start git and expose its stdout as a stream, so arbitrarily large output never sits in memory. */
function streamGit(args, options) {
    const child = spawn('git', gitArgs(args, options.config), {
        cwd: options.cwd,
        env: gitEnv(options.env),
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true
    });
    let stderr = Buffer.alloc(0);
    let timedOut = false;
    const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
    const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
    }, timeoutMs);
    child.stderr?.on('data', (chunk) => {
        stderr = Buffer.concat([stderr, chunk]);
        if (stderr.length > STDERR_KEEP_BYTES)
            stderr = stderr.subarray(stderr.length - STDERR_KEEP_BYTES);
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
    const command = `git ${args.slice(0, 2).join(' ')}`;
    const finished = new Promise((resolve, reject) => {
        child.on('error', (error) => {
            clearTimeout(timer);
            reject(error.code === 'ENOENT'
                ? new GitError('not-installed', 'git is not installed or not on PATH', null, '')
                : new GitError('failed', `${command}: ${error.message}`, null, ''));
        });
        child.on('close', code => {
            clearTimeout(timer);
            const text = stderr.toString('utf8');
            if (timedOut) {
                reject(new GitError('timeout', `${command} did not finish within ${timeoutMs / 1000} s`, code, text));
            }
            else if (code !== null && (options.okExitCodes ?? [0]).includes(code)) {
                resolve({ exitCode: code, stdout: '', stderr: text });
            }
            else {
                reject(classify(command, code, text));
            }
        });
    });
    // Callers that only iterate stdout must not see an unhandled rejection; they await `finished` themselves.
    finished.catch(() => undefined);
    return {
        stdout: child.stdout,
        finished,
        kill: () => {
            if (child.exitCode === null && child.signalCode === null)
                child.kill('SIGKILL');
        }
    };
}
function classify(command, code, stderr) {
    if (/detected dubious ownership/i.test(stderr)) {
        return new GitError('dubious-ownership', 'git refuses to read the repository because it belongs to another user ("dubious ownership"). ' +
            'In a container job, run `git config --global --add safe.directory "$GITHUB_WORKSPACE"` before this step.', code, stderr);
    }
    if (/not a git repository/i.test(stderr)) {
        return new GitError('not-a-repository', 'not a git repository (run actions/checkout first)', code, stderr);
    }
    const firstLine = stderr.split('\n').find(line => line.trim() !== '') ?? '';
    const message = `${command} failed (exit ${code}): ${withoutUrlCredentials(firstLine.trim())}`;
    return new GitError('failed', message.trim(), code, withoutUrlCredentials(stderr));
}
/** `https://user:token@host/...` becomes `https://***@host/...`: git messages can echo remote URLs. */
function withoutUrlCredentials(text) {
    return text.replace(/\/\/[^/\s@]+@/g, '//***@');
}

/**
 * The one way anything reads a file of the checkout (the working tree a pull request controls): the tree scan,
 * the repository checks and the allow-list file. A hostile checkout (or an earlier step of the job) can put a
 * symbolic link, a FIFO or a device where a file was listed, or swap one in between a check and a read, so:
 *
 * - a name is opened with O_NOFOLLOW (a link in its last component is refused, never followed) and O_NONBLOCK
 *   (a FIFO without a writer never blocks the open or the read);
 * - the parent directories are checked to be real directories inside the checkout (one lstat per directory,
 *   remembered), so a directory swapped for a link cannot lead outside;
 * - what was opened is checked with fstat on the open descriptor, not on the name: what is read is what was
 *   checked;
 * - reads are bounded: a file is read whole only up to the caller's limit.
 *
 * Reads are synchronous: a tree is thousands of small files, and a thread-pool round trip per open, stat, read
 * and close costs more than reading a typical source file.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
/** `a//b`, `/a`, `a/`, `../a`, `a/..`: a name git would never list, so one that must not be followed. */
const EMPTY_OR_PARENT_COMPONENT = /(?:^|\/)(?:\.\.)?(?:\/|$)/;
const NOT_FOLLOWED = 'symbolic link: not followed';
const NOT_REGULAR = 'not a regular file: not read';
const OUTSIDE = 'outside the repository (through a symbolic link): not read';
class CheckoutReader {
    root;
    insideRoot = new Map();
    rootSlash;
    /** What names are opened under: nothing when the root is the working directory (shorter lookups). */
    openPrefix;
    buffer;
    /** `root`: the real path of the checkout's top directory. */
    constructor(root) {
        this.root = root;
        this.rootSlash = Buffer.concat([root, Buffer.from('/')]);
        this.openPrefix = isWorkingDirectory(root) ? Buffer.alloc(0) : this.rootSlash;
    }
    static async at(directory) {
        return new CheckoutReader(await realpath(directory, { encoding: 'buffer' }));
    }
    /**
     * Opens `relativePath` ('/'-separated, as git lists it; `name` its bytes when they are not UTF-8) if it is a
     * regular file inside the checkout: a file that is gone is `undefined`, anything else is refused with a reason.
     */
    open(relativePath, name = Buffer.from(relativePath)) {
        if (EMPTY_OR_PARENT_COMPONENT.test(relativePath) || !this.directoryInside(relativePath, name)) {
            return { reason: OUTSIDE, unreadable: false };
        }
        let descriptor;
        try {
            descriptor = openSync(this.pathOf(name), OPEN_FLAGS);
        }
        catch (error) {
            const code = error.code;
            if (code === 'ENOENT' || code === 'ENOTDIR')
                return undefined;
            if (code === 'ELOOP')
                return { reason: NOT_FOLLOWED, unreadable: false };
            // ENXIO: a socket (or a FIFO opened for writing); nothing a checkout holds as a file.
            if (code === 'ENXIO')
                return { reason: NOT_REGULAR, unreadable: false };
            return { reason: `could not be read (${code ?? 'error'})`, unreadable: true };
        }
        let size;
        try {
            const stats = fstatSync(descriptor);
            if (stats.isFile())
                size = stats.size;
        }
        catch {
            // Not knowable: treated as not a regular file.
        }
        if (size === undefined) {
            closeSync(descriptor);
            return { reason: NOT_REGULAR, unreadable: false };
        }
        return { descriptor, size };
    }
    /** The whole file if it holds at most `maxBytes` (checked on what is read, not only on the size fstat saw). */
    readWhole(relativePath, maxBytes, name) {
        const opened = this.open(relativePath, name);
        if (opened === undefined)
            return { missing: true };
        if (!isOpen(opened))
            return { refused: opened };
        try {
            if (opened.size > maxBytes)
                return { tooLarge: true, size: opened.size };
            return this.readOpen(opened, maxBytes);
        }
        finally {
            closeSync(opened.descriptor);
        }
    }
    /** The rest of an open file, whole, if it holds at most `maxBytes`; the descriptor stays open. */
    readOpen(file, maxBytes) {
        if (this.buffer === undefined || this.buffer.length < maxBytes + 1) {
            // Its pages are touched only as large files need them.
            this.buffer = Buffer.allocUnsafe(maxBytes + 1);
        }
        let length;
        try {
            // One byte more than the limit allows: a file that grew past it is caught, not cut.
            length = readFully(file.descriptor, this.buffer, maxBytes + 1, file.size);
        }
        catch (error) {
            return {
                refused: {
                    reason: `could not be read (${error.code ?? 'error'})`,
                    unreadable: true
                }
            };
        }
        if (length > maxBytes)
            return { tooLarge: true, size: Math.max(length, file.size) };
        return { bytes: this.buffer.subarray(0, length) };
    }
    pathOf(name) {
        return this.openPrefix.length === 0 ? name : Buffer.concat([this.openPrefix, name]);
    }
    /** The real directory of `name` is the checkout or inside it (no symlinked directory leads out). */
    directoryInside(relativePath, name) {
        // Keyed by the decoded path, whose slashes are the name's (decodeText never makes or takes one).
        const slash = relativePath.lastIndexOf('/');
        if (slash === -1)
            return true;
        const directoryPath = relativePath.slice(0, slash);
        let inside = this.insideRoot.get(directoryPath);
        if (inside === undefined) {
            const directory = name.subarray(0, name.lastIndexOf(0x2f));
            inside = this.directoryInside(directoryPath, directory) && this.resolvesInside(directory);
            this.insideRoot.set(directoryPath, inside);
        }
        return inside;
    }
    /**
     * `directory`, whose parents are known to be inside, is a real directory or a link to one inside the
     * checkout. One lstat per directory; realpath only for links.
     */
    resolvesInside(directory) {
        const location = this.pathOf(directory);
        try {
            if (!lstatSync(location).isSymbolicLink())
                return true;
            const real = realpathSync.native(location, { encoding: 'buffer' });
            return real.equals(this.root) || real.subarray(0, this.rootSlash.length).equals(this.rootSlash);
        }
        catch (error) {
            // A directory deleted from the working tree: its files are simply gone, as a deleted file is.
            return error.code === 'ENOENT';
        }
    }
}
function isOpen(opened) {
    return 'descriptor' in opened;
}
/**
 * Reads until `length` bytes or the end. A read that returns less than asked once the `sizeSeen` bytes fstat
 * counted are in is the end (for a regular file a read returns less only there), so a whole file costs one read,
 * not a second one to hear that nothing is left; before that, a short read only means reading on.
 */
function readFully(descriptor, into, length, sizeSeen = length) {
    let filled = 0;
    while (filled < length) {
        const read = readSync(descriptor, into, filled, length - filled, null);
        if (read === 0)
            break;
        filled += read;
        if (filled >= sizeSeen && filled < length)
            break;
    }
    return filled;
}
/**
 * The checkout's top directory. `cwd` itself when it holds `.git` (a checkout's root, as GITHUB_WORKSPACE
 * is) and no GIT_DIR/GIT_WORK_TREE points elsewhere: starting git only to hear that costs more than a tenth of
 * a small tree's scan. Throws git's GitError when `cwd` is in no repository.
 */
async function checkoutRoot(cwd, timeoutMs = DEFAULT_GIT_TIMEOUT_MS) {
    const gitDirectoryChosen = process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined;
    if (!gitDirectoryChosen && existsSync(path.join(cwd, '.git')))
        return path.resolve(cwd);
    const { stdout } = await runGit(['rev-parse', '--show-toplevel'], { cwd, timeoutMs });
    return stdout.replace(/\n$/, '');
}
function isWorkingDirectory(directory) {
    try {
        return directory.equals(Buffer.from(process.cwd()));
    }
    catch {
        return false;
    }
}

/** Orders strings by their UTF-16 code units: the same order on every machine (`localeCompare` follows the locale). */
function compareCodeUnits(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

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
/** Most severe first: critical > error > warning, then live > unknown > not verified > dead, then by place. */
function compareFindings(a, b) {
    return (SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        livenessRank(a.liveness) - livenessRank(b.liveness) ||
        compareCodeUnits(a.path, b.path) ||
        a.line - b.line ||
        a.startColumn - b.startColumn ||
        compareCodeUnits(a.commit ?? '', b.commit ?? ''));
}
function sortFindings(findings) {
    return [...findings].sort(compareFindings);
}
/** The key as it may be shown: always recomputed from the secret, so a mis-filled `redacted` cannot leak it. */
function shownKey(finding) {
    return finding.secret ? redact(finding.secret) : redact(finding.redacted);
}
/**
 * The finding has a line to point at: not a key in a file name (the file is its place), nor one added and removed
 * inside a range (the head has no line of it).
 */
function hasLine(finding) {
    return !finding.removed && !finding.inFileName;
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
/** Seconds since `started` (a `Date.now()`), with `digits` decimals: "12" or "12.3" for progress and log lines. */
function secondsSince(started, digits) {
    return ((Date.now() - started) / 1000).toFixed(digits);
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

/** `items` in groups by `keyOf`: the groups in the order their first item comes, each group in the items' order. */
function groupBy(items, keyOf) {
    const groups = new Map();
    for (const item of items) {
        const key = keyOf(item);
        const group = groups.get(key);
        if (group)
            group.push(item);
        else
            groups.set(key, [item]);
    }
    return groups;
}

export { CheckoutReader as C, DEFAULT_GIT_TIMEOUT_MS as D, GitError as G, NOT_FOLLOWED as N, shownKey as a, shortCommit as b, checkoutRoot as c, secondsSince as d, compareCodeUnits as e, formatBytes as f, sentence as g, hasLine as h, livenessSentence as i, runGit as j, streamGit as k, livenessLabel as l, runGitBytes as m, groupBy as n, isOpen as o, readFully as p, isSha as q, repoRelativePath as r, sortFindings as s };
