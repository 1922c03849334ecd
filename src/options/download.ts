/** Saves text as a file the user downloads (no downloads permission: an <a download> click). */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The click has started the download; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The text of a file the user picked. */
export function readFileText(input: HTMLInputElement): Promise<string | null> {
  const file = input.files?.[0];
  return file ? file.text() : Promise.resolve(null);
}

/** `2026-12-05`, for file names. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
