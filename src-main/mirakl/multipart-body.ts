// M12's and OR43's multipart bodies, as Mirakl documents them (its cURL example, its PHP SDK):
// the JSON part (`message_input`, `thread_input`) a plain form field with
// `Content-Type: application/json` and no filename, then one `files` part per file.
//
// Why not a library: the platform's FormData turns any part with a type into a file part
// (`filename="blob"`) and gives text parts no Content-Type; the `form-data` package can type
// a text part but streams files once, so a post retried after a 429 would go out empty. Here
// the body is one Blob made of the parts: files stay on disk (file-backed Blobs, read while
// the request goes out), and a retry reads the same Blob again.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

/** A file to send as a `files` part. */
export interface MultipartFile {
  /** Absolute path. */
  path: string;
  name: string;
  contentType: string;
}

export interface MultipartBody {
  body: Blob;
  /** `multipart/form-data; boundary=…` */
  contentType: string;
}

const CRLF = '\r\n';

/** Quotes a part's name or filename the way browsers do (WHATWG): CR, LF and `"` percent-encoded. */
function quoted(text: string): string {
  return `"${text.replace(/[\r\n"]/g, (c) => (c === '\r' ? '%0D' : c === '\n' ? '%0A' : '%22'))}"`;
}

export async function multipartBody(jsonName: string, json: unknown, files: readonly MultipartFile[] = []): Promise<MultipartBody> {
  // Lower case only: a Blob's type is lower-cased (File API), and HTTP clients send that type,
  // so a boundary with capitals would no longer match the body's delimiters.
  const boundary = `----mirakl-customer-service-${randomBytes(12).toString('hex')}`;
  const parts: Array<string | Blob> = [
    `--${boundary}${CRLF}Content-Disposition: form-data; name=${quoted(jsonName)}${CRLF}Content-Type: application/json${CRLF}${CRLF}`,
    JSON.stringify(json),
    CRLF,
  ];
  for (const file of files) {
    parts.push(
      `--${boundary}${CRLF}Content-Disposition: form-data; name="files"; filename=${quoted(file.name)}${CRLF}` +
        `Content-Type: ${file.contentType || 'application/octet-stream'}${CRLF}${CRLF}`,
      await fs.openAsBlob(file.path),
      CRLF,
    );
  }
  parts.push(`--${boundary}--${CRLF}`);
  const contentType = `multipart/form-data; boundary=${boundary}`;
  return { body: new Blob(parts, { type: contentType }), contentType };
}
