// One route per contract operation, generated: method and path from its `http` binding,
// input from path params plus the query (GET/DELETE) or the JSON body (POST/PATCH/PUT),
// validated and answered through the same operation call as IPC. Nothing here declares
// a shape of its own.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { operations, type HttpBinding, type OperationName } from '../../src-shared/contract';
import { operationNames, parseOperationInput, runOperation, type Parsed } from '../transport/operation-call';
import type { ServicePort } from '../transport/service-port';
import { apiError, mapRequestError, sendApiError, type ErrorLogger } from './errors';

export function registerOperationRoutes(app: FastifyInstance, service: ServicePort, log: ErrorLogger): void {
  for (const name of operationNames) {
    const binding = operations[name].http;
    app.route({
      method: binding.method,
      url: binding.path,
      handler: (request, reply) => handleOperation(name, binding, service, log, request, reply),
    });
  }
}

async function handleOperation(
  name: OperationName,
  binding: HttpBinding,
  service: ServicePort,
  log: ErrorLogger,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const raw = assembleInput(binding, request);
  if (!raw.ok) return sendApiError(reply, raw.error);
  const input = parseOperationInput(name, raw.value);
  if (!input.ok) return sendApiError(reply, input.error);
  try {
    const output = await runOperation(service.api, name, input.value);
    return reply.type('application/json; charset=utf-8').send(output);
  } catch (error) {
    return sendApiError(reply, mapRequestError(error, log, `${binding.method} ${binding.path} (${name})`));
  }
}

export function hasJsonBody(binding: HttpBinding): boolean {
  return binding.method === 'POST' || binding.method === 'PATCH' || binding.method === 'PUT';
}

/** Path params ∪ (query or body). A name given twice (path and body) is refused, not silently overridden. */
function assembleInput(binding: HttpBinding, request: FastifyRequest): Parsed<Record<string, unknown>> {
  const params = { ...(request.params as Record<string, string>) };
  let rest: Record<string, unknown>;
  if (hasJsonBody(binding)) {
    const body: unknown = request.body;
    // No body at all: an operation whose fields are all in the path or optional (markRead).
    if (body === undefined) rest = {};
    else if (typeof body === 'object' && body !== null && !Array.isArray(body)) rest = body as Record<string, unknown>;
    else return { ok: false, error: apiError('bad_request', 'The body must be a JSON object') };
  } else {
    rest = { ...(request.query as Record<string, unknown>) };
  }
  for (const key of Object.keys(params)) {
    if (Object.hasOwn(rest, key)) {
      return { ok: false, error: apiError('invalid_field', `${key} is already given by the path`, key) };
    }
  }
  return { ok: true, value: { ...rest, ...params } };
}
