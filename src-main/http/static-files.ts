// The web UI (dist/renderer) at `/`. It holds no data, so it is served without the token;
// the data comes from /api, which needs it. Paths are resolved and confined to the
// folder; unknown extension-less paths fall back to index.html (client-side routes, such
// as an open conversation's address, /c/812).
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../electron/content-security-policy';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** The page's policy: the one the desktop shell sends too, so the UI runs under one set of rules everywhere. */
export const UI_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY;

const PLACEHOLDER = `<!doctype html><html><head><meta charset="utf-8"><title>Mirakl Customer Service</title></head>
<body><h1>Mirakl Customer Service</h1><p>The web UI is not built (run <code>npx vite build</code>).
The API is served under <code>/api</code>; its description is at <code>/api/openapi.json</code>.</p></body></html>`;

export class StaticFiles {
  private readonly root: string | null;

  constructor(dir: string | undefined) {
    this.root = dir && fs.existsSync(path.join(dir, 'index.html')) ? fs.realpathSync(dir) : null;
  }

  /** Answers a GET for `urlPath` (already without its query); false when nothing matches. */
  async serve(urlPath: string, reply: FastifyReply): Promise<boolean> {
    if (!this.root) {
      if (urlPath !== '/' && urlPath !== '/index.html') return false;
      this.htmlHeaders(reply);
      await reply.type('text/html; charset=utf-8').send(PLACEHOLDER);
      return true;
    }
    const file = this.resolve(urlPath);
    if (file === null) return false;
    const ext = path.extname(file).toLowerCase();
    if (ext === '.html') this.htmlHeaders(reply);
    else if (urlPath.startsWith('/assets/')) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    else reply.header('Cache-Control', 'no-cache');
    const body = await fs.promises.readFile(file);
    await reply.type(CONTENT_TYPES[ext] ?? 'application/octet-stream').send(ext === '.html' ? fromRoot(body) : body);
    return true;
  }

  private htmlHeaders(reply: FastifyReply): void {
    reply.header('Cache-Control', 'no-cache').header('Content-Security-Policy', UI_CONTENT_SECURITY_POLICY);
  }

  /** The file for a URL path, inside the root; index.html for client-side routes; null otherwise. */
  private resolve(urlPath: string): string | null {
    const root = this.root;
    if (!root) return null;
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return null;
    const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
    if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
    const found = this.existingFile(candidate) ?? this.existingFile(path.join(candidate, 'index.html'));
    if (found) return found;
    // A client-side route (/conversations/12): the app's page. A missing asset: 404.
    return path.extname(decoded) === '' ? this.existingFile(path.join(root, 'index.html')) : null;
  }

  private existingFile(file: string): string | null {
    try {
      const real = fs.realpathSync(file);
      const root = this.root ?? '';
      if (real !== root && !real.startsWith(root + path.sep)) return null; // a symlink pointing out
      return fs.statSync(real).isFile() ? real : null;
    } catch {
      return null;
    }
  }
}

/**
 * The page's own files addressed from the root. The build links them relative to the page
 * (`./assets/…`), which the desktop app needs (file://); served at /c/812 they would resolve
 * to /c/assets/…. The policy forbids a <base> element (base-uri 'none'), so the links are
 * rewritten instead.
 */
function fromRoot(html: Buffer): string {
  return html.toString('utf8').replace(/(\s(?:src|href))="\.\//g, '$1="/');
}
