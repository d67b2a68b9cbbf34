// Shapes real shops send. Some marketplaces give a thread's customer no display name, and
// some orders an empty notification e-mail: a conversation then shows the order's customer
// (OR11), never an empty name, and no e-mail rather than "". A file sent alone comes with a
// null body: stored, and the list says what it carries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConversation, listConversations } from '../../src-main/db/conversations';
import { toConversation, toMessage } from '../../src-main/db/contract-mapping';
import { messagesOfConversation } from '../../src-main/db/messages';
import { toSearchTerms } from '../../src-main/db/search-query';
import { syncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { tempDir } from '../helpers/temp-dir';
import { one, sql } from '../helpers/test-store';

async function conversationOf(f: SyncFixture, threadId: string) {
  const { id } = (await one<{ id: number }>(f.store, sql`SELECT id FROM conversations WHERE mirakl_thread_id = ${threadId}`))!;
  const conversation = toConversation((await findConversation(f.store.db, id))!);
  const messages = (await messagesOfConversation(f.store.db, id)).map(({ message, attachments }) => toMessage(message, attachments));
  return { conversation, messages };
}

describe('a customer Mirakl leaves unnamed', () => {
  const dir = tempDir();
  let f: SyncFixture;
  beforeEach(async () => {
    f = await syncFixture(dir);
  });
  afterEach(() => f.close());

  it('is named after the order (OR11), with their messages; until then "Customer", never an empty name', async () => {
    const order = f.fake.store.addOrder({ orderId: '31000001-A', customer: { id: 'cust-anon', firstname: 'Ana', lastname: 'Lima' }, notificationEmail: '' });
    const thread = f.fake.store.addThread({ orderId: order.order_id, customer: { id: 'cust-anon', displayName: '' }, body: 'Où est mon colis ?' });
    f.fake.store.addCustomerMessage(thread.id, 'Toujours rien reçu.');

    // OR11 refused this pass: the thread is stored, its customer has no name yet.
    f.fake.faults.paths = /^\/api\/orders/;
    f.fake.faults.serverError = { every: 1, status: 400 };
    await f.sync();
    const before = await conversationOf(f, thread.id);
    expect(before.conversation.customer).toMatchObject({ miraklId: 'cust-anon', name: 'Customer', email: null });
    expect(before.messages.map((m) => m.sender.name)).toEqual(['Customer', 'Customer']);

    f.fake.faults.reset();
    await f.sync();
    const after = await conversationOf(f, thread.id);
    expect(after.conversation.customer).toMatchObject({ miraklId: 'cust-anon', name: 'Ana Lima', email: null });
    expect(after.messages.map((m) => m.sender.name)).toEqual(['Ana Lima', 'Ana Lima']);
    const found = (await listConversations(f.store.db, { searchTerms: toSearchTerms('lima ') }, null, 10)).rows;
    expect(found.map((r) => r.mirakl_thread_id)).toEqual([thread.id]);
    // An empty notification e-mail is no e-mail.
    expect(await one(f.store, sql`SELECT customer_email FROM orders WHERE mirakl_order_id = ${order.order_id}`)).toEqual({ customer_email: null });

    // A later message from them, unnamed again, takes the name too.
    f.fake.store.addCustomerMessage(thread.id, 'Pouvez-vous me répondre ?');
    await f.sync();
    expect((await conversationOf(f, thread.id)).messages.map((m) => m.sender.name)).toEqual(['Ana Lima', 'Ana Lima', 'Ana Lima']);
  });

  it('keeps the name another thread gave them', async () => {
    const order = f.fake.store.addOrder({ orderId: '31000002-A', customer: { id: 'cust-zoe', firstname: 'Zoé', lastname: 'Roux' } });
    const named = f.fake.store.addThread({ orderId: order.order_id, customer: { id: 'cust-zoe', displayName: 'Zoé R.' } });
    await f.sync();
    const unnamed = f.fake.store.addThread({ orderId: order.order_id, customer: { id: 'cust-zoe', displayName: '' } });
    await f.sync();
    expect((await conversationOf(f, named.id)).conversation.customer!.name).toBe('Zoé R.');
    expect((await conversationOf(f, unnamed.id)).conversation.customer!.name).toBe('Zoé R.');
  });
});

describe('a message Mirakl sends with a null body', () => {
  const dir = tempDir();
  let f: SyncFixture;
  beforeEach(async () => {
    f = await syncFixture(dir);
  });
  afterEach(() => f.close());

  it('is stored with its attachment, and the list previews the file', async () => {
    const thread = f.fake.store.addThread({ body: 'Le colis est arrivé abîmé.' });
    const message = f.fake.store.addCustomerMessage(thread.id, 'x', { attachments: [{ name: 'IMG_2041.jpg', size: 1200 }] });
    message.body = null;
    delete f.fake.store.getThread(thread.id)!.messages[0]!.attachments;
    await f.sync();
    const { conversation, messages } = await conversationOf(f, thread.id);
    expect(conversation.lastMessagePreview).toBe('Attachment: IMG_2041.jpg');
    expect(messages.map((m) => [m.bodyText, m.attachments.map((a) => a.name)])).toEqual([
      ['Le colis est arrivé abîmé.', []],
      ['', ['IMG_2041.jpg']],
    ]);
  });
});
