// The app talks to nobody but the user's Mirakl instances (and this machine). Checked where
// it can be here: the Electron session (no spell-check dictionary from Google's CDN, every
// request but local ones cancelled), the page's CSP, the main process's only way out (the
// Mirakl client, which follows no redirect elsewhere).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/content-security-policy';
import { hasOsSpellChecker, isLocalRequest, secureSession } from '../../src-main/electron/session-security';
import { MiraklClient } from '../../src-main/mirakl/client';
import { MiraklError } from '../../src-main/mirakl/errors';
import { fake } from './fake-electron';

const ROOT = path.resolve(__dirname, '../..');

type FakeSessionClass = new () => typeof fake.session.defaultSession;
const newSession = () => new (fake.session.defaultSession.constructor as FakeSessionClass)();

describe('no call home', () => {
  it('never downloads spell-check dictionaries: the OS checker on macOS and Windows, none on Linux', () => {
    for (const platform of ['linux', 'darwin', 'win32', 'freebsd'] as const) {
      const session = newSession();
      secureSession(session as never, { isAppPage: () => false, appDir: '/opt/Mirakl Customer Service/resources/app.asar', platform });
      const url = new URL(session.spellCheckerDictionaryDownloadUrl!);
      expect(url.protocol, platform).toBe('file:');
      expect(url.href).toBe('file:///opt/Mirakl%20Customer%20Service/resources/app.asar/dictionaries/');
      expect(session.spellCheckerEnabled, platform).toBe(platform === 'darwin' || platform === 'win32');
      expect(hasOsSpellChecker(platform)).toBe(session.spellCheckerEnabled);
    }
  });

  it('cancels every request of the page that is not local', () => {
    const session = newSession();
    secureSession(session as never, { isAppPage: () => true, appDir: ROOT, platform: 'linux' });
    const cancelled = (url: string) => {
      let answer: { cancel?: boolean } = {};
      session.requestListener!({ url }, (response) => (answer = response));
      return answer.cancel === true;
    };
    for (const url of [
      'https://redirector.gvt1.com/edgedl/chrome/dict/en-US-10-1.bdic',
      'https://fonts.googleapis.com/css2?family=Inter',
      'https://acme.mirakl.net/api/inbox/threads',
      'http://example.com/',
      'ws://example.com/socket',
      'ftp://example.com/',
      'https://127.0.0.1.nip.io/',
      'not a url',
    ]) {
      expect(cancelled(url), url).toBe(true);
    }
    for (const url of ['file:///opt/app/dist/renderer/index.html', 'data:image/png;base64,AAAA', 'blob:file:///1234', 'devtools://devtools/bundled/inspector.html', 'http://127.0.0.1:4319/api/health', 'http://localhost:4319/']) {
      expect(cancelled(url), url).toBe(false);
      expect(isLocalRequest(url)).toBe(true);
    }
  });

  it("the page's policy names no host: only the app's own files", () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*|\.com|\.net/);
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
  });

  it('the main process reaches the network only through the Mirakl client', () => {
    const outbound = /\bfetch\(|from '(axios|undici|ws)'|\b(http|https|http2)\.(request|get|connect)\(|\b(net|tls)\.(connect|createConnection)\(|\bnew WebSocket\(|\bdns\.(lookup|resolve)/;
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && outbound.test(fs.readFileSync(file, 'utf8'))) offenders.push(path.relative(ROOT, file));
      }
    };
    walk(path.join(ROOT, 'src-main'));
    // The fake Mirakl only serves (it is the demo and the tests' marketplace, on loopback).
    expect(offenders.filter((f) => !f.startsWith('src-main/fake-mirakl/')).sort()).toEqual(['src-main/mirakl/client.ts']);
  });

  it('the Mirakl client follows no redirect away from the configured instance', async () => {
    let elsewhere = 0;
    const other = http.createServer((_req, res) => {
      elsewhere += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const mirakl = http.createServer((req, res) => {
      res.writeHead(302, { location: `${otherUrl}${req.url}` });
      res.end();
    });
    await new Promise<void>((resolve) => mirakl.listen(0, '127.0.0.1', resolve));
    try {
      const client = new MiraklClient({ baseUrl: `http://127.0.0.1:${(mirakl.address() as AddressInfo).port}`, apiKey: 'secret' }, { retries: 0 });
      const error = await client.getAccount().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MiraklError);
      expect((error as MiraklError).status).toBe(302);
      expect(elsewhere).toBe(0);
    } finally {
      await new Promise((resolve) => mirakl.close(resolve));
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
