/**
 * `npm run bench [name...]`: runs every `*.bench.ts` beside this file (or the named ones).
 * Each exports a default async function that prints its figures; none asserts timings.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

for (const file of files) {
  console.log(`\n## ${file.replace(/\.bench\.ts$/, '')}`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as {
    default: () => Promise<void>;
  };
  await mod.default();
}
