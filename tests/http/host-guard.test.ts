import { describe, expect, it } from 'vitest';
import { HostGuard, parseHostHeader } from '../../src-main/http/host-guard';
import { contentDisposition, safeContentType } from '../../src-main/http/file-routes';

describe('Host and Origin checks (DNS rebinding, cross-site pages)', () => {
  const loopback = new HostGuard('127.0.0.1', () => 4319);

  it('accepts the loopback names on the bound port only', () => {
    for (const ok of ['127.0.0.1:4319', 'localhost:4319', 'LOCALHOST:4319', '[::1]:4319']) expect(loopback.allowsHost(ok), ok).toBe(true);
    for (const bad of [
      undefined,
      '',
      'evil.example:4319',
      'evil.example',
      '127.0.0.1',
      '127.0.0.1:4320',
      '127.1:4319',
      '0x7f.0.0.1:4319',
      '127.0.0.1.:4319',
      'localhost.:4319',
      '127.0.0.1:4319@evil.example',
      'evil.example/127.0.0.1:4319',
      'localhost.evil.example:4319',
      '127.0.0.1.nip.io:4319',
      '127.0.0.1:4319 ',
    ]) {
      expect(loopback.allowsHost(bad), String(bad)).toBe(false);
    }
  });

  it('accepts only this server as Origin', () => {
    expect(loopback.allowsOrigin('http://127.0.0.1:4319')).toBe(true);
    expect(loopback.allowsOrigin('http://localhost:4319')).toBe(true);
    for (const bad of ['null', 'http://evil.example', 'http://127.0.0.1:4320', 'https://127.0.0.1:4319', 'http://127.0.0.1:4319.evil.example', 'file://', 'http://localhost:4319/x']) {
      expect(loopback.allowsOrigin(bad), bad).toBe(false);
    }
  });

  it('bound to another interface: that address only; on every interface: IP literals, never DNS names', () => {
    const lan = new HostGuard('192.168.1.20', () => 80);
    expect(lan.allowsHost('192.168.1.20')).toBe(true);
    expect(lan.allowsHost('192.168.1.20:80')).toBe(true);
    expect(lan.allowsHost('127.0.0.1:80')).toBe(false);
    const any = new HostGuard('0.0.0.0', () => 4319);
    expect(any.allowsHost('10.0.0.5:4319')).toBe(true);
    expect(any.allowsHost('[fe80::1]:4319')).toBe(true);
    expect(any.allowsHost('rebind.evil.example:4319')).toBe(false);
  });

  it('parses a Host header as a URL would, refusing what it would rewrite', () => {
    expect(parseHostHeader('Example.com:81')).toEqual({ hostname: 'example.com', port: 81 });
    expect(parseHostHeader('127.1:81')).toBeNull();
    expect(parseHostHeader('a b')).toBeNull();
  });
});

describe('attachment headers', () => {
  it('Content-Disposition: always a download, no quote, slash or control character survives', () => {
    expect(contentDisposition('invoice.pdf')).toBe(`attachment; filename="invoice.pdf"; filename*=UTF-8''invoice.pdf`);
    const hostile = contentDisposition('../../etc/"passwd"\r\nSet-Cookie: x=1.pdf');
    expect(hostile).not.toMatch(/[\r\n]/);
    expect(hostile.match(/filename="([^"]*)"/)![1]).not.toMatch(/[/\\"]/);
    expect(contentDisposition('réçu 📦.pdf')).toContain(`filename*=UTF-8''r%C3%A9%C3%A7u%20%F0%9F%93%A6.pdf`);
    // Browsers take the exact name (filename*); clients reading only filename= get the letters without their accents.
    expect(contentDisposition('photo_dégâts (2).jpeg')).toBe(`attachment; filename="photo_degats (2).jpeg"; filename*=UTF-8''photo_d%C3%A9g%C3%A2ts%20%282%29.jpeg`);
    expect(contentDisposition('Łódź ﬁche.pdf')).toContain('filename="_odz fiche.pdf"');
    expect(contentDisposition('\uD800broken')).toContain('%EF%BF%BD');
    expect(contentDisposition('...')).toContain('filename="attachment"');
  });

  it('Content-Type: a plain media type, else octet-stream', () => {
    expect(safeContentType('image/PNG')).toBe('image/png');
    expect(safeContentType('text/html; charset=utf-8')).toBe('text/html');
    expect(safeContentType('text/html\r\nX: y')).toBe('application/octet-stream');
    expect(safeContentType('')).toBe('application/octet-stream');
  });
});
