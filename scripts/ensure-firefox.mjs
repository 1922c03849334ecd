#!/usr/bin/env node
// Makes sure a Firefox for the Firefox end-to-end test is on this machine: FIREFOX_PATH when
// set, else Debian's /usr/bin/firefox-esr, installed with apt-get if missing.
import { aptInstall } from './apt-install.mjs';
import { existsSync } from 'node:fs';

export function ensureFirefox() {
  const wanted = process.env.FIREFOX_PATH;
  if (wanted) {
    if (existsSync(wanted)) return wanted;
    throw new Error(`FIREFOX_PATH=${wanted} does not exist`);
  }
  const debian = '/usr/bin/firefox-esr';
  if (existsSync(debian)) return debian;
  if (!existsSync('/usr/bin/apt-get')) {
    throw new Error('No Firefox found: install Firefox, or set FIREFOX_PATH to its binary.');
  }
  aptInstall(['firefox-esr']);
  if (!existsSync(debian)) throw new Error('apt-get finished but /usr/bin/firefox-esr is missing');
  return debian;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureFirefox());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
