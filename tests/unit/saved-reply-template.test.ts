// Saved replies' variables and fields: what a reply says for a conversation, what it cannot
// fill in, and what a saved reply may not contain.
import { describe, expect, it } from 'vitest';
import {
  TEMPLATE_VARIABLES,
  languageOfLocale,
  renderTemplate,
  splitName,
  templateProblems,
  unfilledPlaceholders,
  type ReplyContext,
} from '../../src-shared/saved-reply-template';
import { replyContextOf } from '../../src-shared/reply-context';
import type { ConversationDetail } from '../../src-shared/contract';

const context: ReplyContext = {
  customer: { firstName: 'Søren', lastName: 'Tanaka', name: 'Søren Tanaka' },
  order: {
    id: '20000037-A',
    commercialId: '20000037',
    createdAt: '2025-03-12T10:15:00Z',
    state: 'SHIPPED',
    carrier: 'Colissimo',
    trackingNumber: '6A123',
    trackingUrl: 'https://track.example/6A123',
    lineTitles: ['Lampe de bureau', 'Abat-jour'],
  },
  marketplaceName: 'Carrefour',
  shopName: 'Maison Lumière',
  signature: 'Tom',
};

describe('rendering', () => {
  it('fills every variable from the conversation and its order', () => {
    const template = TEMPLATE_VARIABLES.map((v) => `${v.name}={{${v.name}}}`).join('\n');
    const { body, missing, fields } = renderTemplate(template, context, 'en');
    expect(missing).toEqual([]);
    expect(fields).toEqual([]);
    expect(body).toBe(
      [
        'customer.firstName=Søren',
        'customer.lastName=Tanaka',
        'customer.name=Søren Tanaka',
        'order.id=20000037-A',
        'order.commercialId=20000037',
        'order.date=12 March 2025',
        'order.state=shipped',
        'order.carrier=Colissimo',
        'order.trackingNumber=6A123',
        'order.trackingUrl=https://track.example/6A123',
        'order.lines=Lampe de bureau, Abat-jour',
        'marketplace.name=Carrefour',
        'shop.name=Maison Lumière',
        'signature=Tom',
      ].join('\n'),
    );
  });

  it("writes dates and order states in the reply's language", () => {
    expect(renderTemplate('{{order.date}}, {{order.state}}', context, 'fr').body).toBe('12 mars 2025, expédiée');
    expect(renderTemplate('{{order.date}}, {{order.state}}', context, 'de').body).toBe('12. März 2025, versandt');
    expect(renderTemplate('{{ order.state }}', { ...context, order: { ...context.order!, state: 'NEW_STATE' } }, 'fr').body).toBe('new state');
  });

  it('leaves a variable with no value here as written and names it; the same for fields, once each', () => {
    const noTracking = { ...context, order: { ...context.order!, trackingNumber: null, trackingUrl: '' } };
    const rendered = renderTemplate('N° {{order.trackingNumber}} {{order.trackingUrl}} — {{ask:Return address}} / {{ ask:Return address }} {{order.trackingNumber}}', noTracking, 'en');
    expect(rendered.body).toBe('N° {{order.trackingNumber}} {{order.trackingUrl}} — {{ask:Return address}} / {{ ask:Return address }} {{order.trackingNumber}}');
    expect(rendered.missing).toEqual(['order.trackingNumber', 'order.trackingUrl']);
    expect(rendered.fields).toEqual(['Return address']);
    expect(renderTemplate('Bonjour {{customer.firstName}}', { ...context, order: null }, 'fr').missing).toEqual([]);
    expect(renderTemplate('Commande {{order.id}}', { ...context, order: null }, 'fr').missing).toEqual(['order.id']);
  });
});

describe('checking a saved reply', () => {
  it('refuses unknown variables, nameless fields and stray braces; accepts the known ones', () => {
    expect(templateProblems('Hello {{customer.firstName}}, {{ask:Return address}}')).toEqual([]);
    expect(templateProblems('Hello {{customer.first_name}}')[0]!.message).toMatch(/Unknown variable \{\{customer\.first_name\}\}/);
    expect(templateProblems('Hello {{ask:}}')[0]!.message).toMatch(/needs a name/);
    expect(templateProblems('Hello {{customer.firstName}')[0]!.message).toMatch(/no matching/);
    expect(templateProblems('Hello }} there')[0]!.message).toMatch(/no matching/);
  });
});

describe('what may not be sent', () => {
  it('finds fields and known variables left in a text, not other braces', () => {
    const text = 'Tracking {{order.trackingNumber}}, address {{ask:Return address}}, code {{ABC}}';
    expect(unfilledPlaceholders(text).map((p) => [p.raw, p.label, text.slice(p.start, p.end)])).toEqual([
      ['{{order.trackingNumber}}', 'Tracking number', '{{order.trackingNumber}}'],
      ['{{ask:Return address}}', 'Return address', '{{ask:Return address}}'],
    ]);
    expect(unfilledPlaceholders('Tout est prêt.')).toEqual([]);
  });
});

describe('what a conversation gives', () => {
  const detail = (order: ConversationDetail['order']): Pick<ConversationDetail, 'conversation' | 'account' | 'order'> => ({
    conversation: {
      id: 1, accountId: 1, miraklThreadId: 't', subject: 's', topic: { type: 'FREE_TEXT', value: 's' }, orderId: '1-A', lastMessageAt: '', lastMessagePreview: '', messageCount: 1, unreadCount: 0,
      replyNeededSince: null, snooze: null, doneAt: null, customer: { id: 1, miraklId: 'c', name: 'Jean-Luc de la Fontaine', email: null },
    },
    account: { id: 1, name: 'Darty', shopName: 'Maison Lumière', isDemo: false },
    order,
  });

  it("takes the first and last names from the order, or splits the thread's name without one", () => {
    const withoutOrder = replyContextOf(detail(null), 'Tom');
    expect(withoutOrder.customer).toEqual({ firstName: 'Jean-Luc', lastName: 'de la Fontaine', name: 'Jean-Luc de la Fontaine' });
    expect(withoutOrder.order).toMatchObject({ id: '1-A', trackingNumber: null, lineTitles: [] });
    expect(withoutOrder).toMatchObject({ marketplaceName: 'Darty', shopName: 'Maison Lumière', signature: 'Tom' });
    expect(splitName('  Cher ')).toEqual({ firstName: 'Cher', lastName: null });
  });

  it("reads the customer's language from OR11's locale", () => {
    expect(languageOfLocale('fr_FR')).toBe('fr');
    expect(languageOfLocale('de-AT')).toBe('de');
    expect(languageOfLocale('EN')).toBe('en');
    expect(languageOfLocale('')).toBeNull();
    expect(languageOfLocale(null)).toBeNull();
  });
});
