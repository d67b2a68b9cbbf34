// A click on a notification brings the window forward and asks the page to open the conversation.
import { describe, expect, it, vi } from 'vitest';
import { EVENTS_CHANNEL } from '../../src-shared/contract';
import { desktopNotifications } from '../../src-main/electron/desktop-notifications';
import { OPEN_CONVERSATION_EVENT, openConversationEvent } from '../../src-main/electron/shell-events';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

describe('notification clicks', () => {
  it('shows a system notification and reports a click with its conversation', () => {
    const clicked: number[] = [];
    const show = desktopNotifications({ onClick: (id) => clicked.push(id) });
    show({ title: 'Søren Tanaka', body: 'Any news about my parcel?', conversationId: 42 });
    const [notification] = fake.Notification.instances;
    expect(notification?.options).toEqual({ title: 'Søren Tanaka', body: 'Any news about my parcel?' });
    expect(notification?.shown).toBe(true);
    notification!.emit('click');
    expect(clicked).toEqual([42]);
  });

  it('asks the page to open the conversation on the event channel', () => {
    expect(openConversationEvent(42)).toEqual([EVENTS_CHANNEL, { type: OPEN_CONVERSATION_EVENT, conversationId: 42 }]);
  });
});
