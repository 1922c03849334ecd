/** What resolving an article key gives, and what a resolver takes. */
import type { EndpointId } from '../fetch/endpoints';
import type { MirrorIndexOptions } from './mirror-index';
import type { Match, MirrorLocation, Source } from '../sources/types';

export interface ResolveResult {
  location: MirrorLocation;
  /** The share link (github.com blob URL; at `commit` for a page gone from the branch). */
  mirrorUrl: string;
  /** How the location was found. */
  via: 'mirror-url' | 'template' | 'cache' | 'index' | 'repo-index' | 'probe';
  source?: string;
  key?: string;
  /** Set when the page is gone from the branch: the last commit that had it (= location.branch). */
  commit?: string;
  /** The page's git blob, when an index knows it: the fetched bytes must be this. */
  blob?: PageBlob;
}

export interface PageBlob {
  sha: string;
  size: number;
}

export interface ResolverOptions extends MirrorIndexOptions {
  /** How long a miss is remembered, ms (default 6 h). */
  missTtlMs?: number;
  /** Probes in flight at once (default 3). */
  probeConcurrency?: number;
  /** Start the next probe when the last has not answered within this, ms (default 300). */
  probeStaggerMs?: number;
  /** Probes per mirror at most (default 40). */
  maxProbes?: number;
  /** How long a clean miss waits for the index this device is building, ms (default 10 s). */
  builtIndexWaitMs?: number;
}

/** A page fetched on the way (a probe hit, an index entry checked): no need to fetch it again. */
export interface FetchedPage {
  text: string;
  endpoint: EndpointId;
}

export interface Resolver {
  resolve(
    match: Match,
    opts?: { fresh?: boolean },
  ): Promise<{ result: ResolveResult; page?: FetchedPage }>;
  /** Drop what the store says about a key (its page is gone). */
  forget(source: Source, key: string): Promise<void>;
  idle(): Promise<void>;
}
