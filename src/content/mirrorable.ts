/** The one matcher of the core, as the content script needs it. */
export function isMirrorableUrl(_href: string): boolean {
  return false;
}
