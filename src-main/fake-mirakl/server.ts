/**
 * The fake Mirakl over real HTTP (fastify): the seller API subset M10, M11, M12, M13,
 * OR11, OR43, OR72, OR73, A01, RE02 and RE14 as described in docs/mirakl/seller-api-subset.openapi.json,
 * backed by a FakeMiraklStore, with switchable faults and a log of every call. It sends the
 * shapes real shops send where the spec allows them (see the M11 handler and demo-data).
 */
import { STATUS_CODES } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { FakeFaults, withUnknownFields } from './faults';
import type { RequestFaults } from './faults';
import { storedZip } from './documents';
import { FakeMiraklError, FakeMiraklStore, MAX_ATTACHMENTS_PER_ORDER, MAX_MESSAGES_PER_THREAD } from './store';
import type { AttachmentInput, MiraklThread, ParticipantType, SeekPosition, TopicType } from './store';

export interface RecordedCall {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters (repeated ones joined with commas). */
  query: Record<string, string>;
  /** Status answered; 0 when the connection was reset or the answer never left. */
  status: number;
  /** When the request arrived, epoch ms (real time). */
  time: number;
}

/** Called before each M11 page is computed; pageIndex 0 is the request without page_token. */
export type BeforePageHook = (pageIndex: number, query: Readonly<Record<string, string>>) => void | Promise<void>;

export interface FakeMirakl {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  apiKey: string;
  store: FakeMiraklStore;
  faults: FakeFaults;
  calls: RecordedCall[];
  onBeforePage?: BeforePageHook;
  close(): Promise<void>;
}

export interface StartFakeMiraklOptions {
  store?: FakeMiraklStore;
  /** 0 (default): a free port. */
  port?: number;
  host?: string;
  apiKey?: string;
  /** Shop id of the store created when none is given. */
  shopId?: number;
}

const M11_DEFAULT_LIMIT = 50;
const M11_MAX_LIMIT = 100;
/** M11 with_messages returns only this many messages per thread, the most recent. */
const M11_MESSAGES_PER_THREAD = 100;
const OR11_DEFAULT_MAX = 10;
const OR11_MAX = 100;
const BODY_MIN_LENGTH = 3;
const BODY_MAX_LENGTH = 50_000;
const MESSAGE_MAX_BYTES = 30 * 1024 * 1024;
/** Below this, compressing is not worth it. */
const GZIP_MIN_BYTES = 1024;
const PARTICIPANT_TYPES: ReadonlySet<string> = new Set(['SHOP', 'CUSTOMER', 'OPERATOR']);
const TOPIC_TYPES: ReadonlySet<string> = new Set(['FREE_TEXT', 'REASON_CODE']);
/** RE02's reason_type values. */
const REASON_TYPES: ReadonlySet<string> = new Set([
  'INCIDENT_CLOSE',
  'REFUND',
  'MPS_REFUND',
  'MESSAGING',
  'ORDER_MESSAGING',
  'MPS_ORDER_MESSAGING',
  'MPS_OFFER_MESSAGING',
  'OFFER_MESSAGING',
  'CANCELATION',
]);
/** The multipart parts holding M12's and OR43's JSON. */
const JSON_PARTS: ReadonlySet<string> = new Set(['message_input', 'thread_input']);
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const gzipAsync = promisify(gzip);

interface PageToken extends SeekPosition {
  pageIndex: number;
  limit: number;
}

/** Opaque for clients: base64url of JSON. Carries the seek position and the page size. */
function encodePageToken(token: PageToken): string {
  const payload = { sort: 'date,DESC', p: token.pageIndex, l: token.limit, u: token.updatedMs, i: token.id };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function decodePageToken(text: string): PageToken | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null) return undefined;
    const { p, l, u, i } = payload as Record<string, unknown>;
    if (typeof p !== 'number' || typeof l !== 'number' || typeof u !== 'number' || typeof i !== 'string') return undefined;
    return { pageIndex: p, limit: l, updatedMs: u, id: i };
  } catch {
    return undefined;
  }
}

function flattenQuery(query: unknown): Record<string, string> {
  const flat: Record<string, string> = {};
  if (typeof query !== 'object' || query === null) return flat;
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    flat[key] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return flat;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function parseInteger(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

function pathOf(request: FastifyRequest): string {
  const queryStart = request.url.indexOf('?');
  return queryStart === -1 ? request.url : request.url.slice(0, queryStart);
}

function sendError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ message, status });
}

type ListedThread = Omit<MiraklThread, 'messages' | 'no_store_reply_needed'> &
  Partial<Pick<MiraklThread, 'messages' | 'no_store_reply_needed'>>;

/** A thread as M11 lists it: no messages, or the last 100 with no_store_reply_needed. */
function listedThread(thread: MiraklThread, withMessages: boolean): ListedThread {
  const { messages, no_store_reply_needed, ...summary } = thread;
  if (!withMessages) return summary;
  return { ...summary, messages: messages.slice(-M11_MESSAGES_PER_THREAD), no_store_reply_needed };
}

interface ParsedMultipart {
  /** Text fields as sent; a field sent with Content-Type application/json arrives parsed. */
  fields: Map<string, unknown>;
  files: AttachmentInput[];
}

/**
 * All parts in memory. The JSON part is a plain form field, as Mirakl documents it (its cURL
 * example, its PHP SDK: `Content-Type: application/json`, no filename); sent as a file (a
 * Blob, `filename="blob"`) it is refused, as clients must not rely on it being read.
 */
async function readMultipart(request: FastifyRequest): Promise<ParsedMultipart> {
  const fields = new Map<string, unknown>();
  const files: AttachmentInput[] = [];
  for await (const part of withJsonErrors(request.parts())) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (JSON_PARTS.has(part.fieldname)) {
        throw new FakeMiraklError(400, `Part '${part.fieldname}' must be a form field with Content-Type application/json, not a file ('${part.filename}')`);
      }
      if (part.fieldname === 'files') files.push({ name: part.filename || 'attachment', bytes });
    } else {
      fields.set(part.fieldname, part.value);
    }
  }
  return { fields, files };
}

/** A field declared application/json that does not parse is Mirakl's 400, not the parser's own status. */
async function* withJsonErrors<T>(parts: AsyncIterable<T>): AsyncIterable<T> {
  try {
    yield* parts;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_INVALID_JSON_FIELD_ERROR') throw new FakeMiraklError(400, 'A JSON part is not valid JSON');
    throw error;
  }
}

function parseJsonPart(fields: Map<string, unknown>, name: string): Record<string, unknown> {
  const value = fields.get(name);
  if (value === undefined) throw new FakeMiraklError(400, `Missing required part '${name}'`);
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new FakeMiraklError(400, `Part '${name}' is not valid JSON`);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FakeMiraklError(400, `Part '${name}' must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

function validateBody(body: unknown): string {
  if (typeof body !== 'string') throw new FakeMiraklError(400, 'body is required');
  if (body.length < BODY_MIN_LENGTH || body.length > BODY_MAX_LENGTH) {
    throw new FakeMiraklError(400, `body length must be between ${BODY_MIN_LENGTH} and ${BODY_MAX_LENGTH} characters`);
  }
  return body;
}

function validateTopic(topic: unknown, required: boolean): { type: TopicType; value: string } | undefined {
  if (topic === undefined || topic === null) {
    if (required) throw new FakeMiraklError(400, 'topic is required');
    return undefined;
  }
  const { type, value } = topic as Record<string, unknown>;
  if (typeof type !== 'string' || !TOPIC_TYPES.has(type) || typeof value !== 'string' || value.trim() === '') {
    throw new FakeMiraklError(400, 'topic must be {type: FREE_TEXT|REASON_CODE, value}');
  }
  return { type: type as TopicType, value };
}

function validateMessageSize(body: string, files: AttachmentInput[]): void {
  const total = Buffer.byteLength(body) + files.reduce((sum, f) => sum + (f.bytes?.length ?? 0), 0);
  if (total > MESSAGE_MAX_BYTES) throw new FakeMiraklError(400, 'A message with its attachments cannot exceed 30 MB');
}

/** "Maximum 50 across all threads of the same entity": the order's threads and this message together. */
function validateOrderAttachments(store: FakeMiraklStore, orderId: string | undefined, files: AttachmentInput[]): void {
  if (orderId === undefined || files.length === 0) return;
  if (store.attachmentsOfOrder(orderId) + files.length > MAX_ATTACHMENTS_PER_ORDER) {
    throw new FakeMiraklError(400, `An order's threads can hold at most ${MAX_ATTACHMENTS_PER_ORDER} attachments in all`);
  }
}

function orderOfThread(thread: MiraklThread): string | undefined {
  return thread.entities.find((e) => e.type === 'MMP_ORDER')?.id;
}

export async function startFakeMirakl(options: StartFakeMiraklOptions = {}): Promise<FakeMirakl> {
  const store = options.store ?? new FakeMiraklStore(options.shopId !== undefined ? { shopId: options.shopId } : {});
  const apiKey = options.apiKey ?? 'demo-key';
  const host = options.host ?? '127.0.0.1';
  const faults = new FakeFaults();
  const calls: RecordedCall[] = [];
  const requestFaults = new WeakMap<FastifyRequest, RequestFaults>();
  const recordedCalls = new WeakMap<FastifyRequest, RecordedCall>();

  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(multipart, {
    limits: { fileSize: MESSAGE_MAX_BYTES, files: 50, fields: 20, fieldSize: 1024 * 1024 },
  });

  const fake: FakeMirakl = {
    url: '',
    apiKey,
    store,
    faults,
    calls,
    close: async () => {
      await app.close();
    },
  };

  // Mirakl errors are JSON {message, status}, whatever failed (parsing, limits, our code).
  app.setErrorHandler((error: unknown, _request, reply) => {
    if (error instanceof FakeMiraklError) return sendError(reply, error.status, error.message);
    const status = (error as { statusCode?: unknown }).statusCode;
    const message = error instanceof Error ? error.message : 'Internal Server Error';
    return sendError(reply, typeof status === 'number' && status >= 400 ? status : 500, message);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, `No resource for ${request.method} ${pathOf(request)}`));

  // Record, inject faults, then authenticate: in that order, as a proxy in front of Mirakl would.
  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request);
    const call: RecordedCall = { method: request.method, path, query: flattenQuery(request.query), status: 0, time: Date.now() };
    calls.push(call);
    recordedCalls.set(request, call);

    const injected = faults.decide(path);
    requestFaults.set(request, injected);
    if (injected.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, injected.delayMs));
    const decision = injected.decision;
    if (decision.kind === 'reset') {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (decision.kind === 'rateLimit') {
      reply.header('Retry-After', String(decision.retryAfterSeconds));
      return sendError(reply, 429, 'Too Many Requests');
    }
    if (decision.kind === 'serverError') return sendError(reply, decision.status, decision.message ?? STATUS_CODES[decision.status] ?? 'Error');

    if (request.headers.authorization !== apiKey) return sendError(reply, 401, 'Unauthorized');
    const shopId = flattenQuery(request.query)['shop_id'];
    if (shopId !== undefined) {
      if (parseInteger(shopId) === undefined) return sendError(reply, 400, `Invalid shop_id '${shopId}'`);
      if (Number(shopId) !== store.shop.shop_id) return sendError(reply, 403, `You are not allowed to access shop ${shopId}`);
    }
    return undefined;
  });

  // Status for the call log; truncation and gzip of JSON bodies.
  app.addHook('onSend', async (request, reply, payload) => {
    const call = recordedCalls.get(request);
    if (call) call.status = reply.statusCode;
    if (typeof payload !== 'string') return payload;
    let body = payload;
    const isJson = String(reply.getHeader('content-type') ?? '').startsWith('application/json');
    if (isJson && reply.statusCode < 300 && faults.takeTruncation(pathOf(request))) {
      body = body.slice(0, Math.floor(body.length / 2));
    }
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (acceptsGzip && Buffer.byteLength(body) > GZIP_MIN_BYTES) {
      reply.header('Content-Encoding', 'gzip');
      reply.header('Vary', 'Accept-Encoding');
      return gzipAsync(body);
    }
    return body;
  });

  /** JSON answer, with the unknown-fields fault applied when it is on. */
  const sendJson = (request: FastifyRequest, reply: FastifyReply, status: number, body: unknown): FastifyReply => {
    const shaped = requestFaults.get(request)?.unknownFields ? withUnknownFields(body) : body;
    return reply.code(status).type('application/json; charset=utf-8').send(shaped);
  };

  const requireMultipart = (request: FastifyRequest): void => {
    if (!request.isMultipart()) {
      throw new FakeMiraklError(415, `Content type '${request.headers['content-type'] ?? ''}' is not supported, use multipart/form-data`);
    }
  };

  // A01
  app.get('/api/account', async (request, reply) => sendJson(request, reply, 200, store.shop));

  // M11. Filters are read from each request (clients resend them with page_token, as with
  // any seek pagination); the token holds the position and the page size.
  app.get('/api/inbox/threads', async (request, reply) => {
    const query = flattenQuery(request.query);
    const token = query['page_token'] !== undefined ? decodePageToken(query['page_token']) : undefined;
    if (query['page_token'] !== undefined && !token) return sendError(reply, 400, 'Invalid page_token');

    let limit = token?.limit ?? M11_DEFAULT_LIMIT;
    if (query['limit'] !== undefined) {
      const requested = parseInteger(query['limit']);
      if (requested === undefined || requested < 1 || requested > M11_MAX_LIMIT) {
        return sendError(reply, 400, `limit must be an integer between 1 and ${M11_MAX_LIMIT}`);
      }
      limit = requested;
    }

    let updatedSinceMs: number | undefined;
    if (query['updated_since'] !== undefined) {
      const since = query['updated_since'];
      updatedSinceMs = ISO_DATE_TIME.test(since) ? Date.parse(since) : Number.NaN;
      if (Number.isNaN(updatedSinceMs)) return sendError(reply, 400, `Invalid date for updated_since: '${since}'`);
    }

    const withMessagesText = query['with_messages'] ?? 'false';
    if (withMessagesText !== 'true' && withMessagesText !== 'false') {
      return sendError(reply, 400, `with_messages must be true or false`);
    }
    const withMessages = withMessagesText === 'true';

    const entityType = query['entity_type'];
    const entityIds = query['entity_id'] !== undefined ? splitList(query['entity_id']) : undefined;
    if (entityIds !== undefined && entityType === undefined) {
      return sendError(reply, 400, 'entity_type must be specified when entity_id is used');
    }

    const pageIndex = token ? token.pageIndex + 1 : 0;
    await fake.onBeforePage?.(pageIndex, query);

    const page = store.pageThreads({
      limit,
      ...(updatedSinceMs !== undefined ? { updatedSinceMs } : {}),
      ...(entityType !== undefined ? { entityType } : {}),
      ...(entityIds !== undefined ? { entityIds: new Set(entityIds) } : {}),
      ...(token ? { after: { updatedMs: token.updatedMs, id: token.id } } : {}),
    });
    const nextToken = page.hasMore && page.last ? encodePageToken({ ...page.last, pageIndex, limit }) : undefined;
    // The last page: the spec says no token; instances seen in the field send "" after a
    // page_token walk. Both shapes, so clients meet both: absent when the first page is
    // the last, "" when a walk ends.
    const lastPageToken = token ? { next_page_token: '' } : {};
    return sendJson(request, reply, 200, {
      data: page.threads.map((thread) => listedThread(thread, withMessages)),
      ...(nextToken !== undefined ? { next_page_token: nextToken } : lastPageToken),
    });
  });

  // RE14 (deprecated): the MESSAGING reasons. Registered before RE02's parametric path, which it shadows.
  app.get('/api/reasons/messaging', async (request, reply) =>
    sendJson(request, reply, 200, { reasons: store.messagingReasons, total_count: store.messagingReasons.length }),
  );

  // RE02: reasons by type; this shop has messaging reasons only.
  app.get<{ Params: { reason_type: string } }>('/api/reasons/:reason_type', async (request, reply) => {
    const type = request.params.reason_type;
    if (!REASON_TYPES.has(type)) return sendError(reply, 400, `Invalid reason_type '${type}'`);
    const reasons = type === 'MESSAGING' ? store.messagingReasons : [];
    return sendJson(request, reply, 200, { reasons, total_count: reasons.length });
  });

  // M10
  app.get<{ Params: { thread_id: string } }>('/api/inbox/threads/:thread_id', async (request, reply) => {
    const thread = store.getThread(request.params.thread_id);
    if (!thread) return sendError(reply, 404, `Thread ${request.params.thread_id} not found`);
    return sendJson(request, reply, 200, thread);
  });

  // M13
  app.get<{ Params: { attachment_id: string } }>('/api/inbox/threads/:attachment_id/download', async (request, reply) => {
    const id = request.params.attachment_id;
    const attachment = store.getAttachment(id);
    const bytes = store.getAttachmentBytes(id);
    if (!attachment || !bytes) return sendError(reply, 404, `Attachment ${id} not found`);
    const asciiName = attachment.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply
      .code(200)
      .header('Content-Type', 'application/octet-stream')
      .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(attachment.name)}`)
      .send(bytes);
  });

  // M12
  app.post<{ Params: { thread_id: string } }>('/api/inbox/threads/:thread_id/message', async (request, reply) => {
    requireMultipart(request);
    const thread = store.getThread(request.params.thread_id);
    const { fields, files } = await readMultipart(request);
    if (!thread) return sendError(reply, 404, `Thread ${request.params.thread_id} not found`);
    const input = parseJsonPart(fields, 'message_input');
    const body = validateBody(input['body']);
    const to = input['to'];
    if (!Array.isArray(to) || to.length === 0) throw new FakeMiraklError(400, 'to is required and cannot be empty');
    const recipients = to.map((recipient: unknown) => {
      const { type, id } = (recipient ?? {}) as Record<string, unknown>;
      if (typeof type !== 'string' || !PARTICIPANT_TYPES.has(type)) {
        throw new FakeMiraklError(400, `Invalid recipient type '${String(type)}'`);
      }
      if (id !== undefined && typeof id !== 'string') throw new FakeMiraklError(400, 'Recipient id must be a string');
      return { type: type as ParticipantType, ...(id !== undefined ? { id } : {}) };
    });
    const topic = validateTopic(input['topic'], false);
    validateMessageSize(body, files);
    validateOrderAttachments(store, orderOfThread(thread), files);
    if (thread.messages.length >= MAX_MESSAGES_PER_THREAD) {
      throw new FakeMiraklError(400, `Maximum of ${MAX_MESSAGES_PER_THREAD} messages on a thread reached`);
    }
    const message = store.addShopMessage(thread.id, body, { to: recipients, attachments: files, ...(topic ? { topic } : {}) });
    return sendJson(request, reply, 201, { message_id: message.id, thread_id: thread.id });
  });

  // OR43
  app.post<{ Params: { order_id: string } }>('/api/orders/:order_id/threads', async (request, reply) => {
    requireMultipart(request);
    const { fields, files } = await readMultipart(request);
    const order = store.getOrder(request.params.order_id);
    if (!order) return sendError(reply, 404, `Order ${request.params.order_id} not found`);
    const input = parseJsonPart(fields, 'thread_input');
    const body = validateBody(input['body']);
    const to = input['to'];
    if (!Array.isArray(to) || to.length === 0) throw new FakeMiraklError(400, 'to is required and cannot be empty');
    for (const recipient of to) {
      if (recipient !== 'CUSTOMER' && recipient !== 'OPERATOR') {
        throw new FakeMiraklError(400, `Invalid recipient '${String(recipient)}': CUSTOMER or OPERATOR expected`);
      }
    }
    const topic = validateTopic(input['topic'], true);
    validateMessageSize(body, files);
    validateOrderAttachments(store, order.order_id, files);
    const recipients = [...new Set(to as ParticipantType[])];
    const thread = store.addThread({
      orderId: order.order_id,
      from: 'SHOP',
      body,
      to: recipients,
      withOperator: recipients.includes('OPERATOR'),
      attachments: files,
      ...(topic ? { topic } : {}),
    });
    const first = thread.messages[0]!;
    return sendJson(request, reply, 201, { message_id: first.id, thread_id: thread.id });
  });

  // OR72. Registered before OR11's '/api/orders/…' siblings; order_ids is required, at most 100.
  app.get('/api/orders/documents', async (request, reply) => {
    const ids = splitList(flattenQuery(request.query)['order_ids']);
    if (ids.length === 0) return sendError(reply, 400, 'order_ids is required');
    if (ids.length > OR11_MAX) return sendError(reply, 400, `order_ids accepts at most ${OR11_MAX} values`);
    return sendJson(request, reply, 200, { order_documents: store.orderDocuments(new Set(ids)) });
  });

  // OR73: one document id → the file itself; several, or order ids → a ZIP of order_id/file_name entries.
  app.get('/api/orders/documents/download', async (request, reply) => {
    const query = flattenQuery(request.query);
    const documentIds = splitList(query['document_ids']);
    const orderIds = splitList(query['order_ids']);
    const codes = new Set(splitList(query['document_codes']));
    if (documentIds.length === 0 && orderIds.length === 0) return sendError(reply, 400, 'document_ids or order_ids is required');
    if (documentIds.length > OR11_MAX || orderIds.length > OR11_MAX) return sendError(reply, 400, 'At most 100 identifiers');
    const found = [];
    for (const id of documentIds) {
      const parsed = parseInteger(id);
      const document = parsed === undefined ? undefined : store.orderDocument(parsed);
      if (!document) return sendError(reply, 404, `Document ${id} not found`);
      found.push(document);
    }
    for (const document of store.orderDocuments(new Set(orderIds))) {
      if (codes.size === 0 || codes.has(document.type)) found.push(store.orderDocument(document.id)!);
    }
    const single = documentIds.length === 1 && orderIds.length === 0 ? found[0] : undefined;
    if (single) {
      const { file_name: name } = single.document;
      const asciiName = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .code(200)
        .header('Content-Type', 'application/octet-stream')
        .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(single.bytes);
    }
    const zip = storedZip(found.map((d) => ({ name: `${d.document.order_id}/${d.document.file_name}`, bytes: d.bytes })));
    return reply
      .code(200)
      .header('Content-Type', 'application/octet-stream')
      .header('Content-Disposition', `attachment; filename="documents-${Date.now()}.zip"`)
      .send(zip);
  });

  // OR11
  app.get('/api/orders', async (request, reply) => {
    const query = flattenQuery(request.query);
    if (query['order_ids'] !== undefined) {
      const ids = splitList(query['order_ids']);
      if (ids.length > OR11_MAX) return sendError(reply, 400, `order_ids accepts at most ${OR11_MAX} values`);
      const orders = ids.flatMap((id) => store.getOrder(id) ?? []);
      return sendJson(request, reply, 200, { orders, total_count: orders.length });
    }
    const max = query['max'] !== undefined ? parseInteger(query['max']) : OR11_DEFAULT_MAX;
    const offset = query['offset'] !== undefined ? parseInteger(query['offset']) : 0;
    if (max === undefined || max < 1 || max > OR11_MAX) return sendError(reply, 400, `max must be between 1 and ${OR11_MAX}`);
    if (offset === undefined) return sendError(reply, 400, 'offset must be a non-negative integer');
    const all = store.ordersByCreation();
    return sendJson(request, reply, 200, { orders: all.slice(offset, offset + max), total_count: all.length });
  });

  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address() as AddressInfo;
  fake.url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return fake;
}
