// Build tooling (a Vite plugin used by vite.config.ts), run under Node.
//
// Writes the Content-Security-Policy into the built index.html as a <meta> tag: the
// fallback for the response header the main process adds (session.webRequest), so the
// page is covered even where that hook does not run for file://. Build only: the Vite
// dev server needs an inline script (React refresh) and a WebSocket the policy forbids.
import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from '../content-security-policy';

export function cspMetaPlugin(policy = META_CONTENT_SECURITY_POLICY): Plugin {
  return {
    name: 'mirakl-cs:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      // First in <head>, before any script or stylesheet it must govern.
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
    },
  };
}
