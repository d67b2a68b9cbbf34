// Runs in the main process; pure.
//
// Events the desktop shell itself pushes to the page on EVENTS_CHANNEL, beside the
// service's AppEvents. The page receives them through window.miraklCs.onEvent.
// TODO(contract): add this variant to appEventSchema in src-shared/contract.ts so the
// renderer sees it typed; until then renderers ignore an event type they do not know.
import { EVENTS_CHANNEL } from '../../src-shared/contract';

export const OPEN_CONVERSATION_EVENT = 'ui.openConversation';

/** "Show this conversation": a notification about it was clicked. */
export interface OpenConversationEvent {
  type: typeof OPEN_CONVERSATION_EVENT;
  conversationId: number;
}

export function openConversationEvent(conversationId: number): [channel: string, event: OpenConversationEvent] {
  return [EVENTS_CHANNEL, { type: OPEN_CONVERSATION_EVENT, conversationId }];
}
