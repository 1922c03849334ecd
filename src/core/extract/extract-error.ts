/** Why a page could not be turned into an article. */
export type ExtractErrorCode =
  /** Nothing but whitespace. */
  | 'empty'
  /** Not text: NUL bytes or mostly control characters. */
  | 'binary'
  /** Text that is mostly undecodable (invalid UTF-8 turned into U+FFFD). */
  | 'encoding'
  /** Larger than `MAX_PAGE_CHARS`. */
  | 'too-large'
  /** Neither a title, text, an image nor audio: only the mirror's template, or nothing. */
  | 'no-content'
  /** The window given cannot sanitize (no DOMParser or DOM interfaces). */
  | 'no-dom';

export class ExtractError extends Error {
  override readonly name = 'ExtractError';

  constructor(
    readonly code: ExtractErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** Errors cross the message boundary as JSON. */
  toJSON(): { name: string; code: ExtractErrorCode; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}
