// How an operation of the contract becomes an HTTP request: `:name` path segments from the
// input, the rest as the query (GET, DELETE) or a JSON body.
import type { ApiError, HttpBinding } from '../../src-shared/contract';
import { InboxError } from '../../src-shared/inbox-client';

export interface HttpRequestParts {
  method: HttpBinding['method'];
  /** Path with the query string, relative to the server root. */
  url: string;
  body: string | undefined;
}

export function buildHttpRequest(binding: HttpBinding, input: object): HttpRequestParts {
  const rest: Record<string, unknown> = { ...input };
  const path = binding.path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    if (value === undefined || value === null) throw new InboxError('bad_request', `Missing ${name}`, name);
    return encodeURIComponent(String(value));
  });
  if (binding.method === 'GET' || binding.method === 'DELETE') {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(rest)) {
      if (value === undefined || value === null) continue;
      query.set(key, String(value));
    }
    const search = query.toString();
    return { method: binding.method, url: search ? `${path}?${search}` : path, body: undefined };
  }
  return { method: binding.method, url: path, body: JSON.stringify(rest) };
}

/** Error codes the contract's statuses stand for, when a body carries no error object (a proxy, a crash). */
const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'invalid_field',
  429: 'rate_limited',
  502: 'mirakl_refused',
  503: 'mirakl_unreachable',
};

/** The InboxError for a failed response, from its `{ error: { code, message, field } }` body when it has one. */
export function errorFromResponse(status: number, body: unknown): InboxError {
  const error = (body as { error?: Partial<ApiError> } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new InboxError(error.code, error.message, typeof error.field === 'string' ? error.field : undefined);
  }
  return new InboxError(STATUS_CODES[status] ?? 'internal', `The inbox service answered HTTP ${status}`);
}

/** The file name of a download, from its Content-Disposition (RFC 5987 form preferred). */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}
