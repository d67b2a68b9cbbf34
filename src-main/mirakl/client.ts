// The Mirakl seller API client: one axios instance per connection. It knows HTTP and
// Mirakl, nothing of the database. Every answer is validated before it is returned, so a
// caller never sees half a page.
import axios, { AxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import axiosRetry, { exponentialDelay } from 'axios-retry';
import { z } from 'zod';
import { hasLoneSurrogate } from '../../src-shared/unicode';
import { MiraklError, networkFailureWords } from './errors';
import { multipartBody, type MultipartBody, type MultipartFile } from './multipart-body';
import {
  a01Response,
  m11Envelope,
  miraklDate,
  miraklFullThread,
  miraklListedThread,
  or11Response,
  or72Response,
  postMessageResponse,
  reasonsResponse,
  type A01Response,
  type MiraklFullThread,
  type MiraklListedThread,
  type MiraklOrder,
  type MiraklOrderDocument,
  type MiraklReason,
  type PostMessageResponse,
} from './schemas';

export interface MiraklConnection {
  baseUrl: string;
  apiKey: string;
  /** Chooses one shop when the key reaches several. */
  shopId?: string | null;
}

export interface MiraklClientOptions {
  /** Per attempt. */
  timeoutMs?: number;
  /** Bounded retries for 429, 5xx, resets, timeouts and cut answers. */
  retries?: number;
  /** First back-off step; doubles each retry, with jitter. */
  baseDelayMs?: number;
  /** A Retry-After longer than this fails the call instead of stalling it. */
  maxRetryAfterMs?: number;
}

export const OR11_MAX_IDS = 100;

export interface ListThreadsQuery {
  updatedSince?: number | null;
  pageToken?: string | null;
  limit?: number;
}

/** For reads a caller may give up on (a sync pass being stopped): aborts the request and its retries. */
export interface ReadOptions {
  signal?: AbortSignal;
}

export interface OutgoingMessage {
  body: string;
  to: Array<{ type: string; id?: string }>;
}

export interface NewThread {
  body: string;
  to: string[];
  topic: { type: string; value: string };
}

/** A file to send with M12 or OR43, streamed from disk as a `files` part (never read whole into memory). */
export type OutgoingFile = MultipartFile;

export interface DownloadedAttachment {
  bytes: Buffer;
  contentType: string;
}

/** A thread Mirakl sent that does not match the contract: kept as sent, with why, to be asked for again. */
export interface UnreadableThread {
  /** Null when the entry has no usable id: it cannot be asked for again. */
  id: string | null;
  /** Its date_updated when that much is readable (the listing's order depends on it). */
  dateUpdated: number | null;
  /** The thread exactly as Mirakl sent it. */
  raw: unknown;
  /** Where it departs from the contract, e.g. "messages.3.date_created: Invalid ISO datetime". */
  reason: string;
}

/** One M11 page: the threads that could be read, those that could not, and where the next page starts. */
export interface ThreadListPage {
  data: MiraklListedThread[];
  unreadable: UnreadableThread[];
  /** Null on the last page. */
  next_page_token: string | null;
}

/** An M10 answer: the whole thread, or why it could not be read. */
export type ThreadRead = { thread: MiraklFullThread; unreadable?: undefined } | { thread?: undefined; unreadable: UnreadableThread };

type Operation = 'M10' | 'M11' | 'M12' | 'M13' | 'OR11' | 'OR43' | 'OR72' | 'OR73' | 'A01' | 'RE02' | 'RE14';

/** OR72 and OR73 take at most this many ids per call. */
export const OR72_MAX_IDS = 100;

export class MiraklClient {
  private readonly http: AxiosInstance;
  readonly baseUrl: string;

  constructor(
    readonly connection: MiraklConnection,
    options: MiraklClientOptions = {},
  ) {
    this.baseUrl = connection.baseUrl.replace(/\/+$/, '');
    const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    const baseDelayMs = options.baseDelayMs ?? 500;
    this.http = axios.create({
      baseURL: this.baseUrl,
      timeout: options.timeoutMs ?? 30_000,
      headers: { Authorization: connection.apiKey, Accept: 'application/json', 'Accept-Encoding': 'gzip, deflate' },
      decompress: true,
      responseType: 'json',
      maxRedirects: 0,
      // A body that is not JSON must fail loudly, never pass through as a string.
      transitional: { silentJSONParsing: false, forcedJSONParsing: true, clarifyTimeoutError: true },
      params: connection.shopId ? { shop_id: connection.shopId } : {},
    });
    axiosRetry(this.http, {
      retries: options.retries ?? 5,
      shouldResetTimeout: true,
      retryCondition: (error) => isRetryable(error, maxRetryAfterMs),
      retryDelay: (retryCount, error) => exponentialDelay(retryCount - 1, error, baseDelayMs),
    });
  }

  /**
   * M11: one page of threads changed since a date, with their last 100 messages. Each thread
   * is checked on its own: one that does not match the contract is returned apart, unreadable,
   * and the rest of the page stays usable.
   */
  async listThreads(query: ListThreadsQuery, options: ReadOptions = {}): Promise<ThreadListPage> {
    const params: Record<string, string | number | boolean> = { with_messages: true, limit: query.limit ?? 100 };
    if (query.updatedSince != null) params.updated_since = new Date(query.updatedSince).toISOString();
    if (query.pageToken) params.page_token = query.pageToken;
    const page = await this.get('M11', '/api/inbox/threads', params, m11Envelope, options);
    const data: MiraklListedThread[] = [];
    const unreadable: UnreadableThread[] = [];
    for (const raw of page.data) {
      const read = checkThread(raw, miraklListedThread);
      if (read.thread) data.push(read.thread);
      else unreadable.push(read.unreadable);
    }
    return { data, unreadable, next_page_token: page.next_page_token };
  }

  /** M10: a whole thread, every message. Throws when it does not match the contract. */
  async getThread(threadId: string, options: ReadOptions = {}): Promise<MiraklFullThread> {
    return this.get('M10', `/api/inbox/threads/${pathSegment('M10', threadId)}`, {}, miraklFullThread, options);
  }

  /** M10 for the sync: the whole thread, or, when it does not match the contract, the thread as sent and why. */
  async readThread(threadId: string, options: ReadOptions = {}): Promise<ThreadRead> {
    const raw = await this.get('M10', `/api/inbox/threads/${pathSegment('M10', threadId)}`, {}, z.unknown(), options);
    return checkThread(raw, miraklFullThread);
  }

  /**
   * RE02 (reason type MESSAGING): the labels of the reason codes threads carry as topics.
   * An instance without RE02 (404) is asked through RE14, its deprecated form.
   */
  async getMessagingReasons(options: ReadOptions = {}): Promise<MiraklReason[]> {
    try {
      return (await this.get('RE02', '/api/reasons/MESSAGING', {}, reasonsResponse, options)).reasons;
    } catch (error) {
      if (!(error instanceof MiraklError && error.status === 404)) throw error;
      return (await this.get('RE14', '/api/reasons/messaging', {}, reasonsResponse, options)).reasons;
    }
  }

  /** OR11: orders by id, in batches of at most 100 ids. */
  async getOrders(orderIds: readonly string[], options: ReadOptions = {}): Promise<MiraklOrder[]> {
    const orders: MiraklOrder[] = [];
    for (let i = 0; i < orderIds.length; i += OR11_MAX_IDS) {
      const batch = orderIds.slice(i, i + OR11_MAX_IDS);
      const page = await this.get('OR11', '/api/orders', { order_ids: batch.join(','), max: OR11_MAX_IDS }, or11Response, options);
      orders.push(...page.orders);
    }
    return orders;
  }

  /** A01: the shop behind this key; used to test a connection. */
  async getAccount(): Promise<A01Response> {
    return this.get('A01', '/api/account', {}, a01Response);
  }

  /** M12: reply in a thread (multipart: a JSON part `message_input`, `files` parts). Never retried blindly: see the outbox. */
  async postMessage(threadId: string, message: OutgoingMessage, files: readonly OutgoingFile[] = []): Promise<PostMessageResponse> {
    const url = `/api/inbox/threads/${pathSegment('M12', threadId)}/message`;
    return this.post('M12', url, await multipartBody('message_input', message, files), postMessageResponse);
  }

  /** OR43: start a thread on an order, its first message with `files` parts. */
  async createThread(orderId: string, thread: NewThread, files: readonly OutgoingFile[] = []): Promise<PostMessageResponse> {
    const url = `/api/orders/${pathSegment('OR43', orderId)}/threads`;
    return this.post('OR43', url, await multipartBody('thread_input', thread, files), postMessageResponse);
  }

  /** OR72: the documents of some orders (invoices, delivery bills…), in batches of at most 100 ids. */
  async listOrderDocuments(orderIds: readonly string[], options: ReadOptions = {}): Promise<MiraklOrderDocument[]> {
    const documents: MiraklOrderDocument[] = [];
    for (let i = 0; i < orderIds.length; i += OR72_MAX_IDS) {
      const batch = orderIds.slice(i, i + OR72_MAX_IDS);
      const page = await this.get('OR72', '/api/orders/documents', { order_ids: batch.join(',') }, or72Response, options);
      documents.push(...page.order_documents);
    }
    return documents;
  }

  /** OR73: one document's bytes (a single id is answered as the file itself, not a ZIP). */
  async downloadOrderDocument(documentId: string): Promise<DownloadedAttachment> {
    const response = await this.send('OR73', () =>
      this.http.get<ArrayBuffer>('/api/orders/documents/download', { params: { document_ids: documentId }, responseType: 'arraybuffer' }),
    );
    return { bytes: Buffer.from(response.data), contentType: String(response.headers['content-type'] ?? 'application/octet-stream') };
  }

  /** M13: an attachment's bytes. */
  async downloadAttachment(attachmentId: string): Promise<DownloadedAttachment> {
    const url = `/api/inbox/threads/${pathSegment('M13', attachmentId)}/download`;
    const response = await this.send('M13', () => this.http.get<ArrayBuffer>(url, { responseType: 'arraybuffer' }));
    return { bytes: Buffer.from(response.data), contentType: String(response.headers['content-type'] ?? 'application/octet-stream') };
  }

  private async get<S extends z.ZodType>(
    operation: Operation,
    url: string,
    params: Record<string, unknown>,
    schema: S,
    options: ReadOptions = {},
  ): Promise<z.output<S>> {
    const response = await this.send(operation, () => this.http.get(url, { params, signal: options.signal }), options.signal);
    return this.validate(operation, response, schema);
  }

  private async post<S extends z.ZodType>(operation: Operation, url: string, multipart: MultipartBody, schema: S): Promise<z.output<S>> {
    const response = await this.send(operation, () => this.http.post(url, multipart.body, { headers: { 'Content-Type': multipart.contentType } }));
    return this.validate(operation, response, schema);
  }

  private validate<S extends z.ZodType>(operation: Operation, response: AxiosResponse, schema: S): z.output<S> {
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'body';
      throw new MiraklError(`${operation}: Mirakl's answer does not match the contract at ${where}: ${issue?.message ?? 'invalid'}`, 'malformed', operation);
    }
    return parsed.data;
  }

  private async send<T>(operation: Operation, call: () => Promise<AxiosResponse<T>>, signal?: AbortSignal): Promise<AxiosResponse<T>> {
    try {
      return await call();
    } catch (error) {
      // Given up by the caller: its reason, not a made-up network failure.
      if (signal?.aborted) throw signal.reason;
      throw toMiraklError(error, operation, this.baseUrl);
    }
  }
}

/** Where a value departs from a schema, in a line: "messages.3.date_created: Invalid ISO datetime". */
function contractProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the thread itself';
  return `${where}: ${issue?.message ?? 'invalid'}`;
}

const threadFields = z.object({ id: z.unknown(), date_updated: z.unknown() }).partial();

/** A thread checked on its own: the parsed thread, or what is readable of it and why the rest is not. */
function checkThread<S extends typeof miraklListedThread | typeof miraklFullThread>(
  raw: unknown,
  schema: S,
): { thread: z.output<S>; unreadable?: undefined } | { thread?: undefined; unreadable: UnreadableThread } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { thread: parsed.data as z.output<S> };
  const fields = threadFields.safeParse(raw).data;
  const id = z.string().min(1).safeParse(fields?.id);
  const dateUpdated = miraklDate.safeParse(fields?.date_updated);
  return {
    unreadable: {
      id: id.success ? id.data : null,
      dateUpdated: dateUpdated.success ? dateUpdated.data : null,
      raw,
      reason: contractProblem(parsed.error),
    },
  };
}

/**
 * An id as one segment of a Mirakl URL. `.` and `..` would be resolved into another path
 * (`/api/orders/../threads`), and text with half a character cannot be encoded at all:
 * such a request is never sent, whatever the id's origin (the user, or a stored answer).
 */
export function pathSegment(operation: Operation, id: string): string {
  if (id === '' || id === '.' || id === '..' || hasLoneSurrogate(id)) {
    throw new MiraklError(`${operation}: ${JSON.stringify(id)} is not a Mirakl id, so no request was sent`, 'invalid', operation);
  }
  return encodeURIComponent(id);
}

function isRetryable(error: AxiosError, maxRetryAfterMs: number): boolean {
  const status = error.response?.status;
  const method = (error.config?.method ?? 'get').toLowerCase();
  if (status === 429) return retryAfterMs(error) <= maxRetryAfterMs;
  // A write whose outcome is unknown is never repeated here: the caller checks first.
  if (method !== 'get') return false;
  if (status !== undefined && status >= 500) return true;
  if (error.code === AxiosError.ERR_BAD_RESPONSE && status !== undefined && status < 300) return true; // cut or garbled body
  return status === undefined && error.code !== AxiosError.ERR_CANCELED; // reset, refused, timeout
}

function retryAfterMs(error: AxiosError): number {
  const header = error.response?.headers?.['retry-after'];
  if (header == null) return 0;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(String(header));
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : 0;
}

function toMiraklError(error: unknown, operation: string, baseUrl: string): MiraklError {
  if (error instanceof MiraklError) return error;
  if (!axios.isAxiosError(error)) return new MiraklError(`${operation}: ${(error as Error)?.message ?? String(error)}`, 'network', operation);
  const status = error.response?.status;
  if (status !== undefined && status >= 300) {
    const said = miraklMessage(error.response?.data);
    const detail = said ?? error.response?.statusText ?? '';
    const hint = status === 401 ? ' (check the API key)' : status === 403 ? ' (check the shop id and the key\'s rights)' : '';
    return new MiraklError(`${operation}: Mirakl answered ${status}${detail ? `: ${detail}` : ''}${hint}`, 'http', operation, status, said);
  }
  if (error.code === AxiosError.ERR_BAD_RESPONSE) {
    return new MiraklError(`${operation}: Mirakl's answer is not valid JSON (cut short or garbled)`, 'malformed', operation, status);
  }
  if (error.code === AxiosError.ETIMEDOUT || error.code === AxiosError.ECONNABORTED) {
    return new MiraklError(`${operation}: Mirakl at ${baseUrl} did not answer in time`, 'timeout', operation);
  }
  return new MiraklError(`${operation}: cannot reach Mirakl at ${baseUrl}: ${networkFailureWords(errorCode(error), error.message)}`, 'network', operation);
}

/** Node's own code (ENOTFOUND, CERT_HAS_EXPIRED…) rather than axios' wrapper code, when there is one. */
function errorCode(error: AxiosError): string | undefined {
  const cause = error.cause as NodeJS.ErrnoException | undefined;
  return cause?.code ?? error.code;
}

/** Mirakl errors are JSON {message, status}; some proxies answer text. */
function miraklMessage(data: unknown): string | undefined {
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') return data.message;
  if (typeof data === 'string' && data.trim()) return data.trim().slice(0, 200);
  if (data instanceof ArrayBuffer || Buffer.isBuffer(data)) {
    const text = Buffer.from(data as ArrayBuffer).toString('utf8');
    try {
      return miraklMessage(JSON.parse(text));
    } catch {
      return text.slice(0, 200) || undefined;
    }
  }
  return undefined;
}
