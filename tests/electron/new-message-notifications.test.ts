import { describe, expect, it } from 'vitest';
import type { AppEvent, Message } from '../../src-shared/contract';
import { describeBatch, NewMessageNotifier, type NotificationRequest } from '../../src-main/electron/new-message-notifier';

const START = Date.parse('2026-01-10T09:00:00Z');

function message(id: number, fields: Partial<Message> = {}): Message {
  return {
    id,
    miraklMessageId: `m-${id}`,
    conversationId: 100 + id,
    direction: 'inbound',
    sender: { type: 'CUSTOMER_USER', name: `Customer ${id}` },
    body: '<p>Hello</p>',
    bodyText: 'Where is my parcel?\n\nThanks',
    sentAt: new Date(START + id * 1000).toISOString(),
    status: 'delivered',
    error: null,
    attachments: [],
    outboxFiles: [],
    ...fields,
  };
}
const upserted = (m: Message): AppEvent => ({ type: 'message.upserted', message: m });

function notifier(focused = false) {
  const shown: NotificationRequest[] = [];
  let pending: (() => void) | null = null;
  const state = { focused };
  const n = new NewMessageNotifier({
    since: START,
    isWindowFocused: () => state.focused,
    show: (r) => shown.push(r),
    setTimer: (fn) => {
      pending = fn;
      return 1;
    },
    clearTimer: () => {
      pending = null;
    },
  });
  return { n, shown, state, fire: () => pending?.() };
}

describe('desktop notifications for new customer messages', () => {
  it('announces a customer message that arrived while the window is in the background', () => {
    const { n, shown, fire } = notifier();
    n.handle(upserted(message(1)));
    fire();
    expect(shown).toEqual([{ title: 'Customer 1', body: 'Where is my parcel? Thanks', conversationId: 101 }]);
  });

  it('stays quiet while the user is looking at the window', () => {
    const { n, shown, fire } = notifier(true);
    n.handle(upserted(message(1)));
    fire();
    expect(shown).toEqual([]);
  });

  it('ignores our own replies, pending ones, history from before the app started, and other events', () => {
    const { n, shown, fire } = notifier();
    n.handle(upserted(message(1, { direction: 'outbound', sender: { type: 'SHOP_USER', name: 'Us' } })));
    n.handle(upserted(message(2, { status: 'pending' })));
    n.handle(upserted(message(3, { sentAt: new Date(START - 60_000).toISOString() })));
    n.handle({ type: 'message.deleted', messageId: 4, conversationId: 1 });
    fire();
    expect(shown).toEqual([]);
  });

  it('announces a message once, even when it is upserted again', () => {
    const { n, shown, fire } = notifier();
    n.handle(upserted(message(1)));
    fire();
    n.handle(upserted(message(1, { bodyText: 'edited' })));
    fire();
    expect(shown).toHaveLength(1);
  });

  it('gathers messages arriving together into one notification that opens the newest conversation', () => {
    const { n, shown, fire } = notifier();
    for (const id of [1, 2, 3, 4, 5]) n.handle(upserted(message(id)));
    fire();
    expect(shown).toEqual([{ title: '5 new messages', body: 'From Customer 1, Customer 2, Customer 3 and 2 more', conversationId: 105 }]);
  });

  it('shortens long message previews', () => {
    const request = describeBatch([message(1, { bodyText: 'x'.repeat(500) })])!;
    expect(request.body.length).toBe(140);
    expect(request.body.endsWith('…')).toBe(true);
  });
});

describe('notification text on Linux', () => {
  it('escapes markup a customer wrote, so the notification server shows it as text', async () => {
    const { forNotificationServer } = await import('../../src-main/electron/new-message-notifier');
    const request = { title: 'Zoë <b>', body: '<a href="https://evil.example">refund</a> & <img src="https://t.example/p.png">', conversationId: 1 };
    expect(forNotificationServer(request, 'linux')).toEqual({
      title: 'Zoë &lt;b&gt;',
      body: '&lt;a href="https://evil.example"&gt;refund&lt;/a&gt; &amp; &lt;img src="https://t.example/p.png"&gt;',
      conversationId: 1,
    });
    expect(forNotificationServer(request, 'darwin')).toBe(request);
  });
});
