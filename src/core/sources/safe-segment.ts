/**
 * Keys and folders become file paths in a mirror repository: letters, digits, `_` and `-`
 * only, so no `..`, `/`, `%` or control characters can reach a path.
 */
export const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;
