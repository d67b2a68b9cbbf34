// The OpenAPI 3.1 document of the local API, generated from the contract with zod's
// own JSON Schema output (OpenAPI 3.1 schemas are JSON Schema 2020-12), so it cannot
// drift from what the routes accept and answer.
import { z } from 'zod';
import {
  apiErrorSchema,
  appEventSchema,
  attachmentDownload,
  errorCodes,
  operations,
  type ErrorCode,
  type HttpBinding,
  type OperationName,
} from '../../src-shared/contract';
import { operationNames } from '../transport/operation-call';
import { EVENTS_PATH } from './event-stream';
import { hasJsonBody } from './operation-routes';

type JsonSchema = Record<string, unknown>;
type JsonObject = Record<string, unknown>;

export const OPENAPI_PATH = '/api/openapi.json';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema; // the document's jsonSchemaDialect says it once
  return out;
}

/** `/api/conversations/:id` → `/api/conversations/{id}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '');
}

const errorRef = { $ref: '#/components/schemas/ApiErrorResponse' };

function errorResponses(codes: readonly ErrorCode[]): JsonObject {
  const responses: JsonObject = {};
  for (const code of codes) {
    responses[String(errorCodes[code])] = {
      description: code,
      content: { 'application/json': { schema: errorRef } },
    };
  }
  return responses;
}

const COMMON_ERRORS: ErrorCode[] = ['unauthorized', 'forbidden', 'internal'];

function operationObject(name: OperationName): { path: string; method: string; operation: JsonObject } {
  const spec = operations[name];
  const binding: HttpBinding = spec.http;
  const input = jsonSchema(spec.input, 'input');
  const properties = { ...((input.properties as JsonObject | undefined) ?? {}) };
  const required = new Set((input.required as string[] | undefined) ?? []);
  const parameters: JsonObject[] = [];
  for (const param of pathParamNames(binding.path)) {
    parameters.push({ name: param, in: 'path', required: true, schema: properties[param] ?? { type: 'string' } });
    delete properties[param];
    required.delete(param);
  }
  const operation: JsonObject = { operationId: name, summary: spec.summary, tags: [tagOf(binding.path)] };
  const rest: JsonSchema = { ...input, properties };
  if (required.size > 0) rest.required = [...required];
  else delete rest.required;
  const errors: ErrorCode[] = [...COMMON_ERRORS, 'invalid_field', 'bad_request'];
  if (hasJsonBody(binding)) {
    operation.requestBody = { required: required.size > 0, content: { 'application/json': { schema: rest } } };
    errors.push('payload_too_large', 'unsupported_media_type');
  } else {
    for (const [param, schema] of Object.entries(properties)) {
      parameters.push({ name: param, in: 'query', required: required.has(param), schema });
    }
  }
  if (parameters.length > 0) operation.parameters = parameters;
  if (binding.path.includes(':')) errors.push('not_found');
  errors.push('conflict', 'mirakl_refused', 'mirakl_unreachable');
  operation.responses = {
    '200': { description: 'OK', content: { 'application/json': { schema: jsonSchema(spec.output, 'output') } } },
    ...errorResponses(errors),
  };
  return { path: openApiPath(binding.path), method: binding.method.toLowerCase(), operation };
}

function tagOf(path: string): string {
  return path.split('/')[2] ?? 'api';
}

/** `cookieName` is per port (see server.ts). */
export function buildOpenApiDocument(version: string, cookieName: string): JsonObject {
  const paths: Record<string, JsonObject> = {};
  const add = (path: string, method: string, operation: JsonObject) => {
    paths[path] = { ...(paths[path] ?? {}), [method]: operation };
  };
  for (const name of operationNames) {
    const { path, method, operation } = operationObject(name);
    add(path, method, operation);
  }
  add(openApiPath(attachmentDownload.http.path), 'get', {
    operationId: 'downloadAttachment',
    summary: 'The bytes of an attachment, as a download',
    tags: ['attachments'],
    parameters: [{ name: 'id', in: 'path', required: true, schema: jsonSchema(attachmentDownload.input.shape.id, 'input') }],
    responses: {
      '200': { description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
      ...errorResponses([...COMMON_ERRORS, 'invalid_field', 'not_found', 'mirakl_refused', 'mirakl_unreachable']),
    },
  });
  add(EVENTS_PATH, 'get', {
    operationId: 'events',
    summary: 'Server-Sent Events: one `data:` line of JSON (an AppEvent) per event, heartbeat comments every 15 s',
    tags: ['events'],
    parameters: [{ name: 'token', in: 'query', required: false, description: 'The API token, for EventSource (which cannot set headers)', schema: { type: 'string' } }],
    responses: {
      '200': { description: 'An endless event stream', content: { 'text/event-stream': { schema: { $ref: '#/components/schemas/AppEvent' } } } },
      ...errorResponses(COMMON_ERRORS),
    },
  });
  add(OPENAPI_PATH, 'get', {
    operationId: 'openapi',
    summary: 'This document',
    tags: ['meta'],
    responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } }, ...errorResponses(COMMON_ERRORS) },
  });

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Mirakl Customer Service local API',
      version,
      description:
        'The local HTTP API of the desktop inbox. Bound to 127.0.0.1; every call needs the API token ' +
        '(Authorization: Bearer <token>) or the session cookie set by GET /?token=<token>.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'CS_API_TOKEN, or the token stored beside the database in api-token' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: cookieName, description: 'Set by GET /?token=<token>' },
      },
      schemas: {
        ApiError: jsonSchema(apiErrorSchema, 'output'),
        ApiErrorResponse: { type: 'object', properties: { error: { $ref: '#/components/schemas/ApiError' } }, required: ['error'] },
        AppEvent: jsonSchema(appEventSchema, 'output'),
      },
    },
  };
}
