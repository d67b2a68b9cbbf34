// Runs in the main process; pure, tested under Node.
//
// The page's Content-Security-Policy. Sent as a response header for the app's file://
// pages (session.webRequest) and repeated in a <meta> tag of src-renderer/index.html as a
// fallback: a page loaded before the header hook, or opened by `vite preview`, is still
// covered. The header is the stricter: frame-ancestors has no effect in <meta>.
//
// No 'unsafe-eval', no inline script and no remote origin anywhere: the renderer is one
// bundle on disk. Inline styles stay allowed, as in `serve`'s policy: a style cannot run
// code, and components may render style attributes.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** What the <meta http-equiv> may carry: the same policy minus directives browsers ignore there. */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

type HeaderMap = Record<string, string | string[]>;

/**
 * The response headers with our policy in place of any the response carried (whatever
 * its case: two CSP headers would both apply, and the laxer one could not loosen ours,
 * but a single one is easier to reason about).
 */
export function withSecurityHeaders(headers: HeaderMap | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy' || name.toLowerCase() === 'x-content-type-options') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}
