/**
 * A source is data, not code: JSON-serializable so that users can add their own later.
 * `validateSource` (sources/schema.ts) checks untrusted input against this shape.
 */

/** Display name in each UI language; zh_CN first. */
export interface LocalizedName {
  zh_CN: string;
  zh_TW: string;
  en: string;
}

/**
 * One URL shape of an original site. `path` is a regular-expression source tested against
 * the URL's decoded pathname (anchored by the matcher). Named groups:
 * - `id` (required): the article id, the mirror page's file name without `.md`;
 * - `folder` (optional): the mirror folder, when the original URL carries it.
 */
export interface UrlPattern {
  path: string;
}

/** How an article key becomes a path in a mirror repository. */
export type PathRule =
  /** The folder is known from the URL (or fixed): fill `{folder}` and `{id}`. */
  | { kind: 'template'; template: string }
  /**
   * The folder is not in the URL: look it up (cache, the mirror's own index pages, probing).
   * `folders` lists the likely folders, most frequent first, for probing.
   */
  | { kind: 'lookup'; template: string; folders: string[] };

/**
 * Where the index our workflow publishes for a mirror lives: a folder (`path`) on a branch of
 * a GitHub repository (`owner/name`), read through the same endpoints as pages.
 */
export interface IndexLocation {
  repo: string;
  branch: string;
  path: string;
}

/** A GitHub repository that mirrors a source's articles. */
export interface Mirror {
  owner: string;
  repo: string;
  branch: string;
  path: PathRule;
  /**
   * Earlier `owner/repo` names of the repository (GitHub redirects renamed repositories, and
   * old pages still link to the old name), recognized in mirror URLs.
   */
  formerNames?: string[];
  /** Where its published index lives (see src/core/index/), when there is one. */
  index?: IndexLocation;
}

export interface Source {
  /** Stable id: the site's registrable domain, e.g. `epochtimes.com`. */
  id: string;
  name: LocalizedName;
  /** Registrable hosts; a URL matches a listed host or a real subdomain of one. */
  hosts: string[];
  patterns: UrlPattern[];
  /** Tried in order. */
  mirrors: Mirror[];
}

/** What the matcher needs of a source: which URLs are its originals. */
export type UrlRules = Pick<Source, 'id' | 'hosts' | 'patterns'>;

/** What the matcher found in an original URL. */
export interface Match<S extends UrlRules = Source> {
  source: S;
  /** The article id (file name of the mirror page without `.md`). */
  key: string;
  /** The mirror folder when the URL carries it. */
  folder?: string;
  /** Folder-shaped segments of the URL's path, deepest first (probed last; url-segments.ts). */
  segments?: string[];
}

/** Where a key was found: one repository and a path inside it. */
export interface MirrorLocation {
  owner: string;
  repo: string;
  branch: string;
  /** e.g. `pages/nsc412/n12681566.md` */
  path: string;
}
