// Sending a reply: stored as pending first, then posted through M12 exactly once, whatever
// the network or Mirakl does: 500, 429, timeouts, resets, answers lost after Mirakl
// processed the post. 4xx fails with Mirakl's reason; retry (with an edit) and discard.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src-shared/contract';
import { ServiceError } from '../../src-main/service/errors';
import { copiesOnFake, postsTo, serviceFixture, someConversation, waitFor, type ServiceFixture } from '../helpers/service-fixture';
import { tempDir } from '../helpers/temp-dir';
import { one, run, sql } from '../helpers/test-store';

const M12 = /\/message$/;

describe('sending a reply', () => {
  const dir = tempDir();
  let f: ServiceFixture;
  afterEach(async () => {
    await f?.close();
  });

  const messageRow = (id: number) =>
    one<{ status: string; error: string | null; miraklId: string | null; body: string }>(
      f.store,
      sql`SELECT status, error, mirakl_message_id AS "miraklId", body FROM messages WHERE id = ${id}`,
    );
  const delivered = (id: number) => waitFor(async () => (await messageRow(id))?.status === 'delivered', 8_000, `message ${id} delivered`);
  const localCopies = async (conversationId: number, body: string) =>
    (await one<{ n: number }>(f.store, sql`SELECT count(*) AS n FROM messages WHERE conversation_id = ${conversationId} AND body = ${body}`))!.n;

  /** After a sync, the store holds the reply once, delivered under Mirakl's id. */
  async function expectSyncedOnce(conversationId: number, messageId: number, body: string): Promise<void> {
    await f.sync();
    expect(await localCopies(conversationId, body)).toBe(1);
    expect(await messageRow(messageId)).toMatchObject({ status: 'delivered', error: null });
  }

  it('stores the reply as pending before sending, then delivers it with one M12 to the customer', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    const body = 'Bonjour, votre colis part aujourd’hui.';
    const sent = await f.service.api.sendMessage({ id: conversation.id, body, to: 'customer' });
    expect(sent).toMatchObject({ status: 'pending', miraklMessageId: null, direction: 'outbound', body, conversationId: conversation.id });
    expect(sent.sender.type).toBe('SHOP_USER');
    // Signed as the shop, as Mirakl will show it, not with the marketplace's name.
    expect(sent.sender.name).toBe(f.fake.store.shop.shop_name);
    expect(f.events).toContainEqual({ type: 'message.upserted', message: expect.objectContaining({ id: sent.id, status: 'pending' }) });

    await delivered(sent.id);
    const thread = f.fake.store.getThread(conversation.threadId)!;
    const copy = thread.messages.find((m) => m.body === body)!;
    expect((await messageRow(sent.id))?.miraklId).toBe(copy.id);
    expect(copy.to).toEqual([expect.objectContaining({ type: 'CUSTOMER', id: thread.authorized_participants.find((p) => p.type === 'CUSTOMER')!.id })]);
    expect(postsTo(f.fake, conversation.threadId)).toBe(1);
    // The event follows the commit (on PostgreSQL another connection may read the row first).
    await waitFor(
      () => f.events.some((e) => e.type === 'message.upserted' && e.message.id === sent.id && e.message.status === 'delivered' && e.message.miraklMessageId === copy.id),
      5_000,
      'the delivered event',
    );
    const detail = await f.service.api.getConversation({ id: conversation.id });
    expect(detail.messages.at(-1)).toMatchObject({ id: sent.id, status: 'delivered' });
    await expectSyncedOnce(conversation.id, sent.id, body);
  });

  it('addresses the operator when asked', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    const sent = await f.service.api.sendMessage({ id: conversation.id, body: 'Pour information, opérateur.', to: 'operator' });
    await delivered(sent.id);
    const copy = f.fake.store.getThread(conversation.threadId)!.messages.find((m) => m.body === 'Pour information, opérateur.')!;
    expect(copy.to.map((p) => p.type)).toEqual(['OPERATOR']);
  });

  it('refuses unknown conversations and a customer reply on a thread without customer', async () => {
    f = await serviceFixture(dir);
    await expect(f.service.api.sendMessage({ id: 999_999, body: 'Bonjour', to: 'customer' })).rejects.toMatchObject({ code: 'not_found' });
    const conversation = await someConversation(f.store);
    await run(f.store, sql`UPDATE conversations SET customer_id = NULL WHERE id = ${conversation.id}`);
    const error = await f.service.api.sendMessage({ id: conversation.id, body: 'Bonjour', to: 'customer' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: 'invalid_field', field: 'to' });
  });

  it.each([
    ['a 500', (fx: ServiceFixture) => ((fx.fake.faults.serverError = { next: 1 }), undefined)],
    ['a connection reset', (fx: ServiceFixture) => ((fx.fake.faults.resetNext = 1), undefined)],
    ['429s beyond the client retries', (fx: ServiceFixture) => ((fx.fake.faults.rateLimit = { next: 3, retryAfterSeconds: 0 }), undefined)],
  ])('%s keeps the reply pending, then delivers it exactly once', async (_name, breakIt) => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    f.fake.faults.paths = M12;
    breakIt(f);
    const body = `Réponse après incident ${_name}`;
    const seenPending: Message[] = [];
    f.service.subscribe((e) => {
      if (e.type === 'message.upserted' && e.message.status === 'pending' && e.message.error) seenPending.push(e.message);
    });
    const sent = await f.service.api.sendMessage({ id: conversation.id, body, to: 'customer' });
    await delivered(sent.id);
    expect(seenPending.length).toBeGreaterThan(0); // the transient error was shown while pending
    expect(copiesOnFake(f.fake, conversation.threadId, body)).toBe(1);
    await expectSyncedOnce(conversation.id, sent.id, body);
  });

  it('a timeout (Mirakl too slow) ends with exactly one copy', async () => {
    // Mirakl holds the post past the client's timeout; the outbox waits for it to settle, reads the thread, then decides.
    f = await serviceFixture(dir, { outbox: { settleMs: 800 } });
    const conversation = await someConversation(f.store);
    f.fake.faults.paths = M12;
    f.fake.faults.delayMs = 600;
    const body = 'Réponse malgré un Mirakl lent';
    const sent = await f.service.api.sendMessage({ id: conversation.id, body, to: 'customer' });
    await waitFor(() => postsTo(f.fake, conversation.threadId) === 1, 3_000, 'the first M12');
    f.fake.faults.delayMs = 0;
    await delivered(sent.id);
    expect(copiesOnFake(f.fake, conversation.threadId, body)).toBe(1);
    await expectSyncedOnce(conversation.id, sent.id, body);
  });

  it.each([
    ['lost (connection dropped after Mirakl processed it)', { kind: 'drop' } as const],
    ['held beyond the client timeout', { kind: 'hold', ms: 900 } as const],
  ])('an answer %s: the thread is read before posting again, no second post', async (_name, fate) => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    f.proxy.next(M12, fate);
    const body = `Réponse dont l’accusé se perd (${fate.kind})`;
    const sent = await f.service.api.sendMessage({ id: conversation.id, body, to: 'customer' });
    await delivered(sent.id);
    expect(postsTo(f.fake, conversation.threadId)).toBe(1);
    expect(copiesOnFake(f.fake, conversation.threadId, body)).toBe(1);
    const copy = f.fake.store.getThread(conversation.threadId)!.messages.find((m) => m.body === body)!;
    expect((await messageRow(sent.id))?.miraklId).toBe(copy.id);
    // The M10 check happened after the uncertain post.
    const m10 = f.fake.calls.filter((c) => c.method === 'GET' && c.path === `/api/inbox/threads/${conversation.threadId}`);
    expect(m10.length).toBeGreaterThan(0);
    await expectSyncedOnce(conversation.id, sent.id, body);
  });

  it('a 4xx fails the reply with Mirakl’s reason; retry with an edit delivers the new text only', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    const customer = (await one<{ id: number; miraklId: string }>(
      f.store,
      sql`SELECT customer_id AS id, (SELECT mirakl_customer_id FROM customers WHERE id = customer_id) AS "miraklId" FROM conversations WHERE id = ${conversation.id}`,
    ))!;
    // The store addresses a customer Mirakl does not know on this thread: Mirakl answers 400.
    await run(f.store, sql`UPDATE customers SET mirakl_customer_id = 'somebody-else' WHERE id = ${customer.id}`);
    const sent = await f.service.api.sendMessage({ id: conversation.id, body: 'Premier jet', to: 'customer' });
    await waitFor(async () => (await messageRow(sent.id))?.status === 'failed', 5_000, 'failed');
    expect((await messageRow(sent.id))?.error).toMatch(/400.*somebody-else/);
    expect(copiesOnFake(f.fake, conversation.threadId, 'Premier jet')).toBe(0);

    await run(f.store, sql`UPDATE customers SET mirakl_customer_id = ${customer.miraklId} WHERE id = ${customer.id}`);
    const retried = await f.service.api.retryMessage({ id: sent.id, body: 'Version corrigée' });
    expect(retried).toMatchObject({ id: sent.id, status: 'pending', body: 'Version corrigée', error: null });
    await delivered(sent.id);
    expect(copiesOnFake(f.fake, conversation.threadId, 'Version corrigée')).toBe(1);
    expect(copiesOnFake(f.fake, conversation.threadId, 'Premier jet')).toBe(0);
    await expectSyncedOnce(conversation.id, sent.id, 'Version corrigée');
    // Delivered replies can be neither retried nor discarded.
    await expect(f.service.api.retryMessage({ id: sent.id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(f.service.api.discardMessage({ id: sent.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('discards a failed reply', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    const before = await f.service.api.getConversation({ id: conversation.id });
    f.fake.faults.paths = M12;
    f.fake.faults.serverError = { next: 1, status: 403 };
    const sent = await f.service.api.sendMessage({ id: conversation.id, body: 'À jeter', to: 'customer' });
    await waitFor(async () => (await messageRow(sent.id))?.status === 'failed', 5_000, 'failed');
    expect(await f.service.api.discardMessage({ id: sent.id })).toEqual({ ok: true });
    expect(await messageRow(sent.id)).toBeUndefined();
    expect(f.events).toContainEqual({ type: 'message.deleted', messageId: sent.id, conversationId: conversation.id });
    const after = await f.service.api.getConversation({ id: conversation.id });
    expect(after.conversation.messageCount).toBe(before.conversation.messageCount);
    expect(after.conversation.lastMessageAt).toBe(before.conversation.lastMessageAt);
    await expect(f.service.api.discardMessage({ id: sent.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('will not discard a reply whose outcome is unknown without reading the thread', async () => {
    // The answer to the post is lost and the next attempt is far away: the reply sits "unknown".
    f = await serviceFixture(dir, { outbox: { settleMs: 60_000, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const conversation = await someConversation(f.store);
    f.proxy.next(M12, { kind: 'drop' });
    const sent = await f.service.api.sendMessage({ id: conversation.id, body: 'Peut-être partie', to: 'customer' });
    await waitFor(async () => (await messageRow(sent.id))?.error !== null, 5_000, 'the lost answer');
    expect((await messageRow(sent.id))?.status).toBe('pending');

    // Mirakl unreachable: no check possible, so no discard.
    f.fake.faults.paths = /^\/api\/inbox\/threads\/[^/]+$/;
    f.fake.faults.serverError = { next: 10 };
    await expect(f.service.api.discardMessage({ id: sent.id })).rejects.toMatchObject({ code: 'mirakl_unreachable' });
    expect((await messageRow(sent.id))?.status).toBe('pending');
    f.fake.faults.reset();

    // Mirakl has it: the discard is refused and the reply recorded as delivered.
    await expect(f.service.api.discardMessage({ id: sent.id })).rejects.toMatchObject({ code: 'conflict' });
    expect((await messageRow(sent.id))?.status).toBe('delivered');
    expect(copiesOnFake(f.fake, conversation.threadId, 'Peut-être partie')).toBe(1);
  });

  it('discards an unknown-outcome reply that the thread shows never arrived', async () => {
    f = await serviceFixture(dir, { outbox: { settleMs: 60_000, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const conversation = await someConversation(f.store);
    f.fake.faults.paths = M12;
    f.fake.faults.resetNext = 1; // the post never reaches Mirakl's handler, but the client cannot know
    const sent = await f.service.api.sendMessage({ id: conversation.id, body: 'Jamais arrivée', to: 'customer' });
    await waitFor(async () => (await messageRow(sent.id))?.error !== null, 5_000, 'the reset');
    const m10Before = f.fake.calls.filter((c) => c.path === `/api/inbox/threads/${conversation.threadId}`).length;
    expect(await f.service.api.discardMessage({ id: sent.id })).toEqual({ ok: true });
    expect(f.fake.calls.filter((c) => c.path === `/api/inbox/threads/${conversation.threadId}`).length).toBe(m10Before + 1);
    expect(await messageRow(sent.id)).toBeUndefined();
  });

  it('sends waiting replies as soon as a sync pass succeeds again', async () => {
    f = await serviceFixture(dir, { outbox: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const conversation = await someConversation(f.store);
    f.fake.faults.paths = M12;
    f.fake.faults.rateLimit = { next: 3, retryAfterSeconds: 0 };
    const sent = await f.service.api.sendMessage({ id: conversation.id, body: 'Dès le retour du réseau', to: 'customer' });
    await waitFor(async () => (await messageRow(sent.id))?.error !== null, 5_000, 'the 429');
    expect((await messageRow(sent.id))?.status).toBe('pending');
    await f.sync();
    await delivered(sent.id);
    expect(copiesOnFake(f.fake, conversation.threadId, 'Dès le retour du réseau')).toBe(1);
  });

  it('a sync adopts a reply whose post had an unknown outcome, instead of storing a copy', async () => {
    f = await serviceFixture(dir, { outbox: { settleMs: 60_000, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const conversation = await someConversation(f.store);
    f.proxy.next(M12, { kind: 'drop' });
    const body = 'Adoptée par la synchronisation';
    const sent = await f.service.api.sendMessage({ id: conversation.id, body, to: 'customer' });
    await waitFor(async () => (await messageRow(sent.id))?.error !== null, 5_000, 'the lost answer');
    await f.sync();
    const copy = f.fake.store.getThread(conversation.threadId)!.messages.find((m) => m.body === body)!;
    expect(await messageRow(sent.id)).toMatchObject({ status: 'delivered', miraklId: copy.id });
    expect(await localCopies(conversation.id, body)).toBe(1);
    expect(postsTo(f.fake, conversation.threadId)).toBe(1);
  });

  it('a reply not sent yet is not mistaken for the same text posted elsewhere', async () => {
    f = await serviceFixture(dir, { outbox: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const conversation = await someConversation(f.store);
    f.fake.faults.paths = M12;
    f.fake.faults.rateLimit = { next: 3, retryAfterSeconds: 0 }; // refused before processing: certainly not posted
    const body = 'Merci pour votre message.';
    const sent = await f.service.api.sendMessage({ id: conversation.id, body, to: 'customer' });
    await waitFor(async () => (await messageRow(sent.id))?.error !== null, 5_000, 'the 429');
    // Meanwhile someone answers the same words from Mirakl's back office.
    const elsewhere = f.fake.store.addShopMessage(conversation.threadId, body);
    await f.sync();
    await delivered(sent.id);
    expect((await messageRow(sent.id))?.miraklId).not.toBe(elsewhere.id);
    expect(copiesOnFake(f.fake, conversation.threadId, body)).toBe(2);
    await f.sync();
    expect(await localCopies(conversation.id, body)).toBe(2);
  });

  it('sends the replies of one conversation in the order they were written', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    f.fake.faults.paths = M12;
    f.fake.faults.serverError = { next: 1 };
    const bodies = ['Premier message', 'Deuxième message', 'Troisième message'];
    const sent = [];
    for (const body of bodies) sent.push(await f.service.api.sendMessage({ id: conversation.id, body, to: 'customer' }));
    for (const m of sent) await delivered(m.id);
    const onFake = f.fake.store.getThread(conversation.threadId)!.messages.flatMap((m) => (m.body !== null && bodies.includes(m.body) ? [m.body] : []));
    expect(onFake).toEqual(bodies);
  });
});
