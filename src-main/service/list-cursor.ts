// The list's page cursor: opaque to clients (base64url), it carries the position of the
// last row of a page (last_message_at, id), where the next page starts.
import type { ListPosition } from '../db/conversations';
import { ServiceError } from './errors';

export function encodeCursor(position: ListPosition): string {
  return Buffer.from(`${position.lastMessageAt}.${position.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ListPosition {
  const text = /^[A-Za-z0-9_-]*$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^(-?\d{1,16})\.(\d{1,16})$/.exec(text);
  const lastMessageAt = Number(match?.[1]);
  const id = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(lastMessageAt) || !Number.isSafeInteger(id)) {
    throw new ServiceError('invalid_field', 'Invalid cursor: pass back the nextCursor of a previous page', 'cursor');
  }
  return { lastMessageAt, id };
}
