// The open conversation's address: /c/812 in a browser, #/c/812 in the desktop app's file page.
import { expect, test } from 'vitest';
import { addressOf, conversationInAddress, type PageLocation } from '../../src-renderer/lib/conversation-address';

const web = (pathname: string): PageLocation => ({ protocol: 'http:', pathname, search: '', hash: '' });
const desktop = (hash: string): PageLocation => ({ protocol: 'file:', pathname: '/opt/app/dist/renderer/index.html', search: '', hash });

test('a browser address names the conversation by its path', () => {
  expect(conversationInAddress(web('/c/812'))).toBe(812);
  expect(conversationInAddress(web('/c/812/'))).toBe(812);
  for (const path of ['/', '/c/', '/c/0', '/c/-3', '/c/12x', '/c/812/extra', '/x/812', `/c/${'9'.repeat(20)}`]) expect(conversationInAddress(web(path)), path).toBeNull();
  expect(addressOf(web('/'), 812)).toBe('/c/812');
  expect(addressOf(web('/c/812'), null)).toBe('/');
});

test('the desktop page keeps its file and names the conversation in its hash', () => {
  expect(conversationInAddress(desktop('#/c/77'))).toBe(77);
  expect(conversationInAddress(desktop(''))).toBeNull();
  expect(addressOf(desktop(''), 77)).toBe('/opt/app/dist/renderer/index.html#/c/77');
  expect(addressOf(desktop('#/c/77'), null)).toBe('/opt/app/dist/renderer/index.html');
});
