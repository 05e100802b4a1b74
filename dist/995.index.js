export const id = 995;
export const ids = [995];
export const modules = {

/***/ 2995:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRepoChecks: () => (/* binding */ runRepoChecks)
});

// UNUSED EXPORTS: REPO_READ_LIMITS, checkEnvVarNames, checkSdkVersions, readRepoFilesForChecks

// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/repo-checks/repo-file.ts
/** Maps character offsets of one text to 1-based line numbers. */
function lineLocator(text) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
        starts.push(i + 1);
    return offset => {
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (starts[middle] <= offset)
                low = middle;
            else
                high = middle - 1;
        }
        return low + 1;
    };
}
function baseName(path) {
    return path.slice(path.lastIndexOf('/') + 1);
}
/** '' for a file at the repository root. */
function dirName(path) {
    const slash = path.lastIndexOf('/');
    return slash === -1 ? '' : path.slice(0, slash);
}
function isWorkflowPath(path) {
    return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);
}
/** `.env`, `.env.example`, `.env.local.sample`, `example.env`, …: files that document env var names. */
function isDotenvPath(path) {
    const name = baseName(path);
    return /^\.env(\.[\w.-]+)?$/.test(name) || /^[\w.-]+\.env$/.test(name);
}
const JS_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];
function isJsPath(path) {
    return JS_EXTENSIONS.some(extension => path.endsWith(extension));
}
/** Code-point order: the same on every machine, unlike localeCompare. */
function comparePaths(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function byPathThenLine(a, b) {
    return comparePaths(a.path, b.path) || a.line - b.line;
}

;// CONCATENATED MODULE: ./src/repo-checks/read-repo.ts





const REPO_READ_LIMITS = {
    /** Source files read at most; workflows, manifests and lockfiles are few and always read. */
    maxSourceFiles: 5000,
    /** Source bytes read at most (after workflows, manifests and lockfiles): the texts are held in memory. */
    maxSourceBytes: 32 * 1024 * 1024,
    maxFileBytes: 1024 * 1024,
    /** Lockfiles of real projects often pass 1 MiB, and they are where the installed version is. */
    maxLockfileBytes: 16 * 1024 * 1024,
    /** Directory entries the fallback walk looks at before giving up on the rest. */
    maxWalkEntries: 100_000
};
const SKIPPED_DIRECTORIES = new Set([
    'node_modules',
    '.git',
    'dist',
    'vendor',
    'venv',
    '.venv',
    'site-packages',
    '__pycache__',
    '.tox'
]);
const MANIFESTS = /^(package\.json|pyproject\.toml|Pipfile|(requirements|constraints).*\.(txt|in))$/i;
const LOCKFILES = /^(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|uv\.lock|pdm\.lock|Pipfile\.lock)$/;
/** What the repo checks read a path for, or undefined when they do not need it. */
function candidateKind(path) {
    if (path.split('/').some(part => SKIPPED_DIRECTORIES.has(part)))
        return undefined;
    const name = baseName(path);
    if (LOCKFILES.test(name))
        return 'lockfile';
    if (isWorkflowPath(path) ||
        isDotenvPath(path) ||
        MANIFESTS.test(name) ||
        /(^|\/)requirements\/[^/]+\.txt$/i.test(path)) {
        return 'config';
    }
    if (isJsPath(path) || /\.(py|rb|go)$/.test(name))
        return 'source';
    return undefined;
}
/**
 * Reads the files the repo checks need from `workspace`: workflows, manifests, lockfiles, .env files and
 * source code. Lists with `git ls-files` (tracked and untracked-but-not-ignored), else a bounded walk.
 * Never follows a symlink out of the workspace; skips binary and oversized files. Source files are read in
 * listing order until `maxSourceBytes` would be passed.
 */
async function readRepoFilesForChecks(workspace, limits = REPO_READ_LIMITS) {
    const root = await (0,promises_.realpath)(workspace);
    const gitList = await listWithGit(root);
    const listing = gitList
        ? { paths: gitList, truncated: false }
        : await listWithWalk(root, limits.maxWalkEntries);
    const candidates = listing.paths.flatMap(path => {
        const kind = candidateKind(path);
        return kind ? [{ path, kind }] : [];
    });
    const sources = candidates.filter(candidate => candidate.kind === 'source');
    const skippedLarge = [];
    const files = [];
    const read = async ({ path, kind }) => {
        const limit = kind === 'lockfile' ? limits.maxLockfileBytes : limits.maxFileBytes;
        const result = await readCandidate(root, path, limit);
        if (result === 'too-large')
            skippedLarge.push(path);
        else if (result !== undefined)
            files.push({ path, text: result });
    };
    await forEachLimited(candidates.filter(candidate => candidate.kind !== 'source'), 16, read);
    // Sizes first, so the sources read are the same listing-order prefix however the reads interleave.
    const listedSources = sources.slice(0, limits.maxSourceFiles);
    const sizes = new Array(listedSources.length);
    await forEachLimited([...listedSources.keys()], 16, async (index) => {
        sizes[index] = await sizeOf(root, listedSources[index].path);
    });
    let budget = limits.maxSourceBytes;
    let withinBudget = 0;
    for (; withinBudget < listedSources.length; withinBudget++) {
        const size = sizes[withinBudget] ?? 0;
        if (size > limits.maxFileBytes)
            continue;
        if (size > budget)
            break;
        budget -= size;
    }
    await forEachLimited(listedSources.slice(0, withinBudget), 16, read);
    files.sort((a, b) => comparePaths(a.path, b.path));
    return {
        files,
        listedWith: gitList ? 'git' : 'walk',
        skippedLarge: skippedLarge.sort(comparePaths),
        hitFileLimit: listing.truncated || sources.length > limits.maxSourceFiles,
        hitByteLimit: withinBudget < listedSources.length
    };
}
async function listWithGit(root) {
    try {
        const { stdout } = await (0,external_node_util_.promisify)(external_node_child_process_.execFile)('git', [
            '-c',
            'core.fsmonitor=false',
            '-C',
            root,
            'ls-files',
            '-z',
            '--cached',
            '--others',
            '--exclude-standard'
        ], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
        return [...new Set(stdout.split('\0').filter(path => path !== ''))];
    }
    catch {
        return undefined;
    }
}
async function listWithWalk(root, maxEntries) {
    const paths = [];
    const pending = [''];
    let seen = 0;
    while (pending.length > 0) {
        const directory = pending.shift();
        let entries;
        try {
            entries = await (0,promises_.readdir)((0,external_node_path_.join)(root, directory), { withFileTypes: true });
        }
        catch {
            continue;
        }
        for (const entry of entries) {
            if (++seen > maxEntries)
                return { paths, truncated: true };
            const path = directory === '' ? entry.name : `${directory}/${entry.name}`;
            if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name))
                pending.push(path);
            else if (entry.isFile() || entry.isSymbolicLink())
                paths.push(path);
        }
    }
    return { paths, truncated: false };
}
/** The regular file `path` names inside the workspace (through a link that stays inside), and its size. */
async function locate(root, path) {
    let absolute = (0,external_node_path_.join)(root, ...path.split('/'));
    if ((await (0,promises_.lstat)(absolute)).isSymbolicLink()) {
        absolute = await (0,promises_.realpath)(absolute);
        const inside = (0,external_node_path_.relative)(root, absolute);
        if (inside === '' || inside === '..' || inside.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(inside))
            return undefined;
    }
    const info = await (0,promises_.stat)(absolute);
    return info.isFile() ? { absolute, size: info.size } : undefined;
}
async function sizeOf(root, path) {
    try {
        return (await locate(root, path))?.size;
    }
    catch {
        return undefined;
    }
}
/** The file's text; undefined for missing, binary, non-regular files and symlinks leaving the workspace. */
async function readCandidate(root, path, limit) {
    try {
        const located = await locate(root, path);
        if (!located)
            return undefined;
        const { absolute } = located;
        if (located.size > limit)
            return 'too-large';
        const content = await (0,promises_.readFile)(absolute);
        if (content.subarray(0, 8000).includes(0))
            return undefined;
        return content.toString('utf8');
    }
    catch {
        return undefined;
    }
}
async function forEachLimited(items, concurrency, work) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await work(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

;// CONCATENATED MODULE: ./src/repo-checks/version-ranges.ts
/** Just enough of npm semver ranges and PEP 440 / Poetry specifiers to tell "can only install an old major". */
function compareVersions(a, b) {
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
function formatVersion(version) {
    return version.join('.');
}
/** The release numbers a lockfile records: `3.3.0`, `4.20.0(zod@3.22.4)`, `0.28.1`. */
function leadingVersion(text) {
    const match = /^\s*(?:==)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
    return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}
/** True when nothing the spec allows reaches `threshold`. */
function onlyBelow(ceiling, threshold) {
    if (ceiling.kind !== 'bounded')
        return false;
    const order = compareVersions(ceiling.version, threshold);
    return order < 0 || (order === 0 && !ceiling.inclusive);
}
const OPERATOR = /^(~=|~>|===|==|!=|>=|<=|\^|~|=|>|<)?(.*)$/;
function ceilingOf(spec, dialect) {
    const text = spec.trim();
    if (text === '' || text === '*' || /^latest$/i.test(text))
        return { kind: 'open' };
    const alternatives = text.split('||').map(alternative => ceilingOfAll(alternative, dialect));
    if (alternatives.some(ceiling => ceiling.kind === 'unknown'))
        return { kind: 'unknown' };
    if (alternatives.some(ceiling => ceiling.kind === 'open'))
        return { kind: 'open' };
    return alternatives.reduce((highest, ceiling) => (higher(ceiling, highest) ? ceiling : highest));
}
function higher(a, b) {
    if (a.kind !== 'bounded' || b.kind !== 'bounded')
        return false;
    const order = compareVersions(a.version, b.version);
    return order > 0 || (order === 0 && a.inclusive && !b.inclusive);
}
/** One comparator set: every comparator must hold, so the lowest ceiling wins. */
function ceilingOfAll(alternative, dialect) {
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alternative);
    const tokens = hyphen
        ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`]
        : alternative
            .replace(/(~=|~>|===|==|!=|>=|<=|\^|~|=|>|<)\s+/g, '$1')
            .split(/[\s,]+/)
            .filter(token => token !== '');
    if (tokens.length === 0)
        return { kind: 'unknown' };
    let lowest = { kind: 'open' };
    for (const token of tokens) {
        const ceiling = ceilingOfComparator(token, dialect);
        if (ceiling.kind === 'unknown')
            return ceiling;
        if (ceiling.kind === 'bounded' && (lowest.kind === 'open' || higher(lowest, ceiling)))
            lowest = ceiling;
    }
    if (lowest.kind === 'bounded' && tokens.length > 1)
        return { ...lowest, exact: false };
    return lowest;
}
function partsOf(text) {
    const match = /^v?((?:\d+|[xX*])(?:\.(?:\d+|[xX*]))*)(?:[-+_]?[A-Za-z][\w.+-]*|[-+][\w.+-]*)?$/.exec(text);
    if (!match)
        return undefined;
    const numbers = [];
    let wildcard = false;
    for (const part of match[1].split('.')) {
        if (/^\d+$/.test(part) && !wildcard)
            numbers.push(Number(part));
        else
            wildcard = true;
    }
    return { numbers, wildcard };
}
function padded(numbers) {
    return [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0];
}
/** The first version past `numbers` at position `index`: bump(…[0, 28], 1) = 0.29.0. */
function bumped(numbers, index) {
    const version = padded(numbers.slice(0, index + 1).map((value, i) => (i === index ? value + 1 : value)));
    return { kind: 'bounded', version, inclusive: false, exact: false };
}
function ceilingOfComparator(token, dialect) {
    const [, operator = '', versionText] = OPERATOR.exec(token);
    const parts = partsOf(versionText);
    if (!parts)
        return { kind: 'unknown' };
    const { numbers, wildcard } = parts;
    const partial = wildcard || numbers.length < 3;
    switch (operator) {
        case '>':
        case '>=':
        case '!=':
            return { kind: 'open' };
        case '<':
            return { kind: 'bounded', version: padded(numbers), inclusive: false, exact: false };
        case '<=':
            if (dialect === 'npm' && partial && numbers.length > 0)
                return bumped(numbers, numbers.length - 1);
            return { kind: 'bounded', version: padded(numbers), inclusive: true, exact: false };
        case '^': {
            if (numbers.length === 0)
                return { kind: 'open' };
            const index = numbers[0] > 0 || numbers.length === 1 ? 0 : numbers[1] > 0 || numbers.length === 2 ? 1 : 2;
            return bumped(numbers, index);
        }
        case '~':
        case '~>':
            if (numbers.length === 0)
                return { kind: 'open' };
            return bumped(numbers, numbers.length >= 2 ? 1 : 0);
        case '~=':
            return numbers.length >= 2 ? bumped(numbers, numbers.length - 2) : { kind: 'unknown' };
        default:
            if (numbers.length === 0)
                return { kind: 'open' };
            if (wildcard || (dialect === 'npm' && partial))
                return bumped(numbers, numbers.length - 1);
            return { kind: 'bounded', version: padded(numbers), inclusive: true, exact: true };
    }
}

;// CONCATENATED MODULE: ./src/repo-checks/sdk-versions.ts


const SDKS = {
    node: {
        current: [4, 0, 0],
        dialect: 'npm',
        generation: 'openai-node v3 (`Configuration`/`OpenAIApi`, removed in v4): it predates project keys, cannot send ' +
            'the OpenAI-Project header, and hides the 401 body in error.response.data',
        upgrade: 'upgrade to openai@^4 or later; replace `new OpenAIApi(new Configuration({ apiKey }))` with `new OpenAI({ apiKey })`'
    },
    python: {
        current: [1, 0, 0],
        dialect: 'python',
        generation: 'openai-python 0.x (`openai.ChatCompletion`, `openai.error`, removed in 1.0): it predates project keys, ' +
            'cannot send the OpenAI-Project header, and code written for it fails on 1.x before any request',
        upgrade: 'upgrade to openai>=1.0 (run `openai migrate` to rewrite 0.x calls)'
    }
};
/**
 * OpenAI SDK versions (in manifests and lockfiles) that predate project keys or use removed APIs, and code
 * written for those APIs, each with the upgrade path. Versions come first (they are what to change, and a
 * checklist row shows only the first few), then the code, each part by path and line. Pure: reads nothing.
 */
function checkSdkVersions(files) {
    const requirements = files.flatMap(requirementsIn);
    const locked = files.flatMap(file => lockedIn(file, requirements));
    const evidence = [];
    for (const requirement of requirements) {
        const sdk = SDKS[requirement.ecosystem];
        const ceiling = ceilingOf(requirement.spec, sdk.dialect);
        if (ceiling.kind === 'bounded' && onlyBelow(ceiling, sdk.current)) {
            evidence.push({
                path: requirement.path,
                line: requirement.line,
                message: requirementMessage(requirement, ceiling)
            });
        }
    }
    for (const entry of locked) {
        const sdk = SDKS[entry.ecosystem];
        if (compareVersions(entry.version, sdk.current) >= 0)
            continue;
        const manifest = requirements.find(requirement => requirement.ecosystem === entry.ecosystem && dirName(requirement.path) === dirName(entry.path));
        evidence.push({ path: entry.path, line: entry.line, message: lockedMessage(entry, manifest) });
    }
    const codeUses = files.flatMap(removedApiUses);
    return [...evidence.sort(byPathThenLine), ...codeUses.sort(byPathThenLine)];
}
function requirementMessage(requirement, ceiling) {
    const sdk = SDKS[requirement.ecosystem];
    const what = ceiling.exact
        ? `pins openai ${formatVersion(ceiling.version)}`
        : `requires openai \`${requirement.spec.trim()}\`, which allows only versions ` +
            `${ceiling.inclusive ? 'up to' : 'below'} ${formatVersion(ceiling.version)}`;
    return `${baseName(requirement.path)} ${what}: that is ${sdk.generation}. Fix: ${sdk.upgrade}.`;
}
function lockedMessage(entry, manifest) {
    const sdk = SDKS[entry.ecosystem];
    const allowsNewer = manifest !== undefined && !onlyBelow(ceilingOf(manifest.spec, sdk.dialect), sdk.current)
        ? ` although ${baseName(manifest.path)} allows \`${manifest.spec.trim()}\` (the lockfile decides what is installed)`
        : '';
    return (`${baseName(entry.path)} installs openai ${formatVersion(entry.version)}${allowsNewer}: that is ` +
        `${sdk.generation}. Fix: ${sdk.upgrade}, then regenerate the lockfile.`);
}
// ---------------------------------------------------------------- manifests
function requirementsIn(file) {
    const name = baseName(file.path);
    if (name === 'package.json')
        return packageJsonRequirements(file);
    if (/^(requirements|constraints).*\.(txt|in)$/i.test(name) ||
        /(^|\/)requirements\/[^/]+\.txt$/i.test(file.path)) {
        return requirementsTxt(file);
    }
    if (name === 'pyproject.toml')
        return tomlRequirements(file, isPoetryDependencyTable, true);
    if (name === 'Pipfile')
        return tomlRequirements(file, section => /^(dev-)?packages$/.test(section), false);
    return [];
}
function packageJsonRequirements(file) {
    const lineOf = lineLocator(file.text);
    const requirements = [];
    for (const match of file.text.matchAll(/"openai"\s*:\s*"([^"]*)"|"[^"]+"\s*:\s*"npm:openai@([^"]*)"/g)) {
        const spec = match[1] ?? match[2];
        requirements.push({ ecosystem: 'node', path: file.path, line: lineOf(match.index), spec });
    }
    return requirements;
}
/** `openai==0.28.1`, `openai[datalib]>=0.27,<1 ; python_version >= "3.8"`; not openai-whisper or langchain-openai. */
const PEP_508_OPENAI = /^\s*openai(?![\w.-])\s*(?:\[[^\]]*\])?\s*([^;#]*)/i;
function pep508Spec(requirement) {
    const match = PEP_508_OPENAI.exec(requirement);
    if (!match)
        return undefined;
    const spec = match[1]
        .replace(/\s--.*$/, '')
        .replace(/\\\s*$/, '')
        .trim();
    return spec === '' || /^[<>=!~^]/.test(spec) ? spec : undefined;
}
function requirementsTxt(file) {
    const requirements = [];
    file.text.split('\n').forEach((line, index) => {
        const spec = pep508Spec(line.replace(/\s+#.*$/, ''));
        if (spec !== undefined)
            requirements.push({ ecosystem: 'python', path: file.path, line: index + 1, spec });
    });
    return requirements;
}
function isPoetryDependencyTable(section) {
    return /^tool\.poetry\.((dev-)?dependencies|group\.[^.]+\.dependencies)$/.test(section);
}
/**
 * A line scan of TOML, enough for dependency declarations: `openai = "^0.28"` and `openai = { version = "…" }`
 * in dependency tables, `[… .dependencies.openai]` sub-tables, and (pyproject) PEP 508 strings anywhere,
 * which covers `[project] dependencies`, optional dependencies, dependency groups and tool-specific lists.
 */
function tomlRequirements(file, isDependencyTable, acceptPep508Strings) {
    const requirements = [];
    let section = '';
    file.text.split('\n').forEach((line, index) => {
        const add = (spec) => {
            requirements.push({ ecosystem: 'python', path: file.path, line: index + 1, spec });
        };
        const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/.exec(line);
        if (header) {
            section = header[1].replace(/["'\s]/g, '');
            return;
        }
        const tableVersion = /^\s*version\s*=\s*["']([^"']*)["']/.exec(line);
        if (tableVersion && /\.openai$/.test(section) && isDependencyTable(section.slice(0, -'.openai'.length))) {
            add(tableVersion[1]);
            return;
        }
        const entry = /^\s*["']?openai["']?\s*=\s*(.*)$/i.exec(line);
        if (entry && isDependencyTable(section)) {
            const value = /^["']([^"']*)["']/.exec(entry[1]) ?? /\bversion\s*=\s*["']([^"']*)["']/.exec(entry[1]);
            if (value)
                add(value[1]);
            return;
        }
        if (!acceptPep508Strings)
            return;
        for (const quoted of line.matchAll(/(["'])((?:(?!\1).)*)\1/g)) {
            const spec = pep508Spec(quoted[2]);
            if (spec !== undefined && !/^\s*openai\s*=/i.test(line))
                add(spec);
        }
    });
    return requirements;
}
// ---------------------------------------------------------------- lockfiles
function lockedIn(file, requirements) {
    const name = baseName(file.path);
    if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json')
        return npmLock(file);
    if (name === 'yarn.lock')
        return yarnLock(file, requirements);
    if (name === 'pnpm-lock.yaml')
        return pnpmLock(file);
    if (name === 'poetry.lock' || name === 'uv.lock' || name === 'pdm.lock')
        return packageTableLock(file);
    if (name === 'Pipfile.lock')
        return pipfileLock(file);
    return [];
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function versionField(value) {
    const version = value?.version;
    return typeof version === 'string' ? version : undefined;
}
/** The line of the `"version"` that follows the first match of `key`, so the annotation sits on the version. */
function versionLineAfter(text, key, lineOf) {
    const keyMatch = key.exec(text);
    if (!keyMatch)
        return 1;
    const version = /"version"\s*:/g;
    version.lastIndex = keyMatch.index;
    const match = version.exec(text);
    return lineOf(match ? match.index : keyMatch.index);
}
/** package-lock v1 (`dependencies.openai`), v2 and v3 (`packages["node_modules/openai"]`): the top-level copy only. */
function npmLock(file) {
    const lock = parseJson(file.text);
    const fromPackages = versionField(lock?.packages?.['node_modules/openai']);
    const text = fromPackages ?? versionField(lock?.dependencies?.openai);
    const version = text === undefined ? undefined : leadingVersion(text);
    if (!version)
        return [];
    // v1 nests copies under other packages; the top-level entry sits at the standard four-space indent.
    const key = fromPackages !== undefined ? /"node_modules\/openai"\s*:\s*\{/ : /^ {4}"openai"\s*:\s*\{/m;
    return [
        {
            ecosystem: 'node',
            path: file.path,
            line: versionLineAfter(file.text, key, lineLocator(file.text)),
            version
        }
    ];
}
/**
 * yarn.lock v1 (`openai@^3.2.1:` … `version "3.3.0"`) and berry (`"openai@npm:^3.2.1":` … `version: 3.3.0`).
 * When package.json next to it names a range, only the entry resolving that range is the app's own copy.
 */
function yarnLock(file, requirements) {
    const lines = file.text.split('\n');
    const entries = [];
    let descriptors;
    lines.forEach((line, index) => {
        if (/^\S.*:\s*$/.test(line) && !line.startsWith('#')) {
            const list = line
                .replace(/:\s*$/, '')
                .split(',')
                .map(part => part.trim().replace(/^["']|["']$/g, ''));
            descriptors = list.some(descriptor => descriptor.startsWith('openai@')) ? list : undefined;
            return;
        }
        const version = /^\s+version:?\s+["']?([^"'\s]+)/.exec(line);
        const parsed = version ? leadingVersion(version[1]) : undefined;
        if (descriptors && parsed) {
            entries.push({ descriptors, line: index + 1, version: parsed });
            descriptors = undefined;
        }
    });
    const ranges = requirements
        .filter(requirement => requirement.ecosystem === 'node' && dirName(requirement.path) === dirName(file.path))
        .map(requirement => requirement.spec.trim());
    const own = entries.filter(entry => entry.descriptors.some(descriptor => ranges.some(range => [`openai@${range}`, `openai@npm:${range}`].includes(descriptor))));
    return (own.length > 0 ? own : entries).map(entry => ({
        ecosystem: 'node',
        path: file.path,
        line: entry.line,
        version: entry.version
    }));
}
/**
 * pnpm-lock.yaml, any lockfile version: direct dependencies only (top-level `dependencies:` of v5 single-project
 * locks, `importers.<dir>.dependencies` of workspace and v6+ locks), as `openai: 3.3.0` or `openai: {version: …}`.
 */
function pnpmLock(file) {
    const lines = file.text.split('\n');
    const locked = [];
    const stack = [];
    lines.forEach((line, index) => {
        const entry = /^(\s*)(['"]?)([^'":#\s][^'":]*)\2:(?:\s+(.*))?$/.exec(line);
        if (!entry)
            return;
        const indent = entry[1].length;
        while (stack.length > 0 && stack[stack.length - 1].indent >= indent)
            stack.pop();
        const path = stack.map(item => item.key);
        const key = entry[3];
        stack.push({ indent, key });
        const directDependencies = /^(dependencies|devDependencies|optionalDependencies)$/.test(path[path.length - 1] ?? '') &&
            (path.length === 1 || (path.length === 3 && path[0] === 'importers'));
        if (key !== 'openai' || !directDependencies)
            return;
        const inline = entry[4]?.trim();
        if (inline) {
            const version = leadingVersion(inline.replace(/^\{\s*specifier:[^,]*,\s*version:\s*/, ''));
            if (version)
                locked.push({ ecosystem: 'node', path: file.path, line: index + 1, version });
            return;
        }
        for (let next = index + 1; next < lines.length; next++) {
            const child = /^(\s*)version:\s*['"]?([^'"\s]+)/.exec(lines[next]);
            const childIndent = /^\s*/.exec(lines[next])?.[0].length ?? 0;
            if (lines[next].trim() !== '' && childIndent <= indent)
                break;
            const version = child ? leadingVersion(child[2]) : undefined;
            if (version) {
                locked.push({ ecosystem: 'node', path: file.path, line: next + 1, version });
                break;
            }
        }
    });
    return locked;
}
/** poetry.lock, uv.lock, pdm.lock: `[[package]]` tables with `name = "openai"` and `version = "0.27.8"`. */
function packageTableLock(file) {
    const locked = [];
    let inPackage = false;
    let isOpenAI = false;
    let versionAt;
    const finish = () => {
        if (isOpenAI && versionAt)
            locked.push({ ecosystem: 'python', path: file.path, ...versionAt });
    };
    file.text.split('\n').forEach((line, index) => {
        if (/^\s*\[/.test(line)) {
            if (inPackage)
                finish();
            inPackage = /^\s*\[\[\s*package\s*\]\]/.test(line);
            isOpenAI = false;
            versionAt = undefined;
            return;
        }
        if (!inPackage)
            return;
        const name = /^\s*name\s*=\s*["']([^"']+)["']/.exec(line);
        if (name)
            isOpenAI = name[1].toLowerCase() === 'openai';
        const version = /^\s*version\s*=\s*["']([^"']+)["']/.exec(line);
        const parsed = version ? leadingVersion(version[1]) : undefined;
        if (parsed)
            versionAt = { line: index + 1, version: parsed };
    });
    if (inPackage)
        finish();
    return locked;
}
function pipfileLock(file) {
    const lock = parseJson(file.text);
    const text = versionField(lock?.default?.openai) ?? versionField(lock?.develop?.openai);
    const version = text === undefined ? undefined : leadingVersion(text);
    if (!version)
        return [];
    const line = versionLineAfter(file.text, /"openai"\s*:\s*\{/, lineLocator(file.text));
    return [{ ecosystem: 'python', path: file.path, line, version }];
}
// ---------------------------------------------------------------- code written for removed APIs
const NODE_V3_NAMES_GLOBAL = /\b(OpenAIApi|Configuration)\b/g;
const PYTHON_0X_CALL = /\bopenai\.(ChatCompletion|Completion|Embedding|Edit|Image|Moderation|Audio|FineTune|Engine)\.(\w+)\s*\(/;
/** Where the 0.x module-level resources live on a 1.x client. */
const CLIENT_RESOURCES = {
    ChatCompletion: 'chat.completions',
    Completion: 'completions',
    Embedding: 'embeddings',
    Edit: 'chat.completions',
    Image: 'images',
    Moderation: 'moderations',
    Audio: 'audio',
    FineTune: 'fine_tuning.jobs',
    Engine: 'models'
};
function removedApiUses(file) {
    if (isJsPath(file.path))
        return nodeV3Uses(file);
    if (file.path.endsWith('.py'))
        return python0xUses(file);
    return [];
}
/**
 * False for text that only talks about the API: a comment, or a string (an odd number of quotes of one kind
 * before it on its line), so error messages and test fixtures that quote 0.x / v3 calls are not flagged.
 */
function isCode(line, column, commentStart) {
    const before = line.slice(0, column);
    if (commentStart.test(before))
        return false;
    return ['"', "'", '`'].every(quote => before.split(quote).length % 2 === 1);
}
const JS_COMMENT = /^\s*(\/\/|\/?\*)|\s\/\/\s/;
const PYTHON_COMMENT = /#/;
function nodeV3Uses(file) {
    if (!/(?:\bfrom\s*|\brequire\(\s*)['"]openai['"]/.test(file.text))
        return [];
    const fix = SDKS.node.upgrade;
    const lines = file.text.split('\n');
    const lineOf = lineLocator(file.text);
    const evidence = [];
    const imports = /\bimport\s*(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*['"]openai['"]|\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*['"]openai['"]\s*\)/g;
    for (const match of file.text.matchAll(imports)) {
        const names = [...(match[1] ?? match[2]).matchAll(NODE_V3_NAMES_GLOBAL)].map(name => `\`${name[1]}\``);
        const line = lineOf(match.index);
        const column = match.index - file.text.lastIndexOf('\n', match.index - 1) - 1;
        if (names.length === 0 || !isCode(lines[line - 1], column, JS_COMMENT))
            continue;
        evidence.push({
            path: file.path,
            line,
            message: `Imports ${names.join(' and ')} from 'openai': these exist only in openai-node v3 (removed in v4). Fix: ${fix}.`
        });
    }
    const configurationIsV3 = importsV3Configuration(file.text);
    lines.forEach((line, index) => {
        const constructed = [
            ...line.matchAll(/\bnew\s+(?:[\w$]+\s*\.\s*)?(OpenAIApi|Configuration)\s*\(/g)
        ].filter(match => (match[1] === 'OpenAIApi' || configurationIsV3) && isCode(line, match.index, JS_COMMENT));
        if (constructed.length === 0)
            return;
        const calls = constructed.map(match => `\`new ${match[1]}(\``).join(' and ');
        evidence.push({
            path: file.path,
            line: index + 1,
            message: `${calls} ${constructed.length > 1 ? 'are' : 'is'} the openai-node v3 client (removed in v4). Fix: ${fix}.`
        });
    });
    return evidence;
}
/** `Configuration` is a common class name; it is the v3 one only when it comes from 'openai'. */
function importsV3Configuration(text) {
    return /\{[^}]*\bConfiguration\b[^}]*\}\s*(?:from\s*|=\s*require\(\s*)['"]openai['"]/.test(text);
}
function python0xUses(file) {
    if (!/^\s*(?:import\s+openai\b|from\s+openai\b)/m.test(file.text))
        return [];
    const evidence = [];
    const fix = SDKS.python.upgrade;
    file.text.split('\n').forEach((line, index) => {
        const call = PYTHON_0X_CALL.exec(line);
        const errorModule = /\bopenai\.error\b|^\s*from\s+openai\s+import\s+.*\berror\b/.exec(line);
        if (call && isCode(line, call.index, PYTHON_COMMENT)) {
            evidence.push({
                path: file.path,
                line: index + 1,
                message: `\`openai.${call[1]}.${call[2]}\` is the openai-python 0.x API, removed in 1.0 (on openai>=1.0 it raises ` +
                    `APIRemovedInV1 before any request). Fix: ${fix}; in 1.x this lives on a client: ` +
                    `\`OpenAI().${CLIENT_RESOURCES[call[1]]}\`.`
            });
        }
        else if (errorModule && isCode(line, errorModule.index, PYTHON_COMMENT)) {
            evidence.push({
                path: file.path,
                line: index + 1,
                message: "`openai.error` exists only in openai-python 0.x (on 1.x this line fails with \"module 'openai' has no " +
                    `attribute 'error'"); 1.x raises \`openai.AuthenticationError\` for a 401. Fix: ${fix}.`
            });
        }
    });
    return evidence;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/repo-checks/env-reads.ts

const JS_PATTERNS = [
    { regex: /\bprocess\.env\.([A-Za-z_$][\w$]*)/g, group: 1, render: name => `process.env.${name}` },
    {
        regex: /\bprocess\.env\[\s*(['"`])([^'"`\n]*?)\1\s*\]/g,
        group: 2,
        render: name => `process.env[${JSON.stringify(name)}]`
    },
    { regex: /\bimport\.meta\.env\.([A-Za-z_$][\w$]*)/g, group: 1, render: name => `import.meta.env.${name}` },
    {
        regex: /\bimport\.meta\.env\[\s*(['"`])([^'"`\n]*?)\1\s*\]/g,
        group: 2,
        render: name => `import.meta.env[${JSON.stringify(name)}]`
    },
    {
        regex: /\bDeno\.env\.get\(\s*(['"`])([^'"`\n]*?)\1/g,
        group: 2,
        render: name => `Deno.env.get(${JSON.stringify(name)})`
    },
    { regex: /\bBun\.env\.([A-Za-z_$][\w$]*)/g, group: 1, render: name => `Bun.env.${name}` }
];
const PYTHON_PATTERNS = [
    {
        regex: /(?<![\w.])(os\s*\.\s*)?(getenv\s*\(|environ\s*\.\s*get\s*\(|environ\s*\[)\s*(['"])([^'"\n]*?)\3/g,
        group: 4,
        render: (name, match) => pythonHow(match, name)
    }
];
const RUBY_PATTERNS = [
    { regex: /\bENV\s*\[\s*(['"])([^'"\n]*?)\1/g, group: 2, render: name => `ENV[${JSON.stringify(name)}]` },
    {
        regex: /\bENV\.fetch\(\s*(['"])([^'"\n]*?)\1/g,
        group: 2,
        render: name => `ENV.fetch(${JSON.stringify(name)})`
    }
];
const GO_PATTERNS = [
    {
        regex: /\bos\.(Getenv|LookupEnv)\(\s*"([^"\n]*)"/g,
        group: 2,
        render: (name, match) => `os.${match[1]}(${JSON.stringify(name)})`
    }
];
/** Words that, earlier on the same line, mark a read as the value handed to an OpenAI client as its key. */
const KEY_ARGUMENT = /\b(apiKey|api_key|access_token|WithAPIKey|APIKey)\b/g;
/** Every env var the file reads, with the names the official OpenAI SDKs read when none is given. */
function findEnvReads(file) {
    const patterns = patternsFor(file.path);
    if (patterns.length === 0)
        return [];
    const lineOf = lineLocator(file.text);
    const mentionsOpenAI = /openai/i.test(file.text);
    const reads = [];
    const add = (name, offset, how) => {
        const forOpenAIClient = mentionsOpenAI && isKeyArgument(file.text, offset);
        reads.push({ name, path: file.path, line: lineOf(offset), how, forOpenAIClient });
    };
    for (const pattern of patterns) {
        for (const match of file.text.matchAll(pattern.regex)) {
            const name = match[pattern.group];
            add(name, match.index, pattern.render(name, match));
        }
    }
    if (isJsPath(file.path)) {
        for (const match of file.text.matchAll(/\{([^{}]*)\}\s*=\s*process\.env\b/g)) {
            for (const entry of match[1].matchAll(/(?:^|,)\s*([A-Za-z_$][\w$]*)/g)) {
                add(entry[1], match.index + 1 + entry.index, `{ ${entry[1]} } = process.env`);
            }
        }
        reads.push(...jsSdkDefaults(file, lineOf));
    }
    else if (file.path.endsWith('.py')) {
        reads.push(...pythonSdkDefaults(file, lineOf));
    }
    return reads;
}
function patternsFor(path) {
    if (isJsPath(path))
        return JS_PATTERNS;
    if (path.endsWith('.py'))
        return PYTHON_PATTERNS;
    if (path.endsWith('.rb'))
        return RUBY_PATTERNS;
    if (path.endsWith('.go'))
        return GO_PATTERNS;
    return [];
}
function pythonHow(match, name) {
    const accessor = match[2].replace(/\s+/g, '');
    const prefix = match[1] ? 'os.' : '';
    if (accessor.endsWith('['))
        return `${prefix}environ[${JSON.stringify(name)}]`;
    return `${prefix}${accessor}${JSON.stringify(name)})`;
}
function isKeyArgument(text, offset) {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.slice(lineStart, offset);
    const keywords = [...before.matchAll(KEY_ARGUMENT)];
    if (keywords.length === 0)
        return false;
    const last = keywords[keywords.length - 1];
    return !before.slice(last.index + last[0].length).includes(',');
}
/** The text between the parenthesis at `open` and its partner (or the next 2,000 characters). */
function argumentsAt(text, open) {
    let depth = 0;
    const end = Math.min(text.length, open + 2000);
    for (let i = open; i < end; i++) {
        if (text[i] === '(')
            depth++;
        else if (text[i] === ')' && --depth === 0)
            return text.slice(open + 1, i);
    }
    return text.slice(open + 1, end);
}
const SDK_DEFAULT_NAMES = { openai: 'OPENAI_API_KEY', azure: 'AZURE_OPENAI_API_KEY' };
/** `new OpenAI()` / `new AzureOpenAI({...})` without `apiKey` (openai-node ≥ 4) read the SDK's default env var. */
function jsSdkDefaults(file, lineOf) {
    if (!/(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)(['"])openai\1/.test(file.text))
        return [];
    const clientKinds = new Map([
        ['OpenAI', 'openai'],
        ['AzureOpenAI', 'azure']
    ]);
    const defaultImport = /\bimport\s+([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^}]*\})?\s*from\s*['"]openai['"]/.exec(file.text);
    const requireImport = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*['"]openai['"]\s*\)/.exec(file.text);
    for (const match of [defaultImport, requireImport])
        if (match)
            clientKinds.set(match[1], 'openai');
    for (const match of file.text.matchAll(/\b(OpenAI|AzureOpenAI)\s+as\s+([A-Za-z_$][\w$]*)/g)) {
        clientKinds.set(match[2], match[1] === 'OpenAI' ? 'openai' : 'azure');
    }
    const reads = [];
    for (const match of file.text.matchAll(/\bnew\s+(?:[A-Za-z_$][\w$]*\s*\.\s*)?([A-Za-z_$][\w$]*)\s*\(/g)) {
        const kind = clientKinds.get(match[1]);
        if (!kind)
            continue;
        const args = argumentsAt(file.text, match.index + match[0].length - 1);
        if (/\bapiKey\b|\.\.\./.test(args))
            continue;
        reads.push({
            name: SDK_DEFAULT_NAMES[kind],
            path: file.path,
            line: lineOf(match.index),
            how: `new ${match[1]}() without apiKey`,
            forOpenAIClient: true
        });
    }
    return reads;
}
/** `OpenAI()`, `AsyncOpenAI()`, `AzureOpenAI()` without `api_key` (openai-python ≥ 1.0) read the default env var. */
function pythonSdkDefaults(file, lineOf) {
    if (!/^\s*(?:import\s+openai\b|from\s+openai\b)/m.test(file.text))
        return [];
    const reads = [];
    for (const match of file.text.matchAll(/(?<![\w.])(?:openai\s*\.\s*)?((?:Async)?(Azure)?OpenAI)\s*\(/g)) {
        const args = argumentsAt(file.text, match.index + match[0].length - 1);
        if (/\bapi_key\b|\*\*/.test(args))
            continue;
        reads.push({
            name: SDK_DEFAULT_NAMES[match[2] ? 'azure' : 'openai'],
            path: file.path,
            line: lineOf(match.index),
            how: `${match[1]}() without api_key`,
            forOpenAIClient: true
        });
    }
    return reads;
}

;// CONCATENATED MODULE: ./src/repo-checks/workflow-env.ts



/**
 * Env var names that keep the key from reaching the OpenAI client: a workflow or .env file sets one name
 * while the code reads another (or the same with different case or stray spaces), and steps that use a
 * different OpenAI secret from the one this action checked. Pure: takes file contents, reads nothing.
 */
function checkEnvVarNames(files, opts = {}) {
    const codeReads = files.flatMap(file => findEnvReads(file));
    const clientKeyNames = new Set(codeReads.filter(read => read.forOpenAIClient).map(read => read.name.trim()));
    const isKeyName = (name) => looksLikeOpenAIKeyName(name) || clientKeyNames.has(name.trim());
    const workflows = files.filter(file => isWorkflowPath(file.path)).flatMap(file => readWorkflow(file) ?? []);
    const sources = [
        ...workflows.map(workflow => ({
            provisions: workflow.provisions,
            reads: [...codeReads, ...workflow.shellReads],
            runScripts: workflow.runScripts
        })),
        ...files
            .filter(file => isDotenvPath(file.path))
            .map(file => ({ provisions: readDotenv(file), reads: codeReads, runScripts: [] }))
    ];
    const evidence = new EvidenceList();
    const readerMismatches = new Map();
    const noteMismatch = (reader, provision) => {
        readerMismatches.set(reader, (readerMismatches.get(reader) ?? new Set()).add(provision));
    };
    for (const source of sources) {
        const provided = new Set(source.provisions.map(provision => provision.name));
        const read = new Set(source.reads.map(entry => entry.name));
        const unprovidedKeyReads = source.reads.filter(entry => isKeyName(entry.name) && !provided.has(entry.name));
        for (const provision of source.provisions) {
            if (!isKeyName(provision.name) || read.has(provision.name))
                continue;
            if (source.runScripts.some(script => mentions(script, provision.name)))
                continue;
            const similar = unprovidedKeyReads.filter(entry => normalized(entry.name) === normalized(provision.name));
            const readers = similar.length > 0 ? similar : unprovidedKeyReads;
            if (readers.length === 0)
                continue;
            evidence.add(provision.path, provision.line, provisionMessage(provision, readers));
            for (const reader of firstPerName(readers))
                noteMismatch(reader, provision);
        }
        for (const reader of firstPerName(unprovidedKeyReads)) {
            const twin = source.provisions.find(provision => normalized(provision.name) === normalized(reader.name));
            if (twin)
                noteMismatch(reader, twin);
        }
    }
    for (const [reader, provisions] of readerMismatches) {
        if (!hasStraySpace(reader.name))
            evidence.add(reader.path, reader.line, readerMessage(reader, [...provisions]));
    }
    for (const reader of [...codeReads, ...workflows.flatMap(workflow => workflow.shellReads)]) {
        if (hasStraySpace(reader.name) && isKeyName(reader.name)) {
            evidence.add(reader.path, reader.line, straySpaceReadMessage(reader));
        }
    }
    for (const provision of sources.flatMap(source => source.provisions)) {
        if (hasStraySpace(provision.name) &&
            isKeyName(provision.name) &&
            !evidence.has(provision.path, provision.line)) {
            evidence.add(provision.path, provision.line, straySpaceProvisionMessage(provision));
        }
    }
    for (const workflow of workflows)
        checkSecretNames(workflow, opts, isKeyName, evidence);
    return evidence.sorted();
}
/** OpenAI-related and shaped like a credential: OPENAI_API_KEY, OPENAI_KEY, AZURE_OPENAI_API_KEY, openai_token. */
function looksLikeOpenAIKeyName(name) {
    return /openai/i.test(name) && /key|token|secret/i.test(name);
}
/** Places that read the same name are many; a few per name make the point without flooding annotations. */
const READ_PLACES_PER_NAME = 3;
function firstPerName(reads) {
    const counts = new Map();
    return reads.filter(read => {
        const count = (counts.get(read.name) ?? 0) + 1;
        counts.set(read.name, count);
        return count <= READ_PLACES_PER_NAME;
    });
}
function normalized(name) {
    return name.trim().toUpperCase();
}
function hasStraySpace(name) {
    return /\s/.test(name);
}
function mentions(script, name) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\w])${escaped}(?![\\w])(?!\\s*=[^=])`).test(script);
}
/** `OPENAI_API_KEY`, or `"OPENAI_API_KEY "` (with a trailing space) so that the space can be seen. */
function shown(name) {
    if (!hasStraySpace(name))
        return `\`${name}\``;
    const where = name.trim() !== name
        ? name.trimStart() === name
            ? 'a trailing space'
            : name.trimEnd() === name
                ? 'a leading space'
                : 'leading and trailing spaces'
        : 'a space inside';
    return `${JSON.stringify(name)} (with ${where})`;
}
function relation(provided, read) {
    if (provided.trim() === read.trim())
        return 'spaces';
    if (normalized(provided) === normalized(read))
        return 'case';
    return 'different';
}
const CASE_NOTE = 'env var names are case-sensitive on Linux and macOS runners (only Windows ignores case; GitHub secret names are case-insensitive, env var names are not)';
function fixFor(kind, readName) {
    if (kind === 'spaces')
        return `a name with spaces is a different variable, so \`${readName.trim()}\` stays empty`;
    if (kind === 'case')
        return `${CASE_NOTE}, so ${shown(readName)} stays empty`;
    return ('so the key never reaches the OpenAI client ' +
        '(the SDK reports a missing key, or the request goes out without one and gets 401)');
}
function provisionMessage(provision, readers) {
    const secret = provision.secrets.length > 0 ? ` from secrets.${provision.secrets[0]}` : '';
    const readNames = [...new Set(readers.map(reader => reader.name))];
    const where = readNames
        .map(name => {
        const first = readers.find(reader => reader.name === name);
        return `${shown(name)} (${first.path}:${first.line})`;
    })
        .join(', ');
    const kind = readNames.length === 1 ? relation(provision.name, readNames[0]) : 'different';
    const fix = readNames.length === 1
        ? `Name it ${shown(readNames[0].trim())} here`
        : 'Set the key under the name the code reads';
    return (`${provision.setter} sets ${shown(provision.name)}${secret}, but no code reads that name: ` +
        `the code reads ${where}; ${fixFor(kind, readNames[0])}. ${fix}.`);
}
function readerMessage(reader, provisions) {
    const [first] = provisions;
    const others = provisions.length > 1 ? ` (and ${provisions.length - 1} more)` : '';
    const kind = relation(first.name, reader.name);
    const fix = kind === 'different'
        ? `Set ${shown(reader.name)} there, or read ${shown(first.name)} here`
        : `Use exactly ${shown(first.name.trim())} in both places`;
    return (`${reader.how} reads ${shown(reader.name)}, but ${first.path}:${first.line}${others} provides the key as ` +
        `${shown(first.name)}; ${fixFor(kind, reader.name)}. ${fix}.`);
}
function straySpaceReadMessage(reader) {
    return (`${reader.how} reads ${shown(reader.name)}: no environment sets a name with spaces, so this read gets ` +
        `nothing and the OpenAI client has no key. Read \`${reader.name.trim()}\`.`);
}
function straySpaceProvisionMessage(provision) {
    return (`${provision.setter} sets ${shown(provision.name)}: code reading \`${provision.name.trim()}\` will not see it. ` +
        `Remove the spaces from the name.`);
}
function checkSecretNames(workflow, opts, isKeyName, evidence) {
    const doctorSecrets = workflow.doctorSteps.flatMap(step => [
        ...step.secrets,
        ...step.envRefs.flatMap(name => {
            for (const scope of step.envScopes) {
                const uses = workflow.secretUses.filter(use => use.envScope === scope && use.target === name);
                if (uses.length > 0)
                    return uses.map(use => use.secret);
            }
            return [];
        })
    ]);
    const checked = doctorSecrets.length > 0 ? doctorSecrets : opts.actionSecretName ? [opts.actionSecretName] : [];
    if (checked.length === 0)
        return;
    const checkedNames = new Set(checked.map(name => name.toUpperCase()));
    const doctorLine = workflow.doctorSteps.find(step => step.secrets.length + step.envRefs.length > 0)?.line;
    const checkedBy = doctorSecrets.length > 0
        ? `the openai-key-doctor step (line ${doctorLine}) checks secrets.${checked[0]}`
        : `openai-key-doctor's api-key input comes from secrets.${checked[0]}`;
    for (const use of workflow.secretUses) {
        const openAIRelated = /openai/i.test(use.secret) || isKeyName(use.target);
        if (!openAIRelated || checkedNames.has(use.secret.toUpperCase()))
            continue;
        evidence.add(use.path, use.line, `${use.setter} gives ${use.target} the secret secrets.${use.secret}, but ${checkedBy}: the key that was ` +
            `diagnosed is not the key this step uses. Pass the same secret to both (secret names are case-insensitive).`);
    }
}
const EXPRESSION = /\$\{\{([^}]*)\}\}/g;
function secretsIn(expressionText) {
    const names = [];
    for (const expression of expressionText.matchAll(EXPRESSION)) {
        for (const ref of expression[1].matchAll(/\bsecrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)) {
            names.push(ref[1] ?? ref[2]);
        }
    }
    return names;
}
function envRefsIn(expressionText) {
    return [...expressionText.matchAll(EXPRESSION)].flatMap(expression => [...expression[1].matchAll(/\benv\s*\.\s*([A-Za-z_][\w-]*)/g)].map(ref => ref[1]));
}
function scalarText(node) {
    return (0,dist/* isScalar */.jn)(node) && (typeof node.value === 'string' || typeof node.value === 'number')
        ? String(node.value)
        : undefined;
}
function readWorkflow(file) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(file.text, { lineCounter });
    if (doc.errors.length > 0 || !(0,dist/* isMap */.jh)(doc.contents))
        return undefined;
    const lineOf = (node) => lineCounter.linePos(node.range[0]).line;
    const facts = {
        path: file.path,
        provisions: [],
        secretUses: [],
        doctorSteps: [],
        shellReads: [],
        runScripts: []
    };
    const addEnv = (env, setter, envScope, reachesRepoCode) => {
        if (!(0,dist/* isMap */.jh)(env))
            return;
        for (const pair of env.items) {
            const name = scalarText(pair.key);
            if (name === undefined)
                continue;
            const line = lineOf(pair.key);
            const secrets = secretsIn(scalarText(pair.value) ?? '');
            for (const secret of secrets)
                facts.secretUses.push({ secret, target: name, path: file.path, line, setter, envScope });
            if (reachesRepoCode)
                facts.provisions.push({ name, path: file.path, line, secrets, setter });
        }
    };
    const addRunScript = (run, setter) => {
        const [start, end] = run.range;
        const raw = file.text.slice(start, end);
        const lineAt = (offset) => lineCounter.linePos(start + offset).line;
        facts.runScripts.push(raw);
        for (const match of raw.matchAll(/\$env:([A-Za-z_]\w*)|\$(?:\{(?!\{))?([A-Za-z_]\w*)/g)) {
            const name = match[1] ?? match[2];
            facts.shellReads.push({
                name,
                path: file.path,
                line: lineAt(match.index),
                how: `\`${match[0]}\` in ${setter}`,
                forOpenAIClient: false
            });
        }
        for (const expression of raw.matchAll(EXPRESSION)) {
            const assigned = /([A-Za-z_]\w*)\s*=\s*["']?$/.exec(raw.slice(raw.lastIndexOf('\n', expression.index) + 1, expression.index));
            const secrets = secretsIn(expression[0]);
            const line = lineAt(expression.index);
            const target = assigned ? assigned[1] : 'a command';
            for (const secret of secrets)
                facts.secretUses.push({ secret, target, path: file.path, line, setter });
            if (assigned)
                facts.provisions.push({ name: assigned[1], path: file.path, line, secrets, setter });
        }
    };
    const root = doc.contents;
    addEnv(root.get('env', true), 'The workflow-level env', 'workflow', true);
    const jobs = root.get('jobs', true);
    if ((0,dist/* isMap */.jh)(jobs)) {
        for (const jobPair of jobs.items) {
            const jobId = scalarText(jobPair.key) ?? '?';
            const job = jobPair.value;
            if (!(0,dist/* isMap */.jh)(job))
                continue;
            addEnv(job.get('env', true), `The env of job "${jobId}"`, `job:${jobId}`, true);
            const container = job.get('container', true);
            if ((0,dist/* isMap */.jh)(container))
                addEnv(container.get('env', true), `The container env of job "${jobId}"`, `job:${jobId}`, true);
            const steps = job.get('steps', true);
            if (!(0,dist/* isSeq */.oP)(steps))
                continue;
            steps.items.forEach((step, index) => {
                if (!(0,dist/* isMap */.jh)(step))
                    return;
                const uses = scalarText(step.get('uses', true));
                const run = step.get('run', true);
                const withInputs = step.get('with', true);
                const apiKeyInput = (0,dist/* isMap */.jh)(withInputs)
                    ? withInputs.get('api-key', true)
                    : undefined;
                const label = scalarText(step.get('name', true)) ??
                    uses ??
                    scalarText(run)?.split('\n')[0].slice(0, 40) ??
                    `#${index + 1}`;
                const setter = `Step "${label}" of job "${jobId}"`;
                const isDoctor = uses !== undefined &&
                    (/openai-key-doctor/i.test(uses) || (uses.startsWith('./') && apiKeyInput !== undefined));
                if (isDoctor) {
                    const input = scalarText(apiKeyInput) ?? '';
                    facts.doctorSteps.push({
                        line: lineOf((apiKeyInput ?? step)),
                        secrets: secretsIn(input),
                        envRefs: envRefsIn(input),
                        envScopes: [`step:${jobId}:${index}`, `job:${jobId}`, 'workflow']
                    });
                }
                const reachesRepoCode = !isDoctor && (uses === undefined || uses.startsWith('./'));
                addEnv(step.get('env', true), setter, `step:${jobId}:${index}`, reachesRepoCode);
                if ((0,dist/* isMap */.jh)(withInputs) && !isDoctor) {
                    for (const pair of withInputs.items) {
                        const input = scalarText(pair.key);
                        if (input === undefined)
                            continue;
                        for (const secret of secretsIn(scalarText(pair.value) ?? '')) {
                            const line = lineOf(pair.key);
                            facts.secretUses.push({ secret, target: `input ${input}`, path: file.path, line, setter });
                        }
                    }
                }
                if (run && scalarText(run) !== undefined)
                    addRunScript(run, `the run script of step "${label}" (job "${jobId}")`);
            });
        }
    }
    const lineOfOffset = lineLocator(file.text);
    for (const expression of file.text.matchAll(EXPRESSION)) {
        for (const name of envRefsIn(expression[0])) {
            facts.shellReads.push({
                name,
                path: file.path,
                line: lineOfOffset(expression.index),
                how: `\${{ env.${name} }}`,
                forOpenAIClient: false
            });
        }
    }
    return facts;
}
function readDotenv(file) {
    const provisions = [];
    file.text.split('\n').forEach((line, index) => {
        const match = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*[=:]/.exec(line);
        if (match)
            provisions.push({ name: match[1], path: file.path, line: index + 1, secrets: [], setter: file.path });
    });
    return provisions;
}
class EvidenceList {
    items = [];
    add(path, line, message) {
        if (!this.items.some(item => item.path === path && item.line === line && item.message === message)) {
            this.items.push({ path, line, message });
        }
    }
    has(path, line) {
        return this.items.some(item => item.path === path && item.line === line);
    }
    sorted() {
        return [...this.items].sort(byPathThenLine);
    }
}

;// CONCATENATED MODULE: ./src/repo-checks/index.ts







const MIB = 1024 * 1024;
/** Reads the workspace once and runs both repository checks on it. Never throws. */
async function runRepoChecks(workspace, opts = {}) {
    const limits = opts.readLimits ?? REPO_READ_LIMITS;
    let fileSet;
    try {
        fileSet = await readRepoFilesForChecks(workspace, limits);
    }
    catch (error) {
        // Not `instanceof Error`: errors from node:fs may come from another realm (vm contexts, bundles).
        const reason = error?.code ?? 'unreadable';
        return {
            envVarName: [],
            outdatedLibrary: [],
            checkedEnvVarNames: false,
            checkedLibraries: false,
            notes: [`The repository checks did not run: the workspace could not be read (${String(reason)}).`]
        };
    }
    const notes = [];
    if (fileSet.hitFileLimit) {
        notes.push(`The repository has more files than the checks read (at most ${limits.maxSourceFiles} source files); ` +
            'env var names and SDK calls in the rest were not checked.');
    }
    if (fileSet.hitByteLimit) {
        notes.push(`The repository has more source than the checks read (at most ${(0,format/* formatBytes */.z3)(limits.maxSourceBytes)} of ` +
            'source files); env var names and SDK calls in the rest were not checked.');
    }
    if (fileSet.skippedLarge.length > 0) {
        const shown = fileSet.skippedLarge.slice(0, 5).join(', ');
        const more = fileSet.skippedLarge.length > 5 ? ` and ${fileSet.skippedLarge.length - 5} more` : '';
        notes.push(`Not read because too large (over ${limits.maxFileBytes / MIB} MiB, lockfiles over ` +
            `${limits.maxLockfileBytes / MIB} MiB): ${shown}${more}.`);
    }
    return {
        envVarName: checkEnvVarNames(fileSet.files, { actionSecretName: opts.actionSecretName }),
        outdatedLibrary: checkSdkVersions(fileSet.files),
        checkedEnvVarNames: true,
        checkedLibraries: true,
        notes
    };
}


/***/ })

};
