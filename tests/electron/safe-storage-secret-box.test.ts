import { describe, expect, it } from 'vitest';
import { createSafeStorageSecretBox, SAFE_STORAGE_PREFIX, type SafeStorageLike } from '../../src-main/electron/safe-storage-secret-box';
import { plainTextSecretBox } from '../../src-main/service/secret-box';
import { toApiError } from '../../src-main/transport/api-error';

/**
 * Electron's safeStorage, standing in for the OS keychain: a reversible transform that
 * never leaves the plain text in its output, and a key that differs per "machine".
 */
function standInSafeStorage(options: { available?: boolean; backend?: string; machineKey?: number } = {}): SafeStorageLike & { calls: string[] } {
  const key = options.machineKey ?? 0x5a;
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      calls.push('encrypt');
      const bytes = Buffer.from(`v10${plain}`, 'utf8');
      return Buffer.from(bytes.map((b) => b ^ key));
    },
    decryptString(encrypted) {
      calls.push('decrypt');
      const text = Buffer.from(encrypted.map((b) => b ^ key)).toString('utf8');
      if (!text.startsWith('v10')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text.slice(3);
    },
  };
}

describe('API keys sealed with safeStorage', () => {
  it('seals to base64 behind its own prefix, without the key in clear, and opens it back', () => {
    const box = createSafeStorageSecretBox(standInSafeStorage(), 'linux');
    const sealed = box.seal('shop-api-key-123');
    expect(sealed.startsWith(SAFE_STORAGE_PREFIX)).toBe(true);
    expect(sealed).not.toContain('shop-api-key-123');
    expect(sealed.slice(SAFE_STORAGE_PREFIX.length)).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(box.open(sealed)).toBe('shop-api-key-123');
  });

  it('keeps unicode and long keys intact', () => {
    const box = createSafeStorageSecretBox(standInSafeStorage(), 'darwin');
    const key = `clé-${'x'.repeat(480)}-🔑`;
    expect(box.open(box.seal(key))).toBe(key);
  });

  it('refuses to store a key when the keychain is unavailable, with a reason the settings screen can show', () => {
    const storage = standInSafeStorage({ available: false });
    const box = createSafeStorageSecretBox(storage, 'win32');
    let thrown: unknown;
    try {
      box.seal('secret');
    } catch (error) {
      thrown = error;
    }
    expect(storage.calls).toEqual([]); // nothing was written in any form
    const mapped = toApiError(thrown);
    expect(mapped.unexpected).toBe(false);
    expect(mapped.error.code).toBe('conflict');
    expect(mapped.error.message).toMatch(/keychain is not available.*not saved/i);
  });

  it("treats Linux's basic_text backend (a password written in Chromium's source) as no encryption", () => {
    const storage = standInSafeStorage({ backend: 'basic_text' });
    expect(() => createSafeStorageSecretBox(storage, 'linux').seal('secret')).toThrow(/No system keyring/);
    expect(storage.calls).toEqual([]);
    // Other platforms do not have that backend: the check is Linux only.
    expect(createSafeStorageSecretBox(storage, 'darwin').seal('secret')).toMatch(/^safeStorage:v1:/);
  });

  it('does not read what another box wrote, nor what another machine sealed', () => {
    const box = createSafeStorageSecretBox(standInSafeStorage(), 'linux');
    expect(() => box.open(plainTextSecretBox.seal('k'))).toThrow(/not stored by the desktop app/);
    expect(() => plainTextSecretBox.open(box.seal('k'))).toThrow(/another secret store/);
    const elsewhere = createSafeStorageSecretBox(standInSafeStorage({ machineKey: 0x33 }), 'linux');
    expect(() => elsewhere.open(box.seal('k'))).toThrow(/cannot be decrypted on this computer/);
  });
});
