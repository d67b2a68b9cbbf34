// Files on replies and new threads: uploaded, checked against Mirakl's limits before
// anything is queued, stored with the reply beside the database before any network call,
// sent exactly once with all of them, and replaced by Mirakl's own copies once synced.
// Order documents are listed (OR72), cached (OR73) and attached like any file.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../src-main/service/errors';
import { UPLOAD_LIFETIME_MS } from '../../src-main/service/upload-store';
import { serviceFixture, someConversation, waitFor, type ServiceFixture } from '../helpers/service-fixture';
import { all, one as firstRow, sql } from '../helpers/test-store';
import { tempDir } from '../helpers/temp-dir';

const MB = 1024 * 1024;

/** Mirakl unreachable (every call answered 503), then back. */
function offline(f: ServiceFixture): void {
  f.fake.faults.serverError = { every: 1, status: 503 };
}
function online(f: ServiceFixture): void {
  f.fake.faults.reset();
}
/** M12 posts Mirakl accepted for a thread. */
const acceptedPosts = (f: ServiceFixture, threadId: string) =>
  f.fake.calls.filter((c) => c.method === 'POST' && c.path === `/api/inbox/threads/${threadId}/message` && c.status === 201).length;

describe('files on replies', () => {
  const dir = tempDir();
  let f: ServiceFixture;
  afterEach(async () => {
    await f?.close();
  });

  const status = async (id: number) => (await firstRow<{ status: string }>(f.store, sql`SELECT status FROM messages WHERE id = ${id}`))?.status;
  const upload = (name: string, bytes: Uint8Array, contentType: string | null = null) => f.service.uploadFile({ name, contentType, bytes });
  const outboxFiles = () => all<{ messageId: number; name: string; path: string }>(f.store, sql`SELECT message_id AS "messageId", name, path FROM outbox_files ORDER BY id`);

  it('stores an upload, keeps it a day, then deletes it and its bytes', async () => {
    let clock = Date.now();
    f = await serviceFixture(dir, { service: { now: () => clock, fileSweepMs: 50 } });
    const photo = await upload('photo du colis.jpg', new Uint8Array([0xff, 0xd8, 0xff, 1, 2]));
    expect(photo).toEqual({ id: expect.any(Number), name: 'photo du colis.jpg', size: 5, contentType: 'image/jpeg' });
    const row = (await firstRow<{ path: string }>(f.store, sql`SELECT path FROM uploads WHERE id = ${photo.id}`))!;
    const file = path.join(f.dataDir, row.path);
    expect(fs.readFileSync(file)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 1, 2]));

    await expect(upload('empty.txt', new Uint8Array())).rejects.toMatchObject({ code: 'invalid_field' });
    await new Promise((r) => setTimeout(r, 200)); // a few sweeps: a fresh upload stays
    expect(fs.existsSync(file)).toBe(true);
    clock += UPLOAD_LIFETIME_MS + 60_000;
    await waitFor(() => !fs.existsSync(file), 5_000, 'the expired upload to be deleted');
    expect(await firstRow(f.store, sql`SELECT count(*) AS n FROM uploads`)).toEqual({ n: 0 });
  });

  it('refuses an upload over 30 MB, keeping nothing', async () => {
    f = await serviceFixture(dir);
    await expect(upload('video.mp4', new Uint8Array(30 * MB + 1))).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(await firstRow(f.store, sql`SELECT count(*) AS n FROM uploads`)).toEqual({ n: 0 });
    expect(fs.readdirSync(path.join(f.dataDir, 'uploads'))).toEqual([]);
  });

  it('checks the 30 MB of a message and its files before anything is queued', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    const a = await upload('a.bin', new Uint8Array(16 * MB));
    const b = await upload('b.bin', new Uint8Array(15 * MB));
    const refused = f.service.api.sendMessage({ id: conversation.id, body: 'Voici les fichiers.', to: 'customer', attachments: [{ uploadId: a.id }, { uploadId: b.id }] });
    await expect(refused).rejects.toThrow(/30 MB at most on Mirakl; these weigh 31 MB \(the largest is "a.bin", 16 MB\)/);
    await expect(refused).rejects.toMatchObject({ code: 'payload_too_large', field: 'attachments' });
    expect(await firstRow(f.store, sql`SELECT count(*) AS n FROM messages WHERE body = 'Voici les fichiers.'`)).toEqual({ n: 0 });
    expect((await outboxFiles())).toEqual([]);
    // The uploads are still there to send in two messages.
    const first = await f.service.api.sendMessage({ id: conversation.id, body: 'Voici le premier.', to: 'customer', attachments: [{ uploadId: a.id }] });
    expect(first.outboxFiles.map((x) => x.name)).toEqual(['a.bin']);
  });

  it("checks Mirakl's 50 files per order, counting those the store holds", async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    const thread = f.fake.store.getThread(conversation.threadId)!;
    const held = Number(
      (await firstRow<{ n: number }>(
        f.store,
        sql`SELECT count(*) AS n FROM attachments a JOIN messages m ON m.id = a.message_id JOIN conversations c ON c.id = m.conversation_id
            WHERE c.order_id = (SELECT order_id FROM conversations WHERE id = ${conversation.id})`,
      ))!.n,
    );
    for (let i = held; i < 49; i++) f.fake.store.addCustomerMessage(thread.id, `Photo ${i}`, { attachments: [{ name: `p${i}.jpg`, size: 10 }] });
    await f.sync();
    const two = [await upload('1.txt', new Uint8Array([1])), await upload('2.txt', new Uint8Array([2]))];
    await expect(
      f.service.api.sendMessage({ id: conversation.id, body: 'Deux fichiers.', to: 'customer', attachments: two.map((u) => ({ uploadId: u.id })) }),
    ).rejects.toThrow(/already hold 49, so 1 more at most can be attached \(not 2\)/);
    const one = await f.service.api.sendMessage({ id: conversation.id, body: 'Un fichier.', to: 'customer', attachments: [{ uploadId: two[0]!.id }] });
    // Pending, its file counts: no room left for another.
    await expect(
      f.service.api.sendMessage({ id: conversation.id, body: 'Encore un.', to: 'customer', attachments: [{ uploadId: two[1]!.id }] }),
    ).rejects.toThrow(/already hold 50, so no more can be attached/);
    await waitFor(async () => (await status(one.id)) === 'delivered', 8_000);
  });

  it('refuses an unknown upload, one used twice, and an upload already used up', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    const u = await upload('note.txt', new TextEncoder().encode('note'));
    await expect(f.service.api.sendMessage({ id: conversation.id, body: 'Hello there', to: 'customer', attachments: [{ uploadId: 99_999 }] })).rejects.toMatchObject({
      code: 'invalid_field',
      field: 'attachments.0',
    });
    await expect(
      f.service.api.sendMessage({ id: conversation.id, body: 'Hello there', to: 'customer', attachments: [{ uploadId: u.id }, { uploadId: u.id }] }),
    ).rejects.toMatchObject({ code: 'invalid_field', field: 'attachments.1' });
    await f.service.api.sendMessage({ id: conversation.id, body: 'Hello there', to: 'customer', attachments: [{ uploadId: u.id }] });
    await expect(f.service.api.sendMessage({ id: conversation.id, body: 'Once more', to: 'customer', attachments: [{ uploadId: u.id }] })).rejects.toThrow(
      /Upload .* does not exist/,
    );
  });

  it('stores the files with the reply before any call, sends them once while Mirakl comes back, then shows Mirakl\u2019s copies', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    const photo = await upload('colis abîmé.jpg', new Uint8Array([0xff, 0xd8, 0xff, 9, 9, 9]));
    const label = await upload('étiquette.pdf', new TextEncoder().encode('%PDF-1.4 label'));
    offline(f);
    const body = 'Voici la photo et l’étiquette de retour.';
    const sent = await f.service.api.sendMessage({ id: conversation.id, body, to: 'customer', attachments: [{ uploadId: photo.id }, { uploadId: label.id }] });
    expect(sent).toMatchObject({ status: 'pending', attachments: [], outboxFiles: [{ name: 'colis abîmé.jpg', size: 6 }, { name: 'étiquette.pdf', size: 14 }] });
    // On disk beside the database, listed with the reply; the uploads are used up.
    const stored = (await outboxFiles());
    expect(stored.map((x) => [x.messageId, x.name])).toEqual([
      [sent.id, 'colis abîmé.jpg'],
      [sent.id, 'étiquette.pdf'],
    ]);
    for (const file of stored) expect(file.path.startsWith('outbox')).toBe(true);
    expect(fs.readFileSync(path.join(f.dataDir, stored[1]!.path), 'utf8')).toBe('%PDF-1.4 label');
    expect(await firstRow(f.store, sql`SELECT count(*) AS n FROM uploads`)).toEqual({ n: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await status(sent.id)).toBe('pending');

    online(f);
    await f.sync();
    await waitFor(async () => (await status(sent.id)) === 'delivered', 8_000, 'the reply delivered');
    const copies = f.fake.store.getThread(conversation.threadId)!.messages.filter((m) => m.body === body);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.attachments!.map((a) => [a.name, a.size])).toEqual([
      ['colis abîmé.jpg', 6],
      ['étiquette.pdf', 14],
    ]);
    expect(f.fake.store.getAttachmentBytes(copies[0]!.attachments![1]!.id)!.toString()).toBe('%PDF-1.4 label');
    expect(acceptedPosts(f, conversation.threadId)).toBe(1);

    // The next sync brings Mirakl's copies: they are the ones shown (and downloaded) from now on.
    await f.sync();
    const message = (await f.service.api.getConversation({ id: conversation.id })).messages.find((m) => m.id === sent.id)!;
    expect(message.outboxFiles).toEqual([]);
    expect(message.attachments.map((a) => a.name)).toEqual(['colis abîmé.jpg', 'étiquette.pdf']);
    const downloaded = await f.service.downloadAttachment(message.attachments[0]!.id);
    expect(Buffer.from(downloaded.bytes)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 9, 9, 9]));
  });

  it('fails a reply whose stored file went missing with a clear reason, before posting anything', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    const note = await upload('note.txt', new TextEncoder().encode('hello'));
    offline(f);
    const sent = await f.service.api.sendMessage({ id: conversation.id, body: 'Avec une note.', to: 'customer', attachments: [{ uploadId: note.id }] });
    fs.rmSync(path.join(f.dataDir, (await outboxFiles())[0]!.path));
    online(f);
    await f.sync();
    await waitFor(async () => (await status(sent.id)) === 'failed', 8_000, 'the reply failed');
    const failed = (await f.service.api.getConversation({ id: conversation.id })).messages.find((m) => m.id === sent.id)!;
    expect(failed.error).toMatch(/The file "note.txt" is no longer in .*: discard this reply and attach it again/);
    expect(acceptedPosts(f, conversation.threadId)).toBe(0);
  });

  it('never sends a saved reply with a field or a variable left unfilled', async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    for (const body of ['Retour à {{ask:Return address}}', 'Suivi : {{order.trackingNumber}}']) {
      await expect(f.service.api.sendMessage({ id: conversation.id, body, to: 'customer' })).rejects.toMatchObject({ code: 'invalid_field', field: 'body' });
    }
    // Braces that are not ours go through.
    const sent = await f.service.api.sendMessage({ id: conversation.id, body: 'Code promo {{ETE}}', to: 'customer' });
    expect(sent.body).toBe('Code promo {{ETE}}');
  });
});

describe("an order's documents", () => {
  const dir = tempDir();
  let f: ServiceFixture;
  afterEach(async () => {
    await f?.close();
  });

  /** A conversation with a customer about an order the fake keeps documents for. */
  async function documentedConversation(): Promise<{ id: number; threadId: string; orderId: string }> {
    const rows = await all<{ id: number; threadId: string; orderId: string }>(
      f.store,
      sql`SELECT id, mirakl_thread_id AS "threadId", order_id AS "orderId" FROM conversations WHERE customer_id IS NOT NULL AND order_id IS NOT NULL ORDER BY id`,
    );
    const found = rows.find((r) => f.fake.store.orderDocuments(new Set([r.orderId])).some((d) => d.type === 'CUSTOMER_INVOICE'));
    if (!found) throw new Error('no conversation about a documented order');
    return found;
  }
  const or73 = () => f.fake.calls.filter((c) => c.path === '/api/orders/documents/download').length;

  it('lists them through OR72, downloads each once (OR73) into the cache, and still lists and opens them offline', async () => {
    f = await serviceFixture(dir);
    const conversation = await documentedConversation();
    const listed = await f.service.api.listOrderDocuments({ orderId: conversation.orderId });
    expect(listed.error).toBeNull();
    const expected = f.fake.store.orderDocuments(new Set([conversation.orderId]));
    expect(listed.items.map((d) => d.name).sort()).toEqual(expected.map((d) => d.file_name).sort());
    const invoice = listed.items.find((d) => d.type === 'CUSTOMER_INVOICE')!;
    // Fetched ahead after the listing, so they open offline.
    await waitFor(async () => (await f.service.api.listOrderDocuments({ orderId: conversation.orderId })).items.every((d) => d.downloaded), 8_000, 'documents cached');
    const downloads = or73();
    expect(downloads).toBe(expected.length);

    offline(f);
    const stored = await f.service.api.listOrderDocuments({ orderId: conversation.orderId });
    expect(stored.error).toMatch(/Listing the order's documents/);
    expect(stored.items.map((d) => d.id).sort()).toEqual(listed.items.map((d) => d.id).sort());
    const file = await f.service.downloadOrderDocument(invoice.id);
    expect(file.name).toBe(invoice.name);
    expect(Buffer.from(file.bytes).subarray(0, 5).toString()).toBe('%PDF-');
    expect(or73()).toBe(downloads);
  });

  it('attaches the invoice to a reply (stored with it, so it goes even if the cache is cleared) and to a new thread', async () => {
    f = await serviceFixture(dir);
    const conversation = await documentedConversation();
    const { items } = await f.service.api.listOrderDocuments({ orderId: conversation.orderId });
    const invoice = items.find((d) => d.type === 'CUSTOMER_INVOICE')!;
    const body = 'Vous trouverez ci-joint votre facture.';
    // Not downloaded yet: attaching it fetches it first (Mirakl answers), then the reply waits for Mirakl like any other.
    const sent = await f.service.api.sendMessage({ id: conversation.id, body, to: 'customer', attachments: [{ orderDocumentId: invoice.id }] });
    offline(f);
    fs.rmSync(path.join(f.dataDir, 'documents'), { recursive: true, force: true });
    online(f);
    await f.sync();
    await waitFor(async () => (await firstRow<{ status: string }>(f.store, sql`SELECT status FROM messages WHERE id = ${sent.id}`))?.status === 'delivered', 8_000);
    const copy = f.fake.store.getThread(conversation.threadId)!.messages.find((m) => m.body === body)!;
    expect(copy.attachments!.map((a) => a.name)).toEqual([invoice.name]);
    expect(f.fake.store.getAttachmentBytes(copy.attachments![0]!.id)!.subarray(0, 5).toString()).toBe('%PDF-');

    const started = await f.service.api.startThread({
      orderId: conversation.orderId,
      subject: 'Votre facture',
      body: 'Voici la facture demandée.',
      to: ['customer'],
      attachments: [{ orderDocumentId: invoice.id }],
    });
    expect(started.messages[0]!.attachments.map((a) => a.name)).toEqual([invoice.name]);
  });

  it('refuses a document of another marketplace', async () => {
    f = await serviceFixture(dir);
    const conversation = await documentedConversation();
    const other = (await firstRow<{ id: number }>(
      f.store,
      sql`INSERT INTO accounts (name, base_url, is_demo, created_at, updated_at) VALUES ('Other', 'https://other.mirakl.net', 0, 1, 1) RETURNING id`,
    ))!.id;
    const document = (await firstRow<{ id: number }>(
      f.store,
      sql`INSERT INTO order_documents (account_id, mirakl_document_id, order_id, file_name, type, fetched_at)
          VALUES (${other}, '1', ${conversation.orderId}, 'x.pdf', 'CUSTOMER_INVOICE', 1) RETURNING id`,
    ))!.id;
    const refused = f.service.api.sendMessage({ id: conversation.id, body: 'Votre facture.', to: 'customer', attachments: [{ orderDocumentId: document }] });
    await expect(refused).rejects.toBeInstanceOf(ServiceError);
    await expect(refused).rejects.toThrow(/does not exist on this conversation's marketplace/);
  });
});
