/**
 * An in-memory mirror repository for the fake mirror server: files by path, plus the git
 * object ids GitHub would report for them (blob and tree SHA-1s computed from content, so
 * the tree API answers in GitHub's real shape).
 *
 * On disk, fixture repositories live at tests/fixtures/repos/<owner>/<repo>/<branch>/…;
 * tests add or replace files at run time with put / putFile / putDir.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const FIXTURE_REPOS_DIR = resolve(import.meta.dirname, '../../fixtures/repos');

/** git's id of a blob: SHA-1 of "blob <size>\0<content>". */
export function gitBlobSha(content: Buffer | string): string {
  const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}

export interface TreeEntry {
  path: string;
  /** As the API spells them: "100644" for files, "040000" for folders. */
  mode: '100644' | '040000';
  type: 'blob' | 'tree';
  sha: string;
  /** Files only. */
  size?: number;
}

interface Folder {
  sha: string;
  /** Direct children, in git's order. */
  entries: TreeEntry[];
}

function normalizePath(path: string): string {
  const clean = path.replace(/^\/+|\/+$/g, '');
  if (!clean || clean.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`not a repository file path: ${JSON.stringify(path)}`);
  }
  return clean;
}

function walkFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? walkFiles(full) : entry.isFile() ? [full] : [];
  });
}

export class FixtureRepo {
  readonly files = new Map<string, Buffer>();
  private cache: { folders: Map<string, Folder>; commit: string } | undefined;

  constructor(
    readonly owner: string,
    readonly name: string,
    readonly branch = 'master',
  ) {}

  /** "owner/name". */
  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** Adds or replaces a file. */
  put(path: string, content: string | Buffer): this {
    this.files.set(normalizePath(path), Buffer.isBuffer(content) ? content : Buffer.from(content));
    this.cache = undefined;
    return this;
  }

  /** Adds a file from disk, e.g. put a tests/fixtures/pages/ page at pages/nsc412/n1.md. */
  putFile(path: string, sourceFile: string): this {
    return this.put(path, readFileSync(sourceFile));
  }

  /** Adds every file under `sourceDir` below `prefix` (e.g. putDir('pages/xss', 'tests/fixtures/xss')). */
  putDir(prefix: string, sourceDir: string): this {
    const base = prefix.replace(/^\/+|\/+$/g, '');
    for (const file of walkFiles(sourceDir)) {
      const rel = relative(sourceDir, file).split(sep).join('/');
      this.put(base ? `${base}/${rel}` : rel, readFileSync(file));
    }
    return this;
  }

  remove(path: string): boolean {
    this.cache = undefined;
    return this.files.delete(normalizePath(path));
  }

  get(path: string): Buffer | undefined {
    return this.files.get(path);
  }

  /** True for a folder holding at least one file ("" is the root). */
  isFolder(path: string): boolean {
    const prefix = path.replace(/^\/+|\/+$/g, '');
    if (!prefix) return this.files.size > 0;
    return [...this.files.keys()].some((file) => file.startsWith(`${prefix}/`));
  }

  /** Direct children of a folder: names, with "/" after subfolders. */
  list(path: string): string[] {
    const prefix = path.replace(/^\/+|\/+$/g, '');
    const names = new Set<string>();
    for (const file of this.files.keys()) {
      if (prefix && !file.startsWith(`${prefix}/`)) continue;
      const rest = prefix ? file.slice(prefix.length + 1) : file;
      const slash = rest.indexOf('/');
      names.add(slash === -1 ? rest : `${rest.slice(0, slash + 1)}`);
    }
    return [...names].sort();
  }

  /** A stable fake commit id for the branch head, derived from the root tree. */
  get commitSha(): string {
    return this.objects().commit;
  }

  get rootTreeSha(): string {
    return this.tree('')!.sha;
  }

  /**
   * The tree GitHub's API would list for `ref` (branch name, head commit, or any tree SHA):
   * direct children, or with `recursive` every descendant in pre-order.
   */
  treeFor(ref: string, recursive: boolean): { sha: string; entries: TreeEntry[] } | undefined {
    const { folders, commit } = this.objects();
    let folderPath: string | undefined;
    if (ref === this.branch || ref === commit || ref === `refs/heads/${this.branch}`)
      folderPath = '';
    else folderPath = [...folders].find(([, folder]) => folder.sha === ref)?.[0];
    if (folderPath === undefined) return undefined;
    const root = folders.get(folderPath)!;
    if (!recursive)
      return { sha: root.sha, entries: root.entries.map((e) => this.relativeTo(e, folderPath)) };
    const out: TreeEntry[] = [];
    const visit = (folder: Folder): void => {
      for (const entry of folder.entries) {
        out.push(this.relativeTo(entry, folderPath));
        if (entry.type === 'tree') visit(folders.get(entry.path)!);
      }
    };
    visit(root);
    return { sha: root.sha, entries: out };
  }

  private relativeTo(entry: TreeEntry, folderPath: string): TreeEntry {
    return folderPath ? { ...entry, path: entry.path.slice(folderPath.length + 1) } : entry;
  }

  private tree(path: string): Folder | undefined {
    return this.objects().folders.get(path);
  }

  /** Hashes every folder bottom-up, as git writes tree objects. */
  private objects(): { folders: Map<string, Folder>; commit: string } {
    if (this.cache) return this.cache;
    const children = new Map<string, Set<string>>([['', new Set()]]);
    for (const file of this.files.keys()) {
      const parts = file.split('/');
      for (let i = 0; i < parts.length; i++) {
        const parent = parts.slice(0, i).join('/');
        const child = parts.slice(0, i + 1).join('/');
        if (!children.has(parent)) children.set(parent, new Set());
        children.get(parent)!.add(child);
      }
    }
    const folders = new Map<string, Folder>();
    const hashFolder = (path: string): Folder => {
      const kids = [...(children.get(path) ?? [])].map((child): TreeEntry => {
        const content = this.files.get(child);
        if (content) {
          return {
            path: child,
            mode: '100644',
            type: 'blob',
            sha: gitBlobSha(content),
            size: content.length,
          };
        }
        return { path: child, mode: '040000', type: 'tree', sha: hashFolder(child).sha };
      });
      // git orders entries by name, comparing a folder's name as if it ended in "/".
      const key = (e: TreeEntry): string =>
        `${e.path.split('/').at(-1)!}${e.type === 'tree' ? '/' : ''}`;
      kids.sort((a, b) => Buffer.compare(Buffer.from(key(a)), Buffer.from(key(b))));
      const body = Buffer.concat(
        kids.flatMap((e) => [
          Buffer.from(`${e.type === 'tree' ? '40000' : '100644'} ${e.path.split('/').at(-1)!}\0`),
          Buffer.from(e.sha, 'hex'),
        ]),
      );
      const sha = createHash('sha1').update(`tree ${body.length}\0`).update(body).digest('hex');
      const folder = { sha, entries: kids };
      folders.set(path, folder);
      return folder;
    };
    const root = hashFolder('');
    const commit = createHash('sha1')
      .update(`commit\0tree ${root.sha}\nfake mirror ${this.fullName}@${this.branch}\n`)
      .digest('hex');
    this.cache = { folders, commit };
    return this.cache;
  }
}

/** Loads every repository under `root` laid out as <owner>/<repo>/<branch>/…. */
export function loadFixtureRepos(root: string = FIXTURE_REPOS_DIR): FixtureRepo[] {
  if (!existsSync(root)) return [];
  const repos: FixtureRepo[] = [];
  const dirs = (dir: string): string[] =>
    readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
  for (const owner of dirs(root)) {
    for (const name of dirs(join(root, owner))) {
      for (const branch of dirs(join(root, owner, name))) {
        repos.push(
          new FixtureRepo(owner, name, branch).putDir('', join(root, owner, name, branch)),
        );
      }
    }
  }
  return repos;
}
