// The list's page cursor: opaque to clients (base64url), it carries the position of the
// last row of a page (its sort key and id), where the next page starts, and the order it
// belongs to: a cursor of the newest-first list means nothing to the longest-waiting one.
import type { ListPosition, ListSort } from '../db/conversations';
import { ServiceError } from './errors';

/** Marks a cursor of the `waiting` order; a `recent` cursor has no mark (as before there were two orders). */
const WAITING_MARK = 'w';

export function encodeCursor(position: ListPosition, sort: ListSort = 'recent'): string {
  return Buffer.from(`${sort === 'waiting' ? WAITING_MARK : ''}${position.sortKey}.${position.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: ListSort = 'recent'): ListPosition {
  const text = /^[A-Za-z0-9_-]*$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^(w?)(-?\d{1,16})\.(\d{1,16})$/.exec(text);
  const sortKey = Number(match?.[2]);
  const id = Number(match?.[3]);
  if (!match || !Number.isSafeInteger(sortKey) || !Number.isSafeInteger(id)) {
    throw new ServiceError('invalid_field', 'Invalid cursor: pass back the nextCursor of a previous page', 'cursor');
  }
  if ((match[1] === WAITING_MARK) !== (sort === 'waiting')) {
    throw new ServiceError('invalid_field', 'This cursor belongs to a list in another order: pass the same sort as for its first page', 'cursor');
  }
  return { sortKey, id };
}
