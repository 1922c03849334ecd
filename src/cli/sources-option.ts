/**
 * `--sources <file>` for every command: the user's own sources (the options page's export
 * format, a bare array, or one source), used beside the built-in ones.
 */
import { readFile } from 'node:fs/promises';
import { builtinSources } from '../core/sources/builtin';
import { parseSourcesImport } from '../core/sources/custom';
import type { Source } from '../core/sources/types';

export type SourcesOption =
  | { ok: true; args: string[]; sources: Source[] }
  /** `exit` 2: a usage error; 1: the file cannot be read or is not valid. */
  | { ok: false; exit: 1 | 2; message: string };

export async function takeSourcesOption(args: string[]): Promise<SourcesOption> {
  const rest: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg !== '--sources' && !arg.startsWith('--sources=')) {
      rest.push(arg);
      continue;
    }
    if (file !== undefined) return { ok: false, exit: 2, message: '--sources given twice' };
    file = arg === '--sources' ? args[++i] : arg.slice('--sources='.length);
    if (!file) return { ok: false, exit: 2, message: '--sources needs a file' };
  }
  if (file === undefined) return { ok: true, args: rest, sources: [...builtinSources] };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, exit: 1, message: `unreadable: cannot read ${file}: ${reason}` };
  }
  const result = parseSourcesImport(
    text,
    builtinSources.map((s) => s.id),
  );
  if (!result.ok) {
    const lines = result.problems.map((p) => `  ${p.text}`).join('\n');
    return { ok: false, exit: 1, message: `invalid sources in ${file}:\n${lines}` };
  }
  return { ok: true, args: rest, sources: [...builtinSources, ...result.sources] };
}
