// Saved replies: refused when they name a variable that does not exist, kept in order,
// imported all or none, rendered in the customer's language with the conversation's order.
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedRepliesFile } from '../../src-shared/contract';
import { parseOperationInput } from '../../src-main/transport/operation-call';
import { DEMO_SAVED_REPLIES, seedDemoSavedReplies } from '../../src-main/service/demo-saved-replies';
import { serviceFixture, someConversation, type ServiceFixture } from '../helpers/service-fixture';
import { tempDir } from '../helpers/temp-dir';
import { one, run, sql } from '../helpers/test-store';

describe('saved replies', () => {
  const dir = tempDir();
  let f: ServiceFixture;
  afterEach(async () => {
    await f?.close();
  });

  it('refuses an unknown variable, an empty field, a too short body and a bad language when saved', () => {
    const refused = (input: unknown) => {
      const parsed = parseOperationInput('createSavedReply', input);
      return parsed.ok ? null : parsed.error;
    };
    expect(refused({ name: 'Tracking', body: 'Your parcel: {{order.tracking}}' })).toMatchObject({
      code: 'invalid_field',
      field: 'body',
      message: expect.stringMatching(/Unknown variable \{\{order\.tracking\}\}: use one of .*\{\{order\.trackingNumber\}\}/),
    });
    expect(refused({ name: 'Return', body: 'Send it to {{ask:}}' })).toMatchObject({ field: 'body', message: expect.stringMatching(/needs a name/) });
    expect(refused({ name: 'Hi', body: 'Hi' })).toMatchObject({ field: 'body' });
    expect(refused({ name: ' ', body: 'Hello there' })).toMatchObject({ field: 'name' });
    expect(refused({ name: 'Hello', body: 'Hello there', language: 'french' })).toMatchObject({ field: 'language' });
    expect(parseOperationInput('updateSavedReply', { id: 1, body: 'Hello {{customer.name}} {{nope}}' })).toMatchObject({ ok: false, error: { field: 'body' } });
    expect(refused({ name: 'Tracking', body: 'Bonjour {{ customer.firstName }}, {{ask:Adresse}}' })).toBeNull();
  });

  it('keeps them in order: created last or at a place, moved, deleted', async () => {
    f = await serviceFixture(dir);
    const api = f.service.api;
    const a = await api.createSavedReply({ name: 'A', body: 'Reply A', language: null, accountId: null });
    const b = await api.createSavedReply({ name: 'B', body: 'Reply B', language: 'en', accountId: f.accountId });
    const c = await api.createSavedReply({ name: 'C', body: 'Reply C', language: null, accountId: null, position: 0 });
    const names = async () => (await api.listSavedReplies({})).items.map((r) => `${r.position}:${r.name}`);
    expect(await names()).toEqual(['0:C', '1:A', '2:B']);
    await api.updateSavedReply({ id: c.id, position: 99 });
    expect(await names()).toEqual(['0:A', '1:B', '2:C']);
    await api.deleteSavedReply({ id: a.id });
    expect(await names()).toEqual(['0:B', '1:C']);
    await expect(api.createSavedReply({ name: 'D', body: 'Reply D', language: null, accountId: 9_999 })).rejects.toMatchObject({ field: 'accountId' });
    await expect(api.updateSavedReply({ id: a.id, name: 'gone' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await api.getSavedReply({ id: b.id })).accountId).toBe(f.accountId);
  });

  it('imports a file all or none; marketplaces travel by name', async () => {
    f = await serviceFixture(dir);
    const api = f.service.api;
    const marketplace = (await api.listConnections({})).items[0]!.name;
    const file: SavedRepliesFile = {
      format: 'mirakl-cs-saved-replies',
      version: 1,
      savedReplies: [
        { name: 'Merci', body: 'Merci {{customer.firstName}} !', language: 'fr', marketplace },
        { name: 'Other', body: 'For another marketplace', language: null, marketplace: 'Nowhere Market' },
      ],
    };
    await expect(api.importSavedReplies(file)).rejects.toMatchObject({ code: 'invalid_field', field: 'savedReplies.1.marketplace' });
    expect((await api.listSavedReplies({})).items).toEqual([]);
    file.savedReplies[1]!.marketplace = null;
    const imported = await api.importSavedReplies(file);
    expect(imported.items.map((r) => [r.name, r.accountId])).toEqual([
      ['Merci', f.accountId],
      ['Other', null],
    ]);
    expect(await api.exportSavedReplies({})).toEqual(file);
  });

  it("renders in the customer's language: dates, states and the order's own values", async () => {
    f = await serviceFixture(dir);
    const conversation = await someConversation(f.store);
    await run(
      f.store,
      sql`UPDATE orders SET customer_locale = 'de_DE', customer_firstname = 'Jürgen', state = 'SHIPPED', mirakl_created_at = ${Date.parse('2025-03-12T10:00:00Z')},
         tracking_number = NULL WHERE mirakl_order_id = (SELECT order_id FROM conversations WHERE id = ${conversation.id})`,
    );
    await f.service.api.setPreferences({ signature: 'Tom' });
    const reply = await f.service.api.createSavedReply({
      name: 'Status',
      body: 'Hallo {{customer.firstName}}, Ihre Bestellung vom {{order.date}} ist {{order.state}}. {{order.trackingNumber}} {{ask:Rücksendeadresse}} — {{signature}}',
      language: null,
      accountId: null,
    });
    expect(await f.service.api.renderSavedReply({ id: conversation.id, savedReplyId: reply.id })).toEqual({
      body: 'Hallo Jürgen, Ihre Bestellung vom 12. März 2025 ist versandt. {{order.trackingNumber}} {{ask:Rücksendeadresse}} — Tom',
      missing: ['order.trackingNumber'],
      fields: ['Rücksendeadresse'],
    });
    // A reply written in a language keeps it, whatever the customer's.
    const english = await f.service.api.createSavedReply({ name: 'Status', body: 'Ordered on {{order.date}}', language: 'en', accountId: null });
    expect((await f.service.api.renderSavedReply({ id: conversation.id, savedReplyId: english.id })).body).toBe('Ordered on 12 March 2025');
  });

  it('the demo ships its French and English replies once, never again', async () => {
    f = await serviceFixture(dir);
    expect(await seedDemoSavedReplies(f.store.db, Date.now())).toBe(true);
    const items = (await f.service.api.listSavedReplies({})).items;
    expect(items).toHaveLength(DEMO_SAVED_REPLIES.length);
    expect(new Set(items.map((r) => r.language))).toEqual(new Set(['fr', 'en']));
    for (const reply of items) expect(parseOperationInput('createSavedReply', { name: reply.name, body: reply.body, language: reply.language }).ok).toBe(true);
    for (const reply of items) await f.service.api.deleteSavedReply({ id: reply.id });
    expect(await seedDemoSavedReplies(f.store.db, Date.now())).toBe(false);
    expect((await f.service.api.listSavedReplies({})).items).toEqual([]);
  });
});
