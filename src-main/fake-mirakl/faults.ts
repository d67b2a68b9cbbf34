/**
 * Switchable misbehaviours of the fake Mirakl, mutable at runtime by tests and benchmarks:
 * rate limiting, server errors, latency, truncated bodies, reset connections, and the
 * compatibility changes Mirakl announces (new fields, new enum values).
 */

export interface RateLimitFault {
  /** Every Nth matching request gets a 429. */
  every?: number;
  /** The next N matching requests get a 429. */
  next?: number;
  /** Value of the Retry-After header. */
  retryAfterSeconds: number;
}

export interface ServerErrorFault {
  /** Every Nth matching request fails. */
  every?: number;
  /** The next N matching requests fail. */
  next?: number;
  /** Status code, default 500. */
  status?: number;
  /** Mirakl's `message` in the error body; default: the status's reason phrase. */
  message?: string;
}

/** What happens to one request before it reaches its handler. */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'reset' }
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'serverError'; status: number; message?: string };

export interface RequestFaults {
  decision: FaultDecision;
  delayMs: number;
  unknownFields: boolean;
}

export class FakeFaults {
  rateLimit: RateLimitFault = { retryAfterSeconds: 1 };
  serverError: ServerErrorFault = {};
  /** Added before answering every matching request. */
  delayMs = 0;
  /** The next N JSON success bodies are cut in half (status kept, Content-Length of the cut body). */
  truncateNext = 0;
  /** Add unknown fields to every object and unknown enum values (topic, participant, sender types). */
  unknownFields = false;
  /** The next N matching requests get their socket destroyed without an answer. */
  resetNext = 0;
  /** Faults only apply to paths matching this; all paths when absent. */
  paths?: RegExp;

  /** Matching requests seen, for the `every` faults. */
  private matchingRequests = 0;

  /** Switch every fault off and restart the request count. */
  reset(): void {
    this.rateLimit = { retryAfterSeconds: 1 };
    this.serverError = {};
    this.delayMs = 0;
    this.truncateNext = 0;
    this.unknownFields = false;
    this.resetNext = 0;
    delete this.paths;
    this.matchingRequests = 0;
  }

  appliesTo(path: string): boolean {
    // search() ignores lastIndex, so a /g regexp does not alternate between matches.
    return this.paths === undefined || path.search(this.paths) !== -1;
  }

  /** Decide, once per incoming request, which faults hit it (consumes the `next` counters). */
  decide(path: string): RequestFaults {
    if (!this.appliesTo(path)) return { decision: { kind: 'none' }, delayMs: 0, unknownFields: false };
    this.matchingRequests++;
    const ordinal = this.matchingRequests;
    const isNth = (every: number | undefined): boolean => every !== undefined && every > 0 && ordinal % every === 0;
    let decision: FaultDecision = { kind: 'none' };
    if (this.resetNext > 0) {
      this.resetNext--;
      decision = { kind: 'reset' };
    } else if ((this.rateLimit.next ?? 0) > 0 || isNth(this.rateLimit.every)) {
      if ((this.rateLimit.next ?? 0) > 0) this.rateLimit.next = (this.rateLimit.next ?? 0) - 1;
      decision = { kind: 'rateLimit', retryAfterSeconds: this.rateLimit.retryAfterSeconds };
    } else if ((this.serverError.next ?? 0) > 0 || isNth(this.serverError.every)) {
      if ((this.serverError.next ?? 0) > 0) this.serverError.next = (this.serverError.next ?? 0) - 1;
      decision = { kind: 'serverError', status: this.serverError.status ?? 500, ...(this.serverError.message ? { message: this.serverError.message } : {}) };
    }
    return { decision, delayMs: this.delayMs, unknownFields: this.unknownFields };
  }

  /** Whether this JSON success body must be truncated (consumes one `truncateNext`). */
  takeTruncation(path: string): boolean {
    if (this.truncateNext <= 0 || !this.appliesTo(path)) return false;
    this.truncateNext--;
    return true;
  }
}

// ---------------------------------------------------------------------------------------
// "Mirakl added fields and enum values": a transformed copy of a response body

const UNKNOWN_PARTICIPANT = { type: 'BOT', id: 'bot-1', display_name: 'Assistant automatique' };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A deep copy of `body` with unknown fields on every object, and unknown enum values:
 * topic.type NEW_TOPIC_TYPE, an extra BOT participant, the first message's from.type
 * SYSTEM_USER. The stored data is not touched.
 */
export function withUnknownFields(body: unknown): unknown {
  return transform(body as Json);
}

function transform(value: Json): Json {
  if (Array.isArray(value)) return value.map(transform);
  if (value === null || typeof value !== 'object') return value;
  const copy: { [key: string]: Json } = {};
  for (const [key, child] of Object.entries(value)) copy[key] = transform(child);
  if (isObject(copy['topic'])) copy['topic'] = { ...copy['topic'], type: 'NEW_TOPIC_TYPE' };
  for (const key of ['authorized_participants', 'current_participants']) {
    const participants = copy[key];
    if (Array.isArray(participants)) copy[key] = [...participants, { ...UNKNOWN_PARTICIPANT }];
  }
  const messages = copy['messages'];
  const first = Array.isArray(messages) ? messages[0] : undefined;
  if (Array.isArray(messages) && isObject(first) && isObject(first['from'])) {
    messages[0] = { ...first, from: { ...first['from'], type: 'SYSTEM_USER' } };
  }
  copy['x_added_field'] = 'field added by a newer Mirakl version';
  copy['x_added_object'] = { nested: true, list: [1, 'two', null] };
  return copy;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
