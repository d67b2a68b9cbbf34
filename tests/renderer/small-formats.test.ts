import { expect, test } from 'vitest';
import { humanSize } from '../../src-shared/human-size';
import { displaySubject } from '../../src-renderer/lib/subject';
import { canSend, limitHint } from '../../src-renderer/composer/body-limits';
import { emailBreakPieces, humanState, money, stateTone } from '../../src-renderer/order/format-order';
import { latestInboundId, messageRole } from '../../src-renderer/lib/message-role';

test('file sizes', () => {
  expect(humanSize(980)).toBe('980 B');
  expect(humanSize(240 * 1024)).toBe('240 KB');
  expect(humanSize(3.44 * 1024 * 1024)).toBe('3.4 MB');
  expect(humanSize(-1)).toBe('');
});

test('subjects: reason codes become words, free text stays', () => {
  expect(displaySubject('DAMAGED_PRODUCT')).toBe('Damaged product');
  expect(displaySubject('Où est mon colis ?')).toBe('Où est mon colis ?');
  expect(displaySubject('  ')).toBe('(no subject)');
  expect(displaySubject('OK')).toBe('OK');
});

test('reply limits show only near them', () => {
  expect(limitHint('')).toBeNull();
  expect(limitHint('Bonjour')).toBeNull();
  expect(limitHint('ok')).toEqual({ text: 'At least 3 characters', blocking: true });
  expect(limitHint('x'.repeat(45_000))).toEqual({ text: '45,000 / 50,000', blocking: false });
  expect(limitHint('x'.repeat(50_001))?.blocking).toBe(true);
  expect(canSend('  ok  ')).toBe(false);
  expect(canSend('Merci')).toBe(true);
  expect(canSend('x'.repeat(50_001))).toBe(false);
});

test('order formatting', () => {
  expect(humanState('WAITING_ACCEPTANCE')).toBe('Waiting acceptance');
  expect(stateTone('SHIPPED')).toBe('progress');
  expect(stateTone('REFUSED')).toBe('problem');
  expect(stateTone('RECEIVED')).toBe('ok');
  expect(money(49.9, 'EUR')).toBe('€49.90');
  expect(money(null, 'EUR')).toBe('—');
  expect(money(10, 'NOPE')).toBe('10.00 NOPE');
});

test('who wrote a message', () => {
  expect(messageRole({ direction: 'outbound', sender: { type: 'SHOP_USER', name: 'Shop' } })).toBe('shop');
  expect(messageRole({ direction: 'inbound', sender: { type: 'OPERATOR_USER', name: 'Op' } })).toBe('operator');
  expect(messageRole({ direction: 'inbound', sender: { type: 'CUSTOMER_USER', name: 'C' } })).toBe('customer');
  expect(latestInboundId([{ id: 3, direction: 'inbound' }, { id: 9, direction: 'outbound' }, { id: 5, direction: 'inbound' }])).toBe(5);
});

test('an e-mail wraps only after "@" and "+", and before dots', () => {
  expect(emailBreakPieces('notification+a452f0@notification.mirakl.net')).toEqual(['notification+', 'a452f0@', 'notification', '.mirakl', '.net']);
  expect(emailBreakPieces('jo@example.com')).toEqual(['jo@', 'example', '.com']);
  expect(emailBreakPieces('plain')).toEqual(['plain']);
  expect(emailBreakPieces('first.last@a.b').join('')).toBe('first.last@a.b');
});
