/**
 * The browsers we build for. manifest.json is the Chromium manifest; every other target is
 * that manifest with the small override below, so a key added there reaches every build.
 */

export type Target = 'chromium' | 'firefox';
export const TARGETS: readonly Target[] = ['chromium', 'firefox'];

/** Where `npm run build` writes each target (dist/ is what the README and the tests load). */
export const OUT_DIRS: Record<Target, string> = { chromium: 'dist', firefox: 'dist-firefox' };

/** The store each target's zip goes to, in its file name. */
export const STORE_NAMES: Record<Target, string> = { chromium: 'chrome', firefox: 'firefox' };

/** The add-on's id on addons.mozilla.org: fixed for good once published (updates match it). */
export const GECKO_ID = '{06b929c2-bb41-4f23-aaea-ed2f89e77567}';

/**
 * Firefox 142: the first that reads `data_collection_permissions` on desktop and Android
 * alike (desktop reads it from 140; ESR 140 is past its end of life).
 */
export const GECKO_MIN_VERSION = '142.0';

/** Chromium-only permissions: Firefox's background page has the DOM an offscreen page gives. */
const CHROMIUM_ONLY_PERMISSIONS = new Set(['offscreen']);

export type Manifest = Record<string, unknown> & {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  permissions?: string[];
};

/** The manifest of `target` with `version`, derived from the Chromium one (of the same shape). */
export function manifestFor<M extends Manifest>(target: Target, base: M, version: string): M {
  const manifest: M = { ...base, version };
  if (target === 'chromium') return manifest;
  // Firefox runs MV3 backgrounds as event pages, not service workers.
  const { service_worker: worker, ...background } = base.background ?? {};
  // minimum_chrome_version means nothing to Firefox: its floor is strict_min_version.
  delete manifest.minimum_chrome_version;
  return {
    ...manifest,
    ...(worker ? { background: { ...background, scripts: [worker] } } : {}),
    permissions: (base.permissions ?? []).filter((p) => !CHROMIUM_ONLY_PERMISSIONS.has(p)),
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: GECKO_MIN_VERSION,
        // addons.mozilla.org requires the declaration; this extension collects nothing.
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}

/** Pages outside the manifest that a target needs (the offscreen page is Chromium's clipboard). */
export function extraPages(target: Target): Record<string, string> {
  return {
    reader: 'src/reader/index.html',
    welcome: 'src/welcome/index.html',
    ...(target === 'chromium' ? { offscreen: 'src/offscreen/index.html' } : {}),
  };
}
