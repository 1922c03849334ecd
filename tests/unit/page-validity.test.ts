import { describe, expect, it } from 'vitest';
import {
  checkLength,
  validateIndexPage,
  validateMirrorPage,
} from '../../src/core/fetch/page-validity';
import { mirrorPage } from '../helpers/fake-network';

const PAGE = mirrorPage(
  '标题',
  'gfw-breaker/mh-news',
  'pages/251/1.md',
  'http://www.minghui.org/mh/articles/2020/1/1/x-1.html',
);

describe('mirror page validity', () => {
  it('accepts a page in the mirror format', () => {
    expect(validateMirrorPage(PAGE)).toEqual({ ok: true });
    expect(validateMirrorPage(`\uFEFF\n${PAGE}`)).toEqual({ ok: true });
  });

  it('accepts a page of a template not seen yet when it is Markdown with a heading', () => {
    expect(validateMirrorPage('## 新模板\n\n正文……\n')).toEqual({ ok: true });
    expect(validateMirrorPage('正文\n原文地址：http://x/')).toEqual({ ok: true });
  });

  it('rejects HTML documents: error pages, captchas, rate-limit pages', () => {
    const captcha =
      '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>verify you are human</body></html>';
    expect(validateMirrorPage(captcha)).toMatchObject({
      ok: false,
      outcome: 'invalid',
      detail: expect.stringContaining('captcha'),
    });
    expect(validateMirrorPage('<html><body>429 Too Many Requests</body></html>')).toMatchObject({
      ok: false,
      outcome: 'invalid',
      detail: expect.stringContaining('rate-limit'),
    });
    expect(validateMirrorPage(`<!doctype html><title>Error</title>${PAGE}`)).toMatchObject({
      ok: false,
      outcome: 'invalid',
    });
  });

  it('rejects plain-text notices and empty bodies', () => {
    expect(validateMirrorPage('404: Not Found')).toMatchObject({
      ok: false,
      outcome: 'invalid',
      detail: 'not-found notice',
    });
    expect(
      validateMirrorPage('Package size exceeded the configured limit of 50 MB.'),
    ).toMatchObject({ ok: false, outcome: 'invalid' });
    expect(validateMirrorPage('  \n')).toMatchObject({
      ok: false,
      outcome: 'invalid',
      detail: 'empty body',
    });
  });

  it('calls a page that stops before its 原文地址 line truncated', () => {
    const cut = PAGE.slice(0, PAGE.indexOf('原文地址'));
    expect(validateMirrorPage(cut)).toMatchObject({ ok: false, outcome: 'truncated' });
    expect(validateMirrorPage(PAGE.slice(0, 80))).toMatchObject({
      ok: false,
      outcome: 'truncated',
    });
  });

  it('detects truncation from Content-Length, counting UTF-8 bytes', () => {
    const bytes = String(Buffer.byteLength(PAGE));
    expect(checkLength(PAGE, bytes, null)).toEqual({ ok: true });
    expect(checkLength(PAGE.slice(0, -3), bytes, null)).toMatchObject({
      ok: false,
      outcome: 'truncated',
    });
    expect(checkLength('中文', '6', 'identity')).toEqual({ ok: true });
    expect(checkLength('中', '6', null)).toMatchObject({
      ok: false,
      detail: 'received 3 of 6 bytes',
    });
  });

  it('does not compare Content-Length of compressed or unlabelled bodies', () => {
    expect(checkLength('short', '100', 'gzip')).toEqual({ ok: true });
    expect(checkLength('short', null, null)).toEqual({ ok: true });
    expect(checkLength('short', 'abc', null)).toEqual({ ok: true });
  });
});

describe('index page validity', () => {
  it('accepts Markdown with links, rejects HTML documents and notices', () => {
    expect(validateIndexPage('#### [时事评论](indexes/19.md?t=1)')).toEqual({ ok: true });
    expect(validateIndexPage('<!DOCTYPE html><html></html>')).toMatchObject({
      ok: false,
      outcome: 'invalid',
    });
    expect(validateIndexPage('Too Many Requests')).toMatchObject({ ok: false, outcome: 'invalid' });
  });
});
