// How API keys are kept at rest in accounts.api_key. The desktop shell seals them with
// the OS keychain (Electron safeStorage); headless use (CLI, tests) has no keychain and
// says so in the name of what it uses. Each implementation marks what it writes with its
// own prefix, so a key sealed by one is never misread by another.
export interface SecretBox {
  /** Turns a secret into what may be written to disk. */
  seal(plain: string): string;
  /** The secret back; throws when `sealed` was not written by this box (or cannot be opened here). */
  open(sealed: string): string;
}

const PLAIN_PREFIX = 'plain:';

/**
 * NOT encryption: keys are stored as readable text behind a marker. For headless runs
 * without an OS keychain (the CLI's own accounts, tests). The desktop app must not use it.
 */
export const plainTextSecretBox: SecretBox = {
  seal: (plain) => `${PLAIN_PREFIX}${plain}`,
  open: (sealed) => {
    if (!sealed.startsWith(PLAIN_PREFIX)) throw new Error('This API key was sealed by another secret store (e.g. the desktop app) and cannot be read here');
    return sealed.slice(PLAIN_PREFIX.length);
  },
};
