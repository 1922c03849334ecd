/**
 * One attempt of the ladder: one endpoint asked for one file, the answer checked. A 200 must
 * be text (not binary, UTF-8) and pass the page or index check; github.com's HTML is read
 * for the file's lines first.
 */
import { endpointUrl, plainViewUrl, type EndpointId } from './endpoints';
import { ExtractError } from '../extract/extract-error';
import { checkPageText } from '../extract/page-text';
import type { FetchLike, LadderRequest } from './fetch-ladder';
import { extractBlobText, extractPlainViewText } from './github-blob';
import type { Attempt, AttemptOutcome } from './mirror-errors';
import { textMatchesBlob } from '../index/blob-sha';
import {
  checkLength,
  validateData,
  validateIndexPage,
  validateMirrorPage,
  type Validity,
} from './page-validity';

export type AttemptResult =
  | { ok: true; text: string }
  | {
      ok: false;
      outcome: AttemptOutcome;
      status?: number;
      detail: string;
      problem?: Attempt['problem'];
      /** A valid file, but not the blob the index names. */
      otherBlob?: string;
    };

export async function runAttempt(
  fetch: FetchLike,
  endpoint: EndpointId,
  request: LadderRequest,
  signal: AbortSignal,
  onHeaders: (status: number) => void,
): Promise<AttemptResult> {
  try {
    const validate =
      request.kind === 'page'
        ? validateMirrorPage
        : request.kind === 'data'
          ? validateData
          : validateIndexPage;
    const url = endpointUrl(endpoint, request.location);
    const first = await get(fetch, url, signal, onHeaders);
    if (!first.ok) return first;
    if (endpoint !== 'github') return verified(verdict(first.text, validate), request.expect);
    // github.com sends HTML: take the file's lines from it, else from the plain view.
    let text = extractBlobText(first.text);
    if (text === null) {
      const plain = await get(fetch, plainViewUrl(request.location), signal, onHeaders);
      if (!plain.ok) return plain;
      text = extractPlainViewText(plain.text);
    }
    if (text === null)
      return { ok: false, outcome: 'invalid', detail: 'github page without the file lines' };
    return verified(verdict(text, validate), request.expect);
  } catch (error) {
    const reason: unknown = signal.reason;
    if (signal.aborted && reason === 'deadline')
      return { ok: false, outcome: 'timeout', detail: 'deadline' };
    if (signal.aborted) return { ok: false, outcome: 'aborted', detail: String(reason) };
    return {
      ok: false,
      outcome: 'network',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

/** A valid answer that is not the blob the index names fails like any bad answer. */
async function verified(
  result: AttemptResult,
  expect: LadderRequest['expect'],
): Promise<AttemptResult> {
  if (!result.ok || !expect || (await textMatchesBlob(result.text, expect.sha, expect.size)))
    return result;
  return {
    ok: false,
    outcome: 'invalid',
    status: 200,
    detail: `not the indexed blob ${expect.sha.slice(0, 7)}`,
    otherBlob: result.text,
  };
}

function verdict(text: string, validate: (text: string) => Validity): AttemptResult {
  // A binary or non-UTF-8 file is no page either; say which, so the user is told.
  const problem = textProblem(text);
  if (problem) return { ok: false, outcome: 'invalid', status: 200, ...problem };
  const validity = validate(text);
  return validity.ok
    ? { ok: true, text }
    : { ok: false, outcome: validity.outcome, status: 200, detail: validity.detail };
}

function textProblem(text: string): { problem: 'binary' | 'encoding'; detail: string } | null {
  try {
    checkPageText(text);
    return null;
  } catch (error) {
    if (!(error instanceof ExtractError)) return null;
    if (error.code === 'binary' || error.code === 'encoding')
      return { problem: error.code, detail: error.message };
    return null;
  }
}

async function get(
  fetch: FetchLike,
  url: string,
  signal: AbortSignal,
  onHeaders: (status: number) => void,
): Promise<{ ok: true; text: string } | Extract<AttemptResult, { ok: false }>> {
  const response = await fetch(url, { signal });
  const { status, headers } = response;
  onHeaders(status);
  if (status === 429 || (status === 403 && headers.get('x-ratelimit-remaining')?.trim() === '0')) {
    const retry = headers.get('retry-after');
    return {
      ok: false,
      outcome: 'rate-limited',
      status,
      detail: retry ? `retry after ${retry}` : 'rate limited',
    };
  }
  if (status !== 200) return { ok: false, outcome: 'http', status, detail: `HTTP ${status}` };
  const text = await response.text();
  const length = checkLength(text, headers.get('content-length'), headers.get('content-encoding'));
  if (!length.ok) return { ok: false, outcome: length.outcome, status, detail: length.detail };
  return { ok: true, text };
}
