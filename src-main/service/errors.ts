// The one error the service throws on purpose. Its code is the contract's ErrorCode, so
// HTTP and IPC map it the same way (transport/api-error recognises it by shape).
import type { ErrorCode } from '../../src-shared/contract';
import { MiraklError } from '../mirakl/errors';

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For invalid_field: the offending input field, dotted. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export function notFound(what: string, id: number | string): ServiceError {
  return new ServiceError('not_found', `${what} ${id} does not exist`);
}

/**
 * A failed Mirakl call as the user should see it: refused (Mirakl said no: its reason is
 * kept) or unreachable (offline, overloaded, timed out: try again later). Anything that
 * is not a MiraklError is returned as is.
 */
export function fromMiraklError(error: unknown, doing: string): unknown {
  if (error instanceof ServiceError || !(error instanceof MiraklError)) return error;
  if (error.status === 429) return new ServiceError('rate_limited', `${doing}: Mirakl asks to slow down (429); try again shortly`);
  if (error.transient) return new ServiceError('mirakl_unreachable', `${doing}: ${error.reason}`);
  return new ServiceError('mirakl_refused', `${doing}: ${error.reason}`);
}
