import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinSources, INDEX_HOME } from '../../src/core/sources/builtin';

const workflow = readFileSync('.github/workflows/mirror-index.yml', 'utf8');

describe('the mirror-index workflow', () => {
  it('runs on a schedule and on demand', () => {
    expect(workflow).toMatch(/^\s+schedule:\s*\n\s+- cron: '[^']+'/m);
    expect(workflow).toMatch(/^\s+workflow_dispatch:/m);
  });

  it('builds with the npm script the tests run, into the branch the sources read', () => {
    expect(workflow).toContain('npm run --silent cli -- index build --repo "$repo" --clone mirror');
    expect(workflow).toContain(`INDEX_BRANCH: ${INDEX_HOME.branch}`);
  });

  it('builds every built-in mirror, into the folder its index field names', () => {
    const listed = /MIRRORS: (.+)/.exec(workflow)?.[1]?.trim().split(/\s+/) ?? [];
    const indexed = builtinSources.flatMap((s) => s.mirrors.map((m) => m.index));
    for (const index of indexed) {
      expect(index).toMatchObject({ repo: INDEX_HOME.repo, branch: INDEX_HOME.branch });
      expect(listed).toContain(index?.path);
    }
    expect(workflow).toContain('--out "published/$repo"');
  });
});
