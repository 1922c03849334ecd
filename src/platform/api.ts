/**
 * The WebExtension API for extension pages and the worker: webextension-polyfill gives
 * Chromium's `chrome.*` the promise-based `browser.*` shape Firefox has natively.
 * The content script does not import this (it must stay small): it uses `chrome`/`browser`
 * directly through platform/messaging.
 */
import browser from 'webextension-polyfill';

export { browser };
