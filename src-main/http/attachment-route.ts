// GET /api/attachments/:id: the bytes of an attachment. Customer files are untrusted, so
// they are always served as downloads, never rendered as a page of this origin.
import type { FastifyInstance } from 'fastify';
import { attachmentDownload } from '../../src-shared/contract';
import { withoutLoneSurrogates } from '../../src-shared/unicode';
import { issuesToApiError } from '../transport/api-error';
import type { ServicePort } from '../transport/service-port';
import { mapRequestError, sendApiError, type ErrorLogger } from './errors';

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

export function registerAttachmentRoute(app: FastifyInstance, service: ServicePort, log: ErrorLogger): void {
  const { method, path } = attachmentDownload.http;
  app.route({
    method,
    url: path,
    handler: async (request, reply) => {
      const input = attachmentDownload.input.safeParse({ ...(request.query as object), ...(request.params as object) });
      if (!input.success) return sendApiError(reply, issuesToApiError(input.error.issues));
      try {
        const file = await service.downloadAttachment(input.data.id);
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
