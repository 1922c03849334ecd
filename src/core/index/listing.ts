/**
 * A repository's listing, from whichever form it comes in: `git ls-tree -r -l` output, the
 * GitHub git-trees API JSON (one recursive answer, or one answer per folder when the
 * recursive one was `truncated`), and the deletion history (`path \t deleted_in \t last_had`
 * rows, or what `git log --diff-filter=D --name-only` prints). Bad lines are normal input:
 * they are skipped and counted, never thrown.
 */

export interface ListedFile {
  path: string;
  /** git blob SHA-1, 40 lowercase hex digits. */
  sha: string;
  size: number;
}

export interface DeletedFile {
  path: string;
  /** The last commit that still had the file. */
  commit: string;
}

export interface Parsed<T> {
  items: T[];
  /** Lines or entries left out, with why (the first few). */
  skipped: number;
  problems: string[];
}

const SHA = /^[0-9a-f]{40}$/;
const MAX_PROBLEMS = 20;

function collector<T>(): Parsed<T> & { skip(why: string): void } {
  const parsed = {
    items: [] as T[],
    skipped: 0,
    problems: [] as string[],
    skip(why: string) {
      parsed.skipped += 1;
      if (parsed.problems.length < MAX_PROBLEMS) parsed.problems.push(why);
    },
  };
  return parsed;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13 };

/** git's C-quoted path (`"indexes/\344\270\252.md"`, core.quotePath) → the path; null if bad. */
export function unquoteGitPath(quoted: string): string | null {
  if (!quoted.startsWith('"')) return quoted;
  if (!quoted.endsWith('"') || quoted.length < 2) return null;
  const body = quoted.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      bytes.push(...new TextEncoder().encode(c));
      continue;
    }
    const next = body[++i];
    if (next === undefined) return null;
    const octal = /^[0-7]{3}/.exec(body.slice(i, i + 3));
    if (octal) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += 2;
    } else if (next in ESCAPES) bytes.push(ESCAPES[next] as number);
    else if (next === '"' || next === '\\') bytes.push(next.charCodeAt(0));
    else return null;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

/** `<mode> blob <sha> <size>\t<path>` per line; other object types and bad lines are skipped. */
export function parseLsTree(text: string): Parsed<ListedFile> {
  const out = collector<ListedFile>();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const tab = line.indexOf('\t');
    const fields = (tab < 0 ? line : line.slice(0, tab)).trim().split(/ +/);
    const [mode, type, sha, size] = fields;
    const path = tab < 0 ? null : unquoteGitPath(line.slice(tab + 1));
    if (type === 'tree' || type === 'commit') return;
    if (fields.length !== 4 || !/^\d{6}$/.test(mode ?? '') || type !== 'blob') {
      return out.skip(`line ${i + 1}: not an ls-tree -l blob line`);
    }
    if (!SHA.test(sha ?? '')) return out.skip(`line ${i + 1}: bad object id`);
    if (!/^\d{1,12}$/.test(size ?? '')) return out.skip(`line ${i + 1}: bad size ${size}`);
    if (!path) return out.skip(`line ${i + 1}: bad path`);
    out.items.push({ path, sha: sha as string, size: Number(size) });
  });
  return out;
}

interface TreeAnswer {
  sha: string;
  truncated: boolean;
  entries: { path: string; type: string; sha: string; size?: number }[];
}

function asTreeAnswer(value: unknown): TreeAnswer | null {
  if (typeof value !== 'object' || value === null) return null;
  const { sha, tree, truncated } = value as Record<string, unknown>;
  if (typeof sha !== 'string' || !Array.isArray(tree)) return null;
  const entries: TreeAnswer['entries'] = [];
  for (const item of tree as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const e = item as Record<string, unknown>;
    if (typeof e.path !== 'string' || typeof e.type !== 'string' || typeof e.sha !== 'string') {
      entries.push({ path: '', type: 'bad', sha: '' });
      continue;
    }
    entries.push({
      path: e.path,
      type: e.type,
      sha: e.sha,
      ...(typeof e.size === 'number' ? { size: e.size } : {}),
    });
  }
  return { sha, truncated: truncated === true, entries };
}

export interface TreesResult extends Parsed<ListedFile> {
  /** Folders some answer left out: the recursive answer was cut and no answer for them came. */
  incomplete: string[];
}

/**
 * Files from git-trees API answers. The first answer is the root: recursive and complete, or
 * (when `truncated`) the listing to continue from; answers for subtrees are joined to their
 * folder by tree SHA, as the API links them.
 */
export function parseTrees(answers: readonly unknown[]): TreesResult {
  const out = collector<ListedFile>();
  const bySha = new Map<string, TreeAnswer>();
  const parsed = answers.map(asTreeAnswer);
  parsed.forEach((answer, i) => {
    if (answer) bySha.set(answer.sha, answer);
    else out.skip(`answer ${i + 1}: not a git-trees answer`);
  });
  const root = parsed.find((a): a is TreeAnswer => a !== null);
  const incomplete: string[] = [];
  const seen = new Set<string>();
  const walk = (answer: TreeAnswer, prefix: string) => {
    if (seen.has(answer.sha + prefix)) return;
    seen.add(answer.sha + prefix);
    const listedTrees = new Set<string>();
    for (const entry of answer.entries) {
      if (entry.type === 'bad' || entry.path === '' || entry.path.split('/').includes('..')) {
        out.skip(`${prefix || '/'}: bad tree entry`);
        continue;
      }
      const path = prefix + entry.path;
      if (entry.type === 'tree') {
        listedTrees.add(path);
        const sub = bySha.get(entry.sha);
        if (sub) walk(sub, `${path}/`);
        continue;
      }
      if (entry.type !== 'blob') continue;
      if (!SHA.test(entry.sha)) out.skip(`${path}: bad object id`);
      else if (entry.size === undefined || !Number.isSafeInteger(entry.size) || entry.size < 0)
        out.skip(`${path}: bad size`);
      else out.items.push({ path, sha: entry.sha, size: entry.size });
    }
    // A truncated recursive answer still lists some folders: those with no answer of their own
    // and no file listed under them are incomplete.
    if (answer.truncated) {
      for (const folder of listedTrees) {
        const listed = out.items.some((f) => f.path.startsWith(`${folder}/`));
        if (!listed) incomplete.push(folder);
      }
    }
  };
  if (root) walk(root, '');
  // Keep the first of duplicate paths (a recursive answer and a folder answer overlap).
  const unique = new Map<string, ListedFile>();
  for (const file of out.items) if (!unique.has(file.path)) unique.set(file.path, file);
  return { ...out, items: [...unique.values()], incomplete };
}

/** One JSON value, an array of answers, or answers one per line / concatenated. */
export function splitJsonAnswers(text: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [value];
  } catch {
    // Concatenated answers (`cat a.json b.json`): split where one object ends and one starts.
    const parts = text.split(/(?<=\})\s*(?=\{)/);
    if (parts.length < 2) return null;
    const values: unknown[] = [];
    for (const part of parts) {
      try {
        values.push(JSON.parse(part));
      } catch {
        return null;
      }
    }
    return values;
  }
}

/** `path \t deleted_in_commit \t last_commit_with_path` rows (a header row is allowed). */
export function parseDeletedTsv(text: string): Parsed<DeletedFile> {
  const out = collector<DeletedFile>();
  const seen = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || (i === 0 && line.startsWith('path\t'))) return;
    const [quoted, deletedIn, last, extra] = line.split('\t');
    const path = unquoteGitPath(quoted ?? '');
    if (extra !== undefined || !path || !SHA.test(deletedIn ?? '') || !SHA.test(last ?? '')) {
      return out.skip(`line ${i + 1}: not path, deleted-in and last commit`);
    }
    // Newest first, as git log prints: an older deletion of the same path says less.
    if (seen.has(path)) return;
    seen.add(path);
    out.items.push({ path, commit: last as string });
  });
  return out;
}

/**
 * `git log --diff-filter=D --name-only --format='commit %H %P'`: a `commit <sha> <parent>…`
 * line, then the paths it deleted. The last commit that had them is the first parent.
 */
export function parseDeletionLog(text: string): Parsed<DeletedFile> {
  const out = collector<DeletedFile>();
  const seen = new Set<string>();
  let parent: string | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const head = /^commit ([0-9a-f]{40})(?: ([0-9a-f]{40}))?/.exec(line);
    if (head) {
      parent = head[2] ?? null;
      return;
    }
    const path = unquoteGitPath(line);
    if (!path || parent === null) return out.skip(`line ${i + 1}: a path without a parent commit`);
    if (seen.has(path)) return;
    seen.add(path);
    out.items.push({ path, commit: parent });
  });
  return out;
}
