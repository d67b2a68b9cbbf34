import { describe, expect, it } from 'vitest';
import { appLocations, isAppPageUrl, isTrustedIpcSender } from '../../src-main/electron/app-page';

const { pageUrl, preloadPath, rendererDir } = appLocations('/opt/app/resources/app.asar');

describe('which page may use the IPC bridge', () => {
  it('locates the built app from the app path', () => {
    expect(pageUrl).toBe('file:///opt/app/resources/app.asar/dist/renderer/index.html');
    expect(preloadPath).toBe('/opt/app/resources/app.asar/dist/main/preload.cjs');
    expect(rendererDir).toBe('/opt/app/resources/app.asar/dist/renderer');
  });

  it('trusts the app page, whatever its route', () => {
    expect(isAppPageUrl(pageUrl, pageUrl)).toBe(true);
    expect(isAppPageUrl(`${pageUrl}#/conversations/4`, pageUrl)).toBe(true);
    expect(isAppPageUrl(`${pageUrl}?x=1`, pageUrl)).toBe(true);
  });

  it.each([
    'file:///opt/app/resources/app.asar/dist/renderer/other.html',
    'file:///etc/passwd',
    'file://evil-host/opt/app/resources/app.asar/dist/renderer/index.html',
    'https://evil.example/opt/app/resources/app.asar/dist/renderer/index.html',
    'http://localhost:4319/',
    'about:blank',
    'not a url',
  ])('does not trust %s', (url) => {
    expect(isAppPageUrl(url, pageUrl)).toBe(false);
  });

  it('trusts only the top frame of the app page', () => {
    expect(isTrustedIpcSender({ senderFrame: { url: pageUrl, parent: null } }, pageUrl)).toBe(true);
    expect(isTrustedIpcSender({ senderFrame: { url: pageUrl, parent: { url: pageUrl } } }, pageUrl)).toBe(false);
    expect(isTrustedIpcSender({ senderFrame: null }, pageUrl)).toBe(false);
    expect(isTrustedIpcSender({}, pageUrl)).toBe(false);
    expect(isTrustedIpcSender(null, pageUrl)).toBe(false);
  });
});
