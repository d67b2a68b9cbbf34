// The open thread's messages (oldest first) under live updates and optimistic replies.
import type { Message } from '../../src-shared/contract';

function compareMessages(a: Message, b: Message): number {
  const byTime = Date.parse(a.sentAt) - Date.parse(b.sentAt);
  return byTime !== 0 && !Number.isNaN(byTime) ? byTime : a.id - b.id;
}

/**
 * Inserts or replaces a message, keeping time order. `onlyIfAbsent` is for answers to our
 * own calls: an event about the same message may have arrived first and is fresher.
 */
export function upsertMessage(messages: readonly Message[], message: Message, onlyIfAbsent = false): readonly Message[] {
  const index = messages.findIndex((m) => m.id === message.id);
  if (index !== -1) {
    if (onlyIfAbsent) return messages;
    const current = messages[index] as Message;
    if (current.sentAt === message.sentAt) return [...messages.slice(0, index), message, ...messages.slice(index + 1)];
  }
  const rest = index === -1 ? messages : [...messages.slice(0, index), ...messages.slice(index + 1)];
  // Nearly always the newest: search from the end.
  let at = rest.length;
  while (at > 0 && compareMessages(rest[at - 1] as Message, message) > 0) at -= 1;
  return [...rest.slice(0, at), message, ...rest.slice(at)];
}

export function removeMessage(messages: readonly Message[], id: number): readonly Message[] {
  const index = messages.findIndex((m) => m.id === id);
  return index === -1 ? messages : [...messages.slice(0, index), ...messages.slice(index + 1)];
}
