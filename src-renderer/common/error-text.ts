// A sentence for an error a technician can act on.
import { InboxError } from '../../src-shared/inbox-client';

export function errorText(error: unknown): string {
  if (error instanceof InboxError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
