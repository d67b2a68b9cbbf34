// The saved replies the demo ships with: the answers a marketplace technician writes every
// day, in French and English, each pair under one name so the picker offers the customer's
// language first. Seeded once, the first time the demo inbox appears; the technician may
// change or delete them like any other.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { insertSavedReplies, type SavedReplyFields } from '../db/saved-replies';

const SEEDED_KEY = 'demo.savedRepliesSeeded';

export const DEMO_SAVED_REPLIES: readonly SavedReplyFields[] = [
  {
    name: 'Where is my parcel',
    language: 'fr',
    accountId: null,
    body: `Bonjour {{customer.firstName}},

Merci pour votre message. Votre commande {{order.commercialId}} du {{order.date}} a été expédiée avec {{order.carrier}}. Vous pouvez suivre le colis avec le numéro {{order.trackingNumber}} :
{{order.trackingUrl}}

Le transporteur livre en général sous 2 à 4 jours ouvrés. Si le suivi n'avance plus d'ici 48 heures, répondez-nous ici et nous ouvrirons une enquête auprès de lui.

Bien cordialement,
{{signature}}
{{shop.name}}`,
  },
  {
    name: 'Where is my parcel',
    language: 'en',
    accountId: null,
    body: `Hello {{customer.firstName}},

Thank you for your message. Your order {{order.commercialId}} of {{order.date}} was shipped with {{order.carrier}}. You can follow the parcel with the tracking number {{order.trackingNumber}}:
{{order.trackingUrl}}

The carrier usually delivers within 2 to 4 working days. If the tracking has not moved within 48 hours, reply here and we will open an investigation with them.

Kind regards,
{{signature}}
{{shop.name}}`,
  },
  {
    name: 'Here is your invoice',
    language: 'fr',
    accountId: null,
    body: `Bonjour {{customer.firstName}},

Vous trouverez ci-joint la facture de votre commande {{order.commercialId}} ({{order.lines}}).

Nous restons à votre disposition pour toute autre question.

Bien cordialement,
{{signature}}
{{shop.name}}`,
  },
  {
    name: 'Here is your invoice',
    language: 'en',
    accountId: null,
    body: `Hello {{customer.firstName}},

Please find attached the invoice for your order {{order.commercialId}} ({{order.lines}}).

Let us know if there is anything else we can do for you.

Kind regards,
{{signature}}
{{shop.name}}`,
  },
  {
    name: 'Photo of the damage, please',
    language: 'fr',
    accountId: null,
    body: `Bonjour {{customer.firstName}},

Nous sommes désolés que votre article soit arrivé abîmé. Pour traiter votre demande au plus vite, pourriez-vous nous envoyer ici une photo de l'article et une photo du colis, avec son étiquette ?

Dès réception, nous vous proposerons un remplacement ou un remboursement.

Bien cordialement,
{{signature}}
{{shop.name}}`,
  },
  {
    name: 'Photo of the damage, please',
    language: 'en',
    accountId: null,
    body: `Hello {{customer.firstName}},

We are sorry your item arrived damaged. To settle this quickly, could you send us here a photo of the item and one of the parcel with its label?

As soon as we have them, we will offer you a replacement or a refund.

Kind regards,
{{signature}}
{{shop.name}}`,
  },
  {
    name: 'How to return the item',
    language: 'fr',
    accountId: null,
    body: `Bonjour {{customer.firstName}},

Vous pouvez nous retourner {{order.lines}} sous 14 jours, dans son emballage d'origine, à l'adresse suivante :
{{ask:Adresse de retour}}

Indiquez le numéro de commande {{order.commercialId}} dans le colis. Le remboursement est fait dès réception, sous 5 jours ouvrés.

Bien cordialement,
{{signature}}
{{shop.name}}`,
  },
  {
    name: 'How to return the item',
    language: 'en',
    accountId: null,
    body: `Hello {{customer.firstName}},

You can send {{order.lines}} back within 14 days, in its original packaging, to this address:
{{ask:Return address}}

Please put the order number {{order.commercialId}} in the parcel. We refund as soon as it arrives, within 5 working days.

Kind regards,
{{signature}}
{{shop.name}}`,
  },
];

/** Adds the demo's saved replies the first time this store shows the demo; never again after (even once deleted). */
export async function seedDemoSavedReplies(db: Kysely<Database>, now: number): Promise<boolean> {
  const claimed = await db
    .insertInto('settings')
    .values({ key: SEEDED_KEY, value: 'true', updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed) return false;
  await insertSavedReplies(db, DEMO_SAVED_REPLIES, now);
  return true;
}
