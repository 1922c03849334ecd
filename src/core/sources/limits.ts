/**
 * How large a source may be: the schema (schema.ts) rejects anything beyond, and the content
 * script's reading of stored sources (content-rules.ts) skips it. Plain constants, so the
 * content script's bundle takes only the three it uses.
 */
export const MAX_HOSTS = 20;
export const MAX_PATTERNS = 20;
export const MAX_PATTERN_LENGTH = 500;

export const SOURCE_LIMITS = {
  hosts: MAX_HOSTS,
  patterns: MAX_PATTERNS,
  mirrors: 10,
  folders: 200,
  pattern: MAX_PATTERN_LENGTH,
  name: 80,
} as const;
