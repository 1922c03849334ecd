/**
 * A URL pattern's `path` is a regular-expression source matched against the whole decoded
 * pathname. One compiler for the matcher and the schema, so both read a pattern the same way.
 * Throws a SyntaxError when the source does not compile.
 */
export function compilePathPattern(path: string): RegExp {
  return new RegExp(`^(?:${path})$`, 'u');
}

/** The named groups a pattern source declares (an empty alternative makes every group show). */
export function patternGroupNames(path: string): string[] {
  const groups = new RegExp(`(?:${path})|`, 'u').exec('')?.groups;
  return groups ? Object.keys(groups) : [];
}
