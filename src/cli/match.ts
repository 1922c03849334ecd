/**
 * `cli match <url>`: prints `{"source":"…","key":"…"}` for a mirrorable original URL (exit 0),
 * or the reason it is not one on stderr (exit 1). Other tools read this output: keep it stable.
 */
import { hostMatches, matchUrl } from '../core/match';

function reason(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `scheme ${url.protocol} is not http(s)`;
  if (url.username !== '' || url.password !== '') return 'the URL carries a user name or password';
  if (!hostMatches(url.hostname)) return `${url.hostname} is not a host of a known source`;
  return `${url.pathname} is not an article path of ${url.hostname}`;
}

export async function match(args: string[]): Promise<number> {
  const [input, ...extra] = args;
  if (input === undefined || extra.length > 0) {
    process.stderr.write('usage: cli match <url>\n');
    return 2;
  }
  const found = matchUrl(input);
  if (!found) {
    process.stderr.write(`not mirrorable: ${reason(input)}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify({ source: found.source.id, key: found.key })}\n`);
  return 0;
}
