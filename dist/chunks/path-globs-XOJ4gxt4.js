/**
 * The allowlist's `path:` globs, matched in time linear in the path's length whatever the pattern. The globs come
 * from the repository, so from whoever opened the pull request: a backtracking matcher (a regex built from the
 * glob, extended globs such as `*(*)x`) can be made to take minutes per path. Each glob is compiled into a small
 * automaton (Thompson's construction) that is run by keeping the set of its live states, so a match costs at most
 * (path length × pattern length) steps, and results are cached per path.
 *
 * The syntax is the common one (gitignore, picomatch with `dot: true`): `*` any characters but `/`, `**` as a whole
 * segment any number of segments, `?` one character but `/`, `[abc]` `[a-z]` `[!a]` classes, `{a,b}` alternatives,
 * `\` escapes the next character; dot files are matched like any other. What it cannot honour (extended globs,
 * negation, POSIX classes, patterns over 256 characters or with more than 64 alternatives) is reported through
 * `onProblem` and matches nothing.
 */
const MAX_GLOB_LENGTH = 256;
const MAX_ALTERNATIVES = 64;
const MAX_CACHED_PATHS = 10_000;
const SLASH = 47;
const notSlash = code => code !== SLASH;
const anyChar = () => true;
const isSlash = code => code === SLASH;
/** The glob syntax this matcher refuses, each with the reason shown to the user. */
const UNSUPPORTED = [
    [/^!/, 'negation (`!`) is not supported in an allow-list'],
    [/[@*+?!]\(/, 'extended globs such as `*(…)` are not supported'],
    [/\[\[:/, 'POSIX classes such as `[[:alpha:]]` are not supported']
];
/**
 * One matcher for all `globs` (true when any matches). A glob that cannot be honoured is reported with
 * `onProblem` and ignored.
 */
function compilePathGlobs(globs, onProblem = () => undefined) {
    const automata = [];
    for (const glob of globs.map(text => text.trim()).filter(text => text !== '')) {
        const problem = unsupported(glob);
        if (problem) {
            onProblem(`path glob ${JSON.stringify(glob.slice(0, 80))} is ignored: ${problem}`);
            continue;
        }
        const alternatives = expandBraces(glob);
        if (alternatives === undefined) {
            onProblem(`path glob ${JSON.stringify(glob.slice(0, 80))} is ignored: more than ${MAX_ALTERNATIVES} alternatives`);
            continue;
        }
        for (const alternative of alternatives)
            automata.push(compile(alternative));
    }
    if (automata.length === 0)
        return () => false;
    const cache = new Map();
    return path => {
        const cached = cache.get(path);
        if (cached !== undefined)
            return cached;
        const result = automata.some(automaton => run(automaton, path));
        if (cache.size < MAX_CACHED_PATHS)
            cache.set(path, result);
        return result;
    };
}
function unsupported(glob) {
    if (glob.length > MAX_GLOB_LENGTH)
        return `longer than ${MAX_GLOB_LENGTH} characters`;
    return UNSUPPORTED.find(([pattern]) => pattern.test(glob))?.[1];
}
/** `a{b,c}d` -> `abd`, `acd` (nested braces too); undefined past MAX_ALTERNATIVES. A brace without a comma is literal. */
function expandBraces(glob) {
    const open = findUnescaped(glob, '{', 0);
    if (open === -1)
        return [glob];
    let depth = 0;
    const commas = [];
    let close = -1;
    for (let i = open; i < glob.length && close === -1; i++) {
        if (glob[i] === '\\')
            i++;
        else if (glob[i] === '{')
            depth++;
        else if (glob[i] === '}' && --depth === 0)
            close = i;
        else if (glob[i] === ',' && depth === 1)
            commas.push(i);
    }
    if (close === -1 || commas.length === 0) {
        // Literal: escape this brace and expand the rest.
        const rest = expandBraces(glob.slice(open + 1));
        return rest?.map(tail => `${glob.slice(0, open)}\\{${tail}`);
    }
    const bounds = [open, ...commas, close];
    const results = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
        const expanded = expandBraces(glob.slice(0, open) + glob.slice(bounds[i] + 1, bounds[i + 1]) + glob.slice(close + 1));
        if (expanded === undefined)
            return undefined;
        results.push(...expanded);
        if (results.length > MAX_ALTERNATIVES)
            return undefined;
    }
    return results;
}
function findUnescaped(text, char, from) {
    for (let i = from; i < text.length; i++) {
        if (text[i] === '\\')
            i++;
        else if (text[i] === char)
            return i;
    }
    return -1;
}
/** Thompson's construction, from the last piece back to the first; returns the states and the start state. */
function compile(glob) {
    const states = [{ kind: 'accept' }];
    const add = (state) => states.push(state) - 1;
    const loop = (test, next) => {
        const fork = add({ kind: 'split', next: -1, other: next });
        states[fork] = { kind: 'split', next: add({ kind: 'char', test, next: fork }), other: next };
        return fork;
    };
    let next = 0;
    const pieces = piecesOf(glob);
    for (let index = pieces.length - 1; index >= 0; index--) {
        const piece = pieces[index];
        switch (piece.kind) {
            case 'char':
                next = add({ kind: 'char', test: piece.test, next });
                break;
            case 'loop':
                next = loop(piece.test, next);
                break;
            case 'any-dirs': {
                const slash = add({ kind: 'char', test: isSlash, next });
                next = add({ kind: 'split', next: loop(anyChar, slash), other: next });
                break;
            }
            case 'anything-below': {
                const slash = add({ kind: 'char', test: isSlash, next: loop(anyChar, next) });
                next = add({ kind: 'split', next: slash, other: next });
                break;
            }
        }
    }
    return { states, start: next };
}
function piecesOf(glob) {
    const segments = glob.split('/');
    const last = segments.length - 1;
    const pieces = [];
    segments.forEach((segment, index) => {
        if (segment === '**' && segments.length === 1)
            pieces.push({ kind: 'loop', test: anyChar });
        else if (segment === '**' && index === last)
            pieces.push({ kind: 'anything-below' });
        else if (segment === '**')
            pieces.push({ kind: 'any-dirs' });
        else {
            pieces.push(...segmentPieces(segment));
            // The separator, unless a trailing `/**` brings its own.
            if (index < last && !(index + 1 === last && segments[last] === '**'))
                pieces.push({ kind: 'char', test: isSlash });
        }
    });
    return pieces;
}
function segmentPieces(segment) {
    const pieces = [];
    for (let i = 0; i < segment.length; i++) {
        const c = segment[i];
        if (c === '*') {
            while (segment[i + 1] === '*')
                i++;
            pieces.push({ kind: 'loop', test: notSlash });
        }
        else if (c === '?') {
            pieces.push({ kind: 'char', test: notSlash });
        }
        else if (c === '[' && parseClass(segment, i)) {
            const parsed = parseClass(segment, i);
            pieces.push({ kind: 'char', test: parsed.test });
            i = parsed.end;
        }
        else {
            if (c === '\\' && i + 1 < segment.length)
                i++;
            pieces.push({ kind: 'char', test: literal(segment[i]) });
        }
    }
    return pieces;
}
function literal(c) {
    const expected = c.charCodeAt(0);
    return code => code === expected;
}
/** `[abc]`, `[a-z]`, `[!a]`, `[^a]` starting at `start`; never matches `/`. Undefined when unterminated. */
function parseClass(segment, start) {
    let i = start + 1;
    const negated = segment[i] === '!' || segment[i] === '^';
    if (negated)
        i++;
    const ranges = [];
    for (let first = true; i < segment.length; i++, first = false) {
        if (segment[i] === ']' && !first) {
            const inClass = (code) => ranges.some(([low, high]) => code >= low && code <= high);
            return { test: code => code !== SLASH && inClass(code) !== negated, end: i };
        }
        const low = segment.charCodeAt(segment[i] === '\\' ? ++i : i);
        if (segment[i + 1] === '-' && i + 2 < segment.length && segment[i + 2] !== ']') {
            ranges.push([low, segment.charCodeAt(i + 2)]);
            i += 2;
        }
        else
            ranges.push([low, low]);
    }
    return undefined;
}
/** Runs the automaton over `path` keeping the set of live states: O(path length × states). */
function run({ states, start }, path) {
    let current = closure(states, [start]);
    for (let i = 0; i < path.length && current.length > 0; i++) {
        const code = path.charCodeAt(i);
        const next = [];
        for (const index of current) {
            const state = states[index];
            if (state.kind === 'char' && state.test(code))
                next.push(state.next);
        }
        current = closure(states, next);
    }
    return current.some(index => states[index].kind === 'accept');
}
/** The states reachable through epsilon forks, each once. */
function closure(states, start) {
    const seen = new Set();
    const stack = [...start];
    const result = [];
    while (stack.length > 0) {
        const index = stack.pop();
        if (index < 0 || seen.has(index))
            continue;
        seen.add(index);
        const state = states[index];
        if (state.kind === 'split')
            stack.push(state.next, state.other);
        else
            result.push(index);
    }
    return result;
}

export { compilePathGlobs };
