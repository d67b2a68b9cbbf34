// One error type for everything that can go wrong talking to Mirakl, with a message a
// user can act on and a kind the code can branch on.
export type MiraklErrorKind =
  /** Mirakl answered with an error status (4xx other than 429, or retries exhausted on 429/5xx). */
  | 'http'
  /** Connection refused, reset, DNS failure: Mirakl was not reached or the answer was lost. */
  | 'network'
  /** No answer within the timeout: the request may or may not have been processed. */
  | 'timeout'
  /** An answer that is not valid JSON, is cut short, or does not match the contract. */
  | 'malformed';

export class MiraklError extends Error {
  constructor(
    message: string,
    readonly kind: MiraklErrorKind,
    readonly operation: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'MiraklError';
  }

  /** The message without the operation code: what a technician reads ("Mirakl answered 400: …"). */
  get reason(): string {
    return this.message.startsWith(`${this.operation}: `) ? this.message.slice(this.operation.length + 2) : this.message;
  }

  /** True when retrying later may succeed (offline, overloaded, rate-limited, timed out). */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.status === 429 || (this.status ?? 0) >= 500;
  }

  /** True when the outcome of a write is unknown: it may have reached Mirakl. */
  get outcomeUnknown(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || (this.status ?? 0) >= 500 || this.kind === 'malformed';
  }
}
