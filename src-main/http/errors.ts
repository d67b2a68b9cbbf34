// Every HTTP error leaves as `{ error: { code, message, field? } }` with the status the
// contract assigns to the code; Fastify's own failures (body parsing, limits) included.
import type { FastifyError, FastifyReply } from 'fastify';
import { errorCodes, type ApiError, type ErrorCode } from '../../src-shared/contract';
import { toApiError } from '../transport/api-error';

/** An error answer is never worth caching, wherever it was decided. */
export function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.code(errorCodes[error.code]).header('Cache-Control', 'no-store').type('application/json; charset=utf-8').send({ error });
}

export function apiError(code: ErrorCode, message: string, field?: string): ApiError {
  return field === undefined ? { code, message } : { code, message, field };
}

/** Fastify's errors (thrown before our handlers run) mapped to the contract's codes. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'Request body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: 'Send the body as application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request', message: 'Content-Length does not match the body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_request', message: 'Empty body with Content-Type application/json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'bad_request', message: 'Malformed JSON body' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'unsupported_media_type', message: 'Invalid Content-Type' },
  FST_ERR_BAD_URL: { code: 'bad_request', message: 'Malformed URL (a % not followed by two hex digits?)' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'bad_request', message: 'A part of the URL path is too long' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'bad_request', message: 'Bad request' },
};

export type ErrorLogger = (message: string, error: unknown) => void;

/** Maps anything thrown while handling a request; unexpected failures are logged and answered generically. */
export function mapRequestError(error: unknown, log: ErrorLogger, context: string): ApiError {
  const fastifyError = error as Partial<FastifyError> | null;
  const known = typeof fastifyError?.code === 'string' ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) return apiError(known.code, known.message);
  // JSON.parse failures and prototype-poisoning refusals from the JSON body parser.
  if (error instanceof SyntaxError || (fastifyError?.statusCode === 400 && typeof fastifyError.code !== 'string')) {
    return apiError('bad_request', 'Malformed JSON body');
  }
  // Any other client error Fastify raises: keep its status class, never its internals.
  const status = fastifyError?.statusCode;
  if (typeof fastifyError?.code === 'string' && fastifyError.code.startsWith('FST_') && status && status >= 400 && status < 500) {
    const code = (Object.keys(errorCodes) as ErrorCode[]).find((c) => errorCodes[c] === status) ?? 'bad_request';
    return apiError(code, fastifyError.message ?? 'Bad request');
  }
  const mapped = toApiError(error);
  if (mapped.unexpected) log(`${context} failed`, error);
  return mapped.error;
}
