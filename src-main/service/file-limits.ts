// Mirakl's limits on files, checked before anything is queued or sent, with a message that
// says what to do: a message and its files weigh 30 MB at most, and the threads of one
// order hold 50 files at most in all (those the store already holds count).
import { MESSAGE_MAX_BYTES, ORDER_MAX_ATTACHMENTS } from '../../src-shared/contract';
import { humanSize } from '../../src-shared/human-size';
import { ServiceError } from './errors';


export interface FileWeight {
  name: string;
  size: number;
}

/** Throws the first limit the message breaks. `alreadyOnOrder`: files the order's threads hold (null: no order). */
export function checkFileLimits(body: string, files: readonly FileWeight[], alreadyOnOrder: number | null): void {
  if (files.length === 0) return;
  const total = Buffer.byteLength(body, 'utf8') + files.reduce((sum, f) => sum + f.size, 0);
  if (total > MESSAGE_MAX_BYTES) {
    const biggest = [...files].sort((a, b) => b.size - a.size)[0];
    throw new ServiceError(
      'payload_too_large',
      `A message and its files may weigh ${humanSize(MESSAGE_MAX_BYTES)} at most on Mirakl; these weigh ${humanSize(total)}` +
        (biggest ? ` (the largest is "${biggest.name}", ${humanSize(biggest.size)}): leave some out or send them in another message` : ''),
      'attachments',
    );
  }
  if (alreadyOnOrder !== null && alreadyOnOrder + files.length > ORDER_MAX_ATTACHMENTS) {
    const room = Math.max(0, ORDER_MAX_ATTACHMENTS - alreadyOnOrder);
    throw new ServiceError(
      'invalid_field',
      `Mirakl allows ${ORDER_MAX_ATTACHMENTS} files in all across an order's threads; this order's threads already hold ${alreadyOnOrder}, ` +
        (room === 0 ? 'so no more can be attached' : `so ${room} more at most can be attached (not ${files.length})`),
      'attachments',
    );
  }
}
