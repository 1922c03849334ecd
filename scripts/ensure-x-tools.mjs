#!/usr/bin/env node
// Makes sure the tools of the real-window end-to-end tests are on this machine: Xvfb (a
// virtual display for headed Chromium), xdotool (keys for the native context menu) and
// xclip (reads the system clipboard). Debian packages, installed with apt-get when missing.
import { aptInstall } from './apt-install.mjs';
import { existsSync } from 'node:fs';

/** Debian package → the binary it installs. */
export const X_TOOLS = {
  xvfb: '/usr/bin/Xvfb',
  xdotool: '/usr/bin/xdotool',
  xclip: '/usr/bin/xclip',
};

export function missingXTools() {
  return Object.entries(X_TOOLS)
    .filter(([, binary]) => !existsSync(binary))
    .map(([pkg]) => pkg);
}

export function ensureXTools() {
  const missing = missingXTools();
  if (missing.length === 0) return X_TOOLS;
  if (!existsSync('/usr/bin/apt-get')) {
    throw new Error(`Missing ${missing.join(', ')} and no apt-get: install them by hand.`);
  }
  aptInstall(missing, ['--no-install-recommends']);
  const still = missingXTools();
  if (still.length > 0) throw new Error(`apt-get finished but ${still.join(', ')} is missing`);
  return X_TOOLS;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(Object.values(ensureXTools()).join('\n'));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
