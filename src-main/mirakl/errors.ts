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
  | 'malformed'
  /** A request refused before it was sent: an id that is not one URL path segment. Nothing reached Mirakl. */
  | 'invalid';

export class MiraklError extends Error {
  constructor(
    message: string,
    readonly kind: MiraklErrorKind,
    readonly operation: string,
    readonly status?: number,
    /** Mirakl's own words from the error body, when it gave some. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'MiraklError';
  }

  /** The message without the operation code: what a technician reads ("Mirakl answered 400: …"). */
  get reason(): string {
    return this.message.startsWith(`${this.operation}: `) ? this.message.slice(this.operation.length + 2) : this.message;
  }

  /**
   * What a technician reads in the sidebar: what happened and what to do, in plain words,
   * then Mirakl's own words. No operation codes (M11, OR11) and no bare status numbers:
   * those stay in `message`, for logs and the command line.
   */
  get userMessage(): string {
    const said = this.detail && this.detail.trim() !== '' ? ` Mirakl said: “${this.detail.trim()}”` : '';
    if (this.kind === 'network') return 'Mirakl cannot be reached: the next sync tries again.';
    if (this.kind === 'timeout') return 'Mirakl did not answer in time: the next sync tries again.';
    if (this.kind === 'malformed') return 'Mirakl sent an answer this app cannot read: the next sync tries again.';
    if (this.kind === 'invalid') return `${this.reason}.`;
    const status = this.status ?? 0;
    if (status === 401) return `Mirakl refused the API key: check it in Settings.${said}`;
    if (status === 403) return `Mirakl refused access: check the shop id and the API key's rights in Settings.${said}`;
    if (status === 404) return `Mirakl has no such address: check the Mirakl URL in Settings.${said}`;
    if (status === 429) return 'Mirakl is limiting requests for now: the next sync tries again.';
    if (status >= 500) return `Mirakl had an internal error (${status}): the next sync tries again.${said}`;
    return `Mirakl refused the request (error ${status}).${said}`;
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

/** A failed sync pass as the sidebar and the stored sync state say it. */
export function syncErrorMessage(error: unknown): string {
  if (error instanceof MiraklError) return error.userMessage;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Why a connection to Mirakl failed, in words (Node's codes such as ENOTFOUND mean nothing
 * to a technician). Unknown codes are kept, after words that still say what happened.
 */
export function networkFailureWords(code: string | undefined, detail: string): string {
  switch (code) {
    case 'ENOTFOUND':
      return 'no server has that name (check the Mirakl URL)';
    case 'EAI_AGAIN':
      return 'its name could not be looked up (is this computer online?)';
    case 'ECONNREFUSED':
      return 'nothing answers at that address (check the Mirakl URL and port)';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was cut before Mirakl answered';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return 'the network cannot reach it (is this computer online?)';
    case 'CERT_HAS_EXPIRED':
      return 'its security certificate has expired';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'its security certificate is not trusted by this computer';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'its security certificate is for another address (check the Mirakl URL)';
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return 'the secure connection failed (is it really an https address?)';
    default:
      return code ? `the connection failed (${code})` : `the connection failed: ${detail}`;
  }
}
