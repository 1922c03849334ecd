#!/usr/bin/env node
// Makes sure a Chromium for the end-to-end tests and `npm start` is on this machine:
// CHROMIUM_PATH when set, else Debian's /usr/bin/chromium, installed with apt-get if missing.
import { aptInstall } from './apt-install.mjs';
import { existsSync } from 'node:fs';

export function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted) {
    if (existsSync(wanted)) return wanted;
    throw new Error(`CHROMIUM_PATH=${wanted} does not exist`);
  }
  const debian = '/usr/bin/chromium';
  if (existsSync(debian)) return debian;
  if (!existsSync('/usr/bin/apt-get')) {
    throw new Error('No Chromium found: install Chromium, or set CHROMIUM_PATH to its binary.');
  }
  aptInstall(['chromium']);
  if (!existsSync(debian)) throw new Error('apt-get finished but /usr/bin/chromium is missing');
  return debian;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureChromium());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
