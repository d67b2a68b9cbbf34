// The routes whose bodies are files, not JSON: GET /api/attachments/:id and
// GET /api/order-documents/:id answer bytes, POST /api/uploads takes one multipart file.
// Customer files are untrusted, so they are always served as downloads, never rendered as a
// page of this origin.
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { attachmentDownload, fileUpload, orderDocumentDownload, type AttachmentFile } from '../../src-shared/contract';
import { withoutLoneSurrogates } from '../../src-shared/unicode';
import { issuesToApiError } from '../transport/api-error';
import type { ServicePort } from '../transport/service-port';
import { apiError, mapRequestError, sendApiError, type ErrorLogger } from './errors';

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

type Download = typeof attachmentDownload | typeof orderDocumentDownload;

export function registerFileRoutes(app: FastifyInstance, service: ServicePort, log: ErrorLogger): void {
  registerDownload(app, attachmentDownload, (id) => service.downloadAttachment(id), log);
  registerDownload(app, orderDocumentDownload, (id) => service.downloadOrderDocument(id), log);
  registerUpload(app, service, log);
}

function registerDownload(app: FastifyInstance, spec: Download, read: (id: number) => Promise<AttachmentFile>, log: ErrorLogger): void {
  const { method, path } = spec.http;
  app.route({
    method,
    url: path,
    handler: async (request, reply) => {
      const input = spec.input.safeParse({ ...(request.query as object), ...(request.params as object) });
      if (!input.success) return sendApiError(reply, issuesToApiError(input.error.issues));
      try {
        const file = await read(input.data.id);
        return reply
          .header('Content-Type', safeContentType(file.contentType))
          .header('Content-Disposition', contentDisposition(file.name))
          .header('Content-Length', String(file.bytes.byteLength))
          .header('Content-Security-Policy', "sandbox; default-src 'none'")
          .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
      } catch (error) {
        return sendApiError(reply, mapRequestError(error, log, `GET ${path}`));
      }
    },
  });
}

/**
 * One file part named `file`, streamed to the service (which stops it past Mirakl's 30 MB).
 * The multipart parser exists in this route's scope only: every other route takes JSON alone.
 */
function registerUpload(app: FastifyInstance, service: ServicePort, log: ErrorLogger): void {
  const { path } = fileUpload.http;
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: fileUpload.maxBytes + 1, files: 1, fields: 0, parts: 1, fieldNameSize: 100 } });
    scope.post(path, async (request, reply) => {
      if (!request.isMultipart()) {
        return sendApiError(reply, apiError('unsupported_media_type', 'Send the file as multipart/form-data, in a part named "file"'));
      }
      try {
        const part = await request.file();
        if (!part || part.fieldname !== 'file') {
          part?.file.resume();
          return sendApiError(reply, apiError('invalid_field', 'Send one file, in a part named "file"', 'file'));
        }
        const upload = await service.uploadFile({ name: part.filename || 'file', contentType: part.mimetype || null, bytes: part.file });
        return reply.type('application/json; charset=utf-8').send(upload);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
          const tooLarge = code === 'FST_REQ_FILE_TOO_LARGE';
          return sendApiError(
            reply,
            tooLarge ? apiError('payload_too_large', 'The file is over 30 MB, Mirakl\'s limit for a message and its files') : apiError('invalid_field', 'Send one file, in a part named "file"', 'file'),
          );
        }
        return sendApiError(reply, mapRequestError(error, log, `POST ${path}`));
      }
    });
  });
}

export function safeContentType(value: string): string {
  const type = value.split(';')[0]?.trim() ?? '';
  return MIME_TYPE.test(type) ? type.toLowerCase() : 'application/octet-stream';
}

/**
 * `attachment` with the exact name in RFC 5987 form (`filename*`, which browsers use: accents
 * and all), and an ASCII fallback for clients that only read `filename` (curl -OJ), where
 * accented letters lose their accents rather than become underscores (`dégâts` → `degats`).
 * No quotes, slashes or control characters survive.
 */
export function contentDisposition(name: string): string {
  const clean = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f/\\]/g, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 200);
  // Lone surrogates (or a pair cut by the slice) would make encodeURIComponent throw.
  const whole = withoutLoneSurrogates(clean);
  const exact = whole.length > 0 ? whole : 'attachment';
  const ascii =
    exact
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9._ ()-]/g, '_')
      .slice(0, 150) || 'attachment';
  const encoded = encodeURIComponent(exact).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
