import { describe, expect, it } from 'vitest';
import { MAX_EXTERNAL_URL_LENGTH, toExternalHttpUrl } from '../../src-shared/external-url';

describe('links handed to the system browser', () => {
  it.each([
    ['https://www.mirakl.com/', 'https://www.mirakl.com/'],
    ['http://example.com/track?id=42#x', 'http://example.com/track?id=42#x'],
    ['HTTPS://Example.COM/a b', 'https://example.com/a%20b'],
    ['https://good.com/@evil.com', 'https://good.com/@evil.com'],
    ['https://xn--bcher-kva.example/', 'https://xn--bcher-kva.example/'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['https://192.168.1.10/admin', 'https://192.168.1.10/admin'],
    // what the browser gets is the parsed form: empty credentials and missing slashes are gone
    ['https://:@example.com/', 'https://example.com/'],
    ['http:example.com', 'http://example.com/'],
  ])('opens %s as %s', (raw, expected) => {
    expect(toExternalHttpUrl(raw)).toBe(expected);
  });

  it.each([
    // credentials: the part before @ is a user name, not the host the user thinks they see
    'https://evil.com@good.com',
    'https://good.com@evil.com/login',
    'https://user:pass@example.com/',
    // other schemes
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'data:text/html,<script>alert(1)</script>',
    'blob:https://example.com/123',
    'vbscript:msgbox(1)',
    'mailto:someone@example.com',
    'ftp://example.com/file',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'chrome://settings',
    // this machine
    'http://localhost:4319',
    'http://localhost:4319/api/conversations',
    'http://LOCALHOST./',
    'http://app.localhost/',
    'http://localhost.:4319/',
    'http://127.0.0.1:4319/',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f.0.0.1/',
    'http://0.0.0.0:8080/',
    'http://[::1]:4319/',
    'http://[::ffff:127.0.0.1]/',
    // not URLs
    'example.com',
    '//example.com/x',
    '/relative/path',
    'https://',
    '',
  ])('refuses %s', (raw) => {
    expect(toExternalHttpUrl(raw)).toBeNull();
  });

  it('refuses what is not a string, and absurdly long links', () => {
    expect(toExternalHttpUrl(undefined)).toBeNull();
    expect(toExternalHttpUrl({ toString: () => 'https://example.com' })).toBeNull();
    expect(toExternalHttpUrl(`https://example.com/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`)).toBeNull();
  });
});
