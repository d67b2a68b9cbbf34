// Runs in the main process; takes Electron's safeStorage as an argument (no electron
// import), so it is tested under Node with a stand-in.
//
// Seals API keys with the OS keychain (Keychain on macOS, DPAPI on Windows, the Secret
// Service or KWallet on Linux). When no real keychain is there, keys are refused with a
// reason the user can act on: storing them readable would be worse than not storing them.
import { ServiceError } from '../service/errors';
import type { SecretBox } from '../service/secret-box';

/** The part of Electron's safeStorage this box uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

/** Marks what this box writes, so another box (plain: for the CLI) never misreads it. */
export const SAFE_STORAGE_PREFIX = 'safeStorage:v1:';

/**
 * Why keys cannot be sealed on this machine, or null when they can. On Linux without a
 * keyring Electron falls back to "basic_text": encryption with a password written in
 * Chromium's source, i.e. readable by anyone who reads the file. That counts as unavailable.
 */
export function sealingUnavailableReason(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): string | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return 'The system keychain is not available, so the API key cannot be stored encrypted.';
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return 'No system keyring (GNOME Keyring, KWallet…) is running, so the API key cannot be stored encrypted.';
  }
  return null;
}

export function createSafeStorageSecretBox(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretBox {
  const refuse = (reason: string, doing: string) =>
    // A contract code (not `internal`) so the reason reaches the settings screen as written.
    new ServiceError('conflict', `${reason} ${doing} Unlock or install a keyring and try again.`);

  return {
    seal(plain) {
      const reason = sealingUnavailableReason(safeStorage, platform);
      if (reason !== null) throw refuse(reason, 'It was not saved.');
      return `${SAFE_STORAGE_PREFIX}${safeStorage.encryptString(plain).toString('base64')}`;
    },
    open(sealed) {
      if (!sealed.startsWith(SAFE_STORAGE_PREFIX)) {
        throw new ServiceError('conflict', 'This API key was not stored by the desktop app; enter it again in Settings.');
      }
      const reason = sealingUnavailableReason(safeStorage, platform);
      if (reason !== null) throw refuse(reason, 'The stored key cannot be read.');
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(SAFE_STORAGE_PREFIX.length), 'base64'));
      } catch {
        // Another user account or machine sealed it (a copied profile), or the keychain entry was reset.
        throw new ServiceError('conflict', 'The stored API key cannot be decrypted on this computer; enter it again in Settings.');
      }
    },
  };
}
