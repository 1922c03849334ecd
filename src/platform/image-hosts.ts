/**
 * Host permissions granted for keeping images (optional_host_permissions), given back: the
 * browser keeps granted hosts in the profile's preferences, where they would name the sites
 * of what the user read.
 */
import { grantedForImages } from '../core/library/offline-images';
import { browser } from './api';

/** Gives back every host granted for images (or only `patterns`); how many went. */
export async function releaseImageHosts(patterns?: readonly string[]): Promise<number> {
  const required = browser.runtime.getManifest().host_permissions ?? [];
  const granted = patterns ?? (await browser.permissions.getAll()).origins ?? [];
  let released = 0;
  // One at a time: a pattern the manifest covers otherwise (a subdomain of one) is refused
  // alone, without keeping the others.
  for (const origin of grantedForImages(granted, required)) {
    if (await browser.permissions.remove({ origins: [origin] }).catch(() => false)) released++;
  }
  return released;
}
