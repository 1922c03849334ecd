import { crx } from '@crxjs/vite-plugin';
import { resolve } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { build, defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { noHtmlSinks } from './scripts/no-html-sinks.ts';
import { extraPages, manifestFor, OUT_DIRS, type Target } from './scripts/targets.ts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/** Where the content script runs. */
const CONTENT_MATCHES = ['http://*/*', 'https://*/*'];

/**
 * CRXJS's content-script loader lists its chunks in `web_accessible_resources` for every
 * site, which lets any page detect the extension. So the content script is built here as
 * one standalone IIFE file and added to the manifest after CRXJS has written it.
 */
function standaloneContentScript(defaultOutDir: string): Plugin {
  let outDir = defaultOutDir;
  return {
    name: 'mirror-reader:standalone-content-script',
    apply: 'build',
    configResolved(config) {
      // Where this build writes (`vite build --outDir …` included).
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          outDir,
          emptyOutDir: false,
          minify: true,
          target: 'es2022',
          lib: {
            entry: resolve(import.meta.dirname, 'src/content/main.ts'),
            formats: ['iife'],
            name: 'mirrorReaderContent',
            fileName: () => 'content.js',
          },
          modulePreload: { polyfill: false },
          rollupOptions: { output: { extend: false } },
        },
      });
      const file = resolve(outDir, 'manifest.json');
      const built = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      built.content_scripts = [
        {
          matches: CONTENT_MATCHES,
          js: ['content.js'],
          run_at: 'document_idle',
          all_frames: false,
        },
      ];
      writeFileSync(file, JSON.stringify(built, null, 2));
    },
  };
}

/** Pages outside the manifest live at the package root: `reader.html?url=…` is their address. */
function pagesAtRoot(pages: Record<string, string>): Plugin {
  return {
    name: 'mirror-reader:pages-at-root',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const [from, to] of Object.entries(pages)) {
        const asset = bundle[from];
        if (asset) asset.fileName = to;
      }
    },
  };
}

/** `vite build` is the Chromium build; `vite build --mode firefox` the Firefox one. */
export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chromium';
  const outDir = resolve(import.meta.dirname, OUT_DIRS[target]);
  return {
    define: { 'import.meta.env.BROWSER': JSON.stringify(target) },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // OpenCC's simplified→traditional dictionary is one ~1.1 MB chunk, loaded only on demand.
      chunkSizeWarningLimit: 1200,
      modulePreload: { polyfill: false },
      rollupOptions: {
        // Pages not named in the manifest.
        input: extraPages(target),
      },
    },
    plugins: [
      noHtmlSinks(),
      crx({
        manifest: manifestFor(target, manifest, pkg.version),
        browser: target === 'firefox' ? 'firefox' : 'chrome',
      }),
      pagesAtRoot({
        'src/reader/index.html': 'reader.html',
        'src/offscreen/index.html': 'offscreen.html',
        'src/welcome/index.html': 'welcome.html',
      }),
      standaloneContentScript(outDir),
    ],
  };
});
