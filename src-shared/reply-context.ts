// What a conversation gives its saved replies, from the conversation as the contract shows
// it: the service renders with it (POST …/render), the renderer's picker previews with it.
import type { ConversationDetail } from './contract';
import { languageOfLocale, splitName, type ReplyContext } from './saved-reply-template';

export function replyContextOf(detail: Pick<ConversationDetail, 'conversation' | 'account' | 'order'>, signature: string): ReplyContext {
  const { conversation, account, order } = detail;
  // OR11 names the customer's first and last name; without the order, the thread's display name is split.
  const fromThread = splitName(conversation.customer?.name ?? order?.customerName ?? null);
  const firstName = order?.customerFirstName ?? fromThread.firstName;
  const lastName = order?.customerLastName ?? fromThread.lastName;
  return {
    customer: {
      firstName,
      lastName,
      name: conversation.customer?.name ?? order?.customerName ?? ([firstName, lastName].filter(Boolean).join(' ') || null),
    },
    order:
      conversation.orderId === null
        ? null
        : {
            id: conversation.orderId,
            commercialId: order?.commercialId ?? null,
            createdAt: order?.createdAt ?? null,
            state: order?.state ?? null,
            carrier: order?.carrier ?? null,
            trackingNumber: order?.trackingNumber ?? null,
            trackingUrl: order?.trackingUrl ?? null,
            lineTitles: order?.lines.map((l) => l.title).filter((t) => t.trim() !== '') ?? [],
          },
    marketplaceName: account.name,
    shopName: account.shopName,
    signature,
  };
}

/** The customer's language (OR11's customer.locale), which saved replies are picked and written in. */
export function customerLanguage(detail: Pick<ConversationDetail, 'order'>): string | null {
  return languageOfLocale(detail.order?.customerLocale);
}
