/**
 * Takes the two `innerHTML` writes out of the libraries we bundle, so that no code path in
 * the package can put a string into a page as HTML (ours never does: ESLint bans it outside
 * SafeHtml, which moves nodes). addons.mozilla.org's linter flags every such write as unsafe,
 * and these two are dead code for us:
 *
 * - Preact's `dangerouslySetInnerHTML` support (banned in our code by eslint.config.js): now
 *   it throws instead of writing.
 * - DOMPurify's fallback for a browser whose DOMParser returns no document (Chromium 116+
 *   and Firefox 142+ always return one): now that document stays empty, so it sanitizes to "".
 *
 * Each patch must apply exactly once, or the build fails: a library update then needs a look.
 */
import type { Plugin } from 'vite';

interface Patch {
  /** The module, by its path inside node_modules. */
  file: RegExp;
  find: RegExp;
  replace: string;
}

export const PATCHES: readonly Patch[] = [
  {
    file: /\/node_modules\/preact\/dist\/preact\.mjs$/,
    // Minified: `(t.innerHTML=h.__html)`, names vary by release.
    find: /\(\w+\.innerHTML=\w+\.__html\)/g,
    replace: '(()=>{throw Error("dangerouslySetInnerHTML is disabled in Mirror Reader")})()',
  },
  {
    file: /\/node_modules\/dompurify\/dist\/purify\.es\.mjs$/,
    find: /doc\.documentElement\.innerHTML = IS_EMPTY_INPUT \? emptyHTML : dirtyPayload;/g,
    replace: '/* no HTML parsing without DOMParser: the document stays empty */',
  },
];

/** `code` with `patch` applied; throws unless it matched exactly once. */
export function applyPatch(patch: Patch, code: string, id: string): string {
  const matches = code.match(patch.find)?.length ?? 0;
  if (matches !== 1) {
    throw new Error(
      `no-html-sinks: expected one ${String(patch.find)} in ${id}, found ${matches}; ` +
        'the library changed: check what it writes as HTML and update scripts/no-html-sinks.ts',
    );
  }
  return code.replace(patch.find, patch.replace);
}

export function noHtmlSinks(): Plugin {
  const patched = new Set<Patch>();
  return {
    name: 'mirror-reader:no-html-sinks',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      patched.clear();
    },
    transform(code, id) {
      const patch = PATCHES.find((p) => p.file.test(id.split('?')[0] ?? id));
      if (!patch) return null;
      patched.add(patch);
      return { code: applyPatch(patch, code, id), map: null };
    },
    buildEnd(error) {
      // A library resolved from another file (a new package layout) would slip through.
      if (!error && patched.size !== PATCHES.length) {
        this.error(`no-html-sinks: patched ${patched.size} of ${PATCHES.length} libraries`);
      }
    },
  };
}
