/**
 * The library's records are sealed: title, URLs and page are encrypted (AES-GCM) and looked
 * up by keyed tags (HMAC-SHA-256), with a key kept apart from the database. Chromium keeps
 * values of a deleted IndexedDB database readable in its LevelDB files until it compacts
 * them; once the key is gone ("Forget everything" deletes it whole), what stays there is
 * noise. Only times and the pinned flag are stored in the clear (eviction needs them).
 */

/** 32 bytes of AES key, then 32 bytes of HMAC key. */
export const KEY_BYTES = 64;

export interface LibraryKeys {
  seal: CryptoKey;
  tag: CryptoKey;
}

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function newKeyBytes(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

/** The keys from stored key bytes; null when the bytes are not a key (damaged). */
export async function importKeys(raw: ArrayBuffer | Uint8Array): Promise<LibraryKeys | null> {
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
  if (bytes.length !== KEY_BYTES) return null;
  const [seal, tag] = await Promise.all([
    crypto.subtle.importKey('raw', bytes.slice(0, 32), 'AES-GCM', false, ['encrypt', 'decrypt']),
    crypto.subtle.importKey('raw', bytes.slice(32), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]),
  ]);
  return { seal, tag };
}

/** A stable, keyed stand-in for `text` (an entry id or a URL): 128 bits as hex. */
export async function tagOf(keys: LibraryKeys, text: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', keys.tag, encoder.encode(text));
  return [...new Uint8Array(mac, 0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Encrypts `text`, bound to `context` (the record's tag and part) so that parts cannot be
 * swapped between records unnoticed.
 */
export async function seal(
  keys: LibraryKeys,
  content: string | Uint8Array<ArrayBuffer>,
  context: string,
): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    keys.seal,
    typeof content === 'string' ? encoder.encode(content) : content,
  );
  return { iv, data };
}

/** The text sealed, or null when it cannot be opened (damaged, or sealed with another key). */
export async function unseal(
  keys: LibraryKeys,
  sealed: Sealed,
  context: string,
): Promise<string | null> {
  const plain = await unsealBytes(keys, sealed, context);
  try {
    return plain && decoder.decode(plain);
  } catch {
    return null;
  }
}

/** The bytes sealed, or null when they cannot be opened. */
export async function unsealBytes(
  keys: LibraryKeys,
  sealed: Sealed,
  context: string,
): Promise<ArrayBuffer | null> {
  try {
    return await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(context) },
      keys.seal,
      sealed.data,
    );
  } catch {
    return null;
  }
}

export function isSealed(v: unknown): v is Sealed {
  const s = v as Partial<Sealed> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    s.iv instanceof Uint8Array &&
    s.iv.length === 12 &&
    s.data instanceof ArrayBuffer
  );
}
