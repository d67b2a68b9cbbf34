// Turns whatever a service call threw into the contract's ApiError, the same way for
// HTTP and IPC, so an error code means the same thing on both transports.
import type { z } from 'zod';
import { errorCodes, type ApiError, type ErrorCode } from '../../src-shared/contract';
import { MiraklError } from '../mirakl/errors';

export interface MappedError {
  error: ApiError;
  /** True when the error is a bug or an unknown failure: log its stack, show a generic message. */
  unexpected: boolean;
}

const GENERIC_MESSAGE = 'Internal error; the details are in the server log';

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}

/**
 * The service throws ServiceError(code, message, field?). It is recognised by shape (an
 * Error whose `code` is one of the contract's codes) so the transports do not depend on
 * the service module; Node's own errors ('ENOENT', 'FST_…') never match.
 */
export function toApiError(error: unknown): MappedError {
  if (error instanceof Error) {
    const coded = error as Error & { code?: unknown; field?: unknown };
    if (isErrorCode(coded.code) && coded.code !== 'internal') {
      const apiError: ApiError = { code: coded.code, message: error.message };
      if (typeof coded.field === 'string') apiError.field = coded.field;
      return { error: apiError, unexpected: false };
    }
    // A Mirakl failure the service let through: still tell "refused" from "unreachable".
    if (error instanceof MiraklError) {
      const code = error.status === 429 ? 'rate_limited' : error.transient ? 'mirakl_unreachable' : 'mirakl_refused';
      return { error: { code, message: error.reason }, unexpected: false };
    }
  }
  return { error: { code: 'internal', message: GENERIC_MESSAGE }, unexpected: true };
}

/** The first zod issue as an ApiError: which field, and why. */
export function issuesToApiError(issues: readonly z.core.$ZodIssue[]): ApiError {
  const issue = issues[0];
  if (!issue) return { code: 'invalid_field', message: 'Invalid input' };
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return { code: 'invalid_field', message: `Unknown field ${JSON.stringify(key)}`, field: joinPath([...issue.path, key]) };
  }
  if (issue.path.length === 0) return { code: 'bad_request', message: `Input must be an object: ${issue.message}` };
  return { code: 'invalid_field', message: issue.message, field: joinPath(issue.path) };
}

function joinPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}
