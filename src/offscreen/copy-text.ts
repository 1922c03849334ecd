/**
 * Writes text to the clipboard from a document that is never focused (an offscreen document
 * or Firefox's background page). `navigator.clipboard` refuses there ("Document is not
 * focused"); `execCommand('copy')` on a selected textarea works with `clipboardWrite`.
 */
export function copyWithTextarea(doc: Document, text: string): boolean {
  const area = doc.createElement('textarea');
  area.value = text;
  doc.body.append(area);
  try {
    area.select();
    return doc.execCommand('copy');
  } finally {
    area.remove();
  }
}
