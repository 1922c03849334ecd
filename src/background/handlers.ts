/** The background's answers to every message in the contract. */
import type { Handlers } from '../platform/messaging';
import { browser } from '../platform/api';
import { linkCount, recordLinkCount } from './tab-badge';

function badRequest(message: string): Error {
  return Object.assign(new Error(message), { code: 'bad-request' });
}

export const handlers: Handlers = {
  async ping() {
    return { version: browser.runtime.getManifest().version };
  },
  async contentReport({ count }, sender) {
    if (sender.tabId === undefined) throw badRequest('contentReport comes from a tab');
    if (!Number.isInteger(count) || count < 0) throw badRequest('count must be a whole number');
    await recordLinkCount(sender.tabId, sender.url ?? '', count);
    return { ok: true };
  },
  async tabStatus({ tabId }) {
    if (!Number.isInteger(tabId)) throw badRequest('tabId must be a whole number');
    return { linkCount: await linkCount(tabId) };
  },
};
