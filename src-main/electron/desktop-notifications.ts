// Runs in the main process (electron).
//
// Shows what NewMessageNotifier decided as system notifications; a click brings the
// window forward and asks the page to open the conversation.
import { Notification } from 'electron';
import { forNotificationServer, type NotificationRequest } from './new-message-notifier';

export interface DesktopNotificationsOptions {
  onClick(conversationId: number): void;
}

export function desktopNotifications(options: DesktopNotificationsOptions): (request: NotificationRequest) => void {
  // Referenced until closed: a notification collected as garbage loses its click handler on some systems.
  const shown = new Set<Notification>();
  return (request) => {
    if (!Notification.isSupported()) return;
    const { title, body } = forNotificationServer(request);
    const notification = new Notification({ title, body });
    notification.on('click', () => options.onClick(request.conversationId));
    notification.on('close', () => shown.delete(notification));
    shown.add(notification);
    notification.show();
  };
}
