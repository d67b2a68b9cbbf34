// Who may call /api: the holder of the bearer token, or a browser holding the session
// cookie that `GET /?token=…` sets. Compared in constant time on equal-length digests.
import crypto from 'node:crypto';

export class TokenCheck {
  private readonly tokenDigest: Buffer;
  private readonly sessionDigest: Buffer;
  /** The cookie's value: derived from the token (not the token itself), so a leaked cookie is not a bearer token. */
  readonly sessionValue: string;

  constructor(token: string) {
    this.tokenDigest = digest(token);
    this.sessionValue = crypto.createHmac('sha256', token).update('mirakl-cs session v1').digest('base64url');
    this.sessionDigest = digest(this.sessionValue);
  }

  isToken(presented: string | undefined): boolean {
    return presented !== undefined && crypto.timingSafeEqual(digest(presented), this.tokenDigest);
  }

  isSession(presented: string | undefined): boolean {
    return presented !== undefined && crypto.timingSafeEqual(digest(presented), this.sessionDigest);
  }
}

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1];
}

function digest(value: string): Buffer {
  return crypto.createHash('sha256').update(value, 'utf8').digest();
}
