// Runs in the main process (electron).
//
// Shows what NewMessageNotifier decided as system notifications; a click brings the
// window forward and asks the page to open the conversation.
import { Notification } from 'electron';
import type { NotificationRequest } from './new-message-notifier';

export interface DesktopNotificationsOptions {
  onClick(conversationId: number): void;
}

export function desktopNotifications(options: DesktopNotificationsOptions): (request: NotificationRequest) => void {
  // Referenced until closed: a notification collected as garbage loses its click handler on some systems.
  const shown = new Set<Notification>();
  return (request) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: request.title, body: request.body });
    notification.on('click', () => options.onClick(request.conversationId));
    notification.on('close', () => shown.delete(notification));
    shown.add(notification);
    notification.show();
  };
}
