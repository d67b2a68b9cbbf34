import { expect, test } from 'vitest';
import { operations } from '../../src-shared/contract';
import { InboxError } from '../../src-shared/inbox-client';
import { buildHttpRequest, errorFromResponse, fileNameFromDisposition } from '../../src-renderer/client/http-request';

test('path parameters come from the input; GET puts the rest in the query', () => {
  expect(buildHttpRequest(operations.getConversation.http, { id: 12 })).toEqual({ method: 'GET', url: '/api/conversations/12', body: undefined });
  expect(buildHttpRequest(operations.listConversations.http, { limit: 50, replyNeeded: true, q: 'colis cassé', cursor: undefined })).toEqual({
    method: 'GET',
    url: '/api/conversations?limit=50&replyNeeded=true&q=colis+cass%C3%A9',
    body: undefined,
  });
  expect(buildHttpRequest(operations.listOrderConversations.http, { orderId: 'A/B 1' }).url).toBe('/api/orders/A%2FB%201/conversations');
});

test('POST and PATCH send the rest as JSON', () => {
  expect(buildHttpRequest(operations.sendMessage.http, { id: 3, body: 'Bonjour', to: 'customer' })).toEqual({
    method: 'POST',
    url: '/api/conversations/3/messages',
    body: JSON.stringify({ body: 'Bonjour', to: 'customer' }),
  });
  expect(buildHttpRequest(operations.discardMessage.http, { id: 9 })).toEqual({ method: 'DELETE', url: '/api/messages/9', body: undefined });
  expect(() => buildHttpRequest(operations.getConversation.http, {})).toThrow(InboxError);
});

test('error bodies become InboxErrors with their code and field', () => {
  const error = errorFromResponse(422, { error: { code: 'invalid_field', message: 'must be at least 3 characters', field: 'body' } });
  expect(error).toBeInstanceOf(InboxError);
  expect([error.code, error.message, error.field]).toEqual(['invalid_field', 'must be at least 3 characters', 'body']);
  expect(errorFromResponse(503, 'upstream down').code).toBe('mirakl_unreachable');
  expect(errorFromResponse(418, null).code).toBe('internal');
});

test('download names from Content-Disposition', () => {
  expect(fileNameFromDisposition(`attachment; filename="photo-colis.jpg"; filename*=UTF-8''photo%20colis%20%C3%A9.jpg`, 'x')).toBe('photo colis é.jpg');
  expect(fileNameFromDisposition('attachment; filename="facture.pdf"', 'x')).toBe('facture.pdf');
  expect(fileNameFromDisposition(null, 'attachment-3')).toBe('attachment-3');
});
