// The <meta> fallback of the Content-Security-Policy: the same policy as the header, in
// every built page (vite.config.ts uses the plugin), never in the dev server's.
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../vite.config';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../src-main/electron/content-security-policy';
import { cspMetaPlugin } from '../../src-main/electron/build/csp-meta-plugin';

describe('CSP <meta> fallback', () => {
  it('is the header policy minus frame-ancestors (ignored in <meta>)', () => {
    expect(META_CONTENT_SECURITY_POLICY).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });

  it('is written first in <head> of built pages only', () => {
    const plugin = cspMetaPlugin();
    expect(plugin.apply).toBe('build');
    const hook = plugin.transformIndexHtml as { handler: () => HtmlTagDescriptor[] };
    expect(hook.handler()).toEqual([
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ]);
  });

  it('is part of the renderer build', () => {
    const plugins = ((viteConfig as { plugins?: unknown[] }).plugins ?? []).flat() as Plugin[];
    expect(plugins.map((p) => p?.name)).toContain('mirakl-cs:csp-meta');
  });
});
