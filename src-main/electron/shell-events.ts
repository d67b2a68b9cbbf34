// Runs in the main process; pure.
//
// Events the desktop shell itself pushes to the page on EVENTS_CHANNEL, beside the
// service's AppEvents (the variant is part of the contract's AppEvent union).
import { EVENTS_CHANNEL, type AppEvent } from '../../src-shared/contract';

export const OPEN_CONVERSATION_EVENT = 'ui.openConversation';

/** "Show this conversation": a notification about it was clicked. */
export type OpenConversationEvent = Extract<AppEvent, { type: 'ui.openConversation' }>;

export function openConversationEvent(conversationId: number): [channel: string, event: OpenConversationEvent] {
  return [EVENTS_CHANNEL, { type: OPEN_CONVERSATION_EVENT, conversationId }];
}

/** "Open this panel": chosen in the application menu (Settings…, Keyboard Shortcuts). */
export type OpenPanelEvent = Extract<AppEvent, { type: 'ui.openPanel' }>;

export function openPanelEvent(panel: OpenPanelEvent['panel']): [channel: string, event: OpenPanelEvent] {
  return [EVENTS_CHANNEL, { type: 'ui.openPanel', panel }];
}
