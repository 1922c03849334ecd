import { crx } from '@crxjs/vite-plugin';
import { resolve } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { build, defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const defaultOutDir = resolve(import.meta.dirname, 'dist');

/** Where the content script runs. */
const CONTENT_MATCHES = ['http://*/*', 'https://*/*'];

/**
 * CRXJS's content-script loader lists its chunks in `web_accessible_resources` for every
 * site, which lets any page detect the extension. So the content script is built here as
 * one standalone IIFE file and added to the manifest after CRXJS has written it.
 */
function standaloneContentScript(): Plugin {
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

export default defineConfig({
  build: {
    outDir: defaultOutDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    rollupOptions: {
      // Pages not named in the manifest.
      input: {
        reader: 'src/reader/index.html',
        offscreen: 'src/offscreen/index.html',
        welcome: 'src/welcome/index.html',
      },
    },
  },
  plugins: [
    crx({ manifest: { ...manifest, version: pkg.version } }),
    pagesAtRoot({
      'src/reader/index.html': 'reader.html',
      'src/offscreen/index.html': 'offscreen.html',
      'src/welcome/index.html': 'welcome.html',
    }),
    standaloneContentScript(),
  ],
});
