// One operation call as both transports make it: untrusted input validated with the
// contract's input schema, the service called with the parsed value, and its answer
// validated with the output schema before it leaves the process (so a service bug
// never leaks a field the contract does not declare, such as an API key).
import { operations, type ApiError, type OperationName, type OperationOutput, type OperationParsedInput, type ServiceApi } from '../../src-shared/contract';
import { issuesToApiError } from './api-error';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const operationNames = Object.keys(operations) as OperationName[];

export function parseOperationInput<K extends OperationName>(name: K, raw: unknown): Parsed<OperationParsedInput<K>> {
  const result = operations[name].input.safeParse(raw);
  if (result.success) return { ok: true, value: result.data as OperationParsedInput<K> };
  return { ok: false, error: issuesToApiError(result.error.issues) };
}

/** Thrown when the service answers something its own contract rejects: a bug, reported as 500. */
export class OutputContractError extends Error {
  constructor(name: OperationName, detail: string) {
    super(`${name} answered outside its output schema: ${detail}`);
    this.name = 'OutputContractError';
  }
}

export async function runOperation<K extends OperationName>(api: ServiceApi, name: K, input: OperationParsedInput<K>): Promise<OperationOutput<K>> {
  // The one dynamic dispatch: `name` picks both the function and its input type.
  const fn = api[name] as (input: OperationParsedInput<K>) => Promise<unknown>;
  const value = await fn.call(api, input);
  const checked = operations[name].output.safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new OutputContractError(name, issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid');
  }
  return checked.data as OperationOutput<K>;
}
