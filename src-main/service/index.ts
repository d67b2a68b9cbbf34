// What the rest of the app (CLI, desktop shell, transports) imports from the service.
export { createAppService, type AppService, type AppServiceOptions } from './app-service';
export { ServiceError } from './errors';
export { plainTextSecretBox, type SecretBox } from './secret-box';
export type { ConnectionsOptions, RuntimeConnection } from './connection-registry';
export type { OutboxHooks, OutboxTiming } from './outbox-sender';
