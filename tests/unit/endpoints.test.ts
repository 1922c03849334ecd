import { describe, expect, it } from 'vitest';
import { blobUrl, ENDPOINT_IDS, endpointUrl, plainViewUrl } from '../../src/core/fetch/endpoints';
import type { MirrorLocation } from '../../src/core/sources/types';

const loc: MirrorLocation = {
  owner: 'begood0513',
  repo: 'goodnews',
  branch: 'master',
  path: 'pages/nsc412/n12681566.md',
};
const chinese: MirrorLocation = { ...loc, path: 'pages/专栏 文集/a#1?.md' };

describe('endpoint URLs', () => {
  it('builds each endpoint URL for a mirror location', () => {
    expect(Object.fromEntries(ENDPOINT_IDS.map((id) => [id, endpointUrl(id, loc)]))).toEqual({
      fastly: 'https://fastly.jsdelivr.net/gh/begood0513/goodnews@master/pages/nsc412/n12681566.md',
      gcore: 'https://gcore.jsdelivr.net/gh/begood0513/goodnews@master/pages/nsc412/n12681566.md',
      testingcf:
        'https://testingcf.jsdelivr.net/gh/begood0513/goodnews@master/pages/nsc412/n12681566.md',
      cdn: 'https://cdn.jsdelivr.net/gh/begood0513/goodnews@master/pages/nsc412/n12681566.md',
      raw: 'https://raw.githubusercontent.com/begood0513/goodnews/master/pages/nsc412/n12681566.md',
      github: 'https://github.com/begood0513/goodnews/blob/master/pages/nsc412/n12681566.md',
    });
  });

  it('percent-encodes every path segment (Chinese folders, spaces, # and ?) on every endpoint', () => {
    for (const id of ENDPOINT_IDS) {
      const url = new URL(endpointUrl(id, chinese));
      expect(url.search).toBe('');
      expect(url.hash).toBe('');
      expect(url.pathname).toContain('/pages/%E4%B8%93%E6%A0%8F%20%E6%96%87%E9%9B%86/a%231%3F.md');
    }
  });

  it('gives the github.com blob page as the share link and its plain view', () => {
    expect(blobUrl(chinese)).toBe(
      'https://github.com/begood0513/goodnews/blob/master/pages/%E4%B8%93%E6%A0%8F%20%E6%96%87%E9%9B%86/a%231%3F.md',
    );
    expect(plainViewUrl(loc)).toBe(`${blobUrl(loc)}?plain=1`);
  });
});
