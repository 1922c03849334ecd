/**
 * An absolute http(s) URL without a user name or password, or null. Userinfo is refused
 * everywhere: `http://epochtimes.com@evil.example/` is there to trick readers.
 */
export function parseHttpUrl(input: string, base?: string | URL): URL | null {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url;
}
