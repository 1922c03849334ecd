/**
 * `cli match <url>`: prints `{"source":"…","key":"…"}` for a mirrorable original URL (exit 0),
 * or the reason it is not one on stderr (exit 1). Other tools read this output: keep it stable.
 */
import { hostMatches, matchUrl } from '../core/match/match';
import type { Source } from '../core/sources/types';
import { takeSourcesOption } from './sources-option';

const USAGE = 'usage: cli match <url> [--sources <file>]\n';

function reason(input: string, sources: readonly Source[]): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `scheme ${url.protocol} is not http(s)`;
  if (url.username !== '' || url.password !== '') return 'the URL carries a user name or password';
  if (!hostMatches(url.hostname, sources)) return `${url.hostname} is not a host of a known source`;
  return `${url.pathname} is not an article path of ${url.hostname}`;
}

export async function match(argv: string[]): Promise<number> {
  const option = await takeSourcesOption(argv);
  if (!option.ok) {
    process.stderr.write(`${option.message}\n${option.exit === 2 ? USAGE : ''}`);
    return option.exit;
  }
  const { args, sources } = option;
  const [input, ...extra] = args;
  if (input === undefined || extra.length > 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const found = matchUrl(input, sources);
  if (!found) {
    process.stderr.write(`not mirrorable: ${reason(input, sources)}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify({ source: found.source.id, key: found.key })}\n`);
  return 0;
}
