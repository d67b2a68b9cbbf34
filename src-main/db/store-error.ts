// Why a store could not be opened, in words for the person who started the app.
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'NEWER_SCHEMA' | 'CANNOT_OPEN' | 'MIGRATION_FAILED',
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
