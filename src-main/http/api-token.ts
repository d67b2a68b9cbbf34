// The local API's bearer token: CS_API_TOKEN when set, else one generated once and kept
// in the data folder (like Jupyter's token), readable by this user only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config';

export const API_TOKEN_ENV = 'CS_API_TOKEN';
export const API_TOKEN_FILE = 'api-token';
/** 32 random bytes in base64url: exactly what generateApiToken makes. */
const GENERATED_TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** A token set by hand: long enough to resist guessing, and safe in a header, a cookie and a URL. */
const ACCEPTED_ENV_TOKEN = /^[A-Za-z0-9._~-]{24,512}$/;

export interface ApiToken {
  token: string;
  source: 'env' | 'file' | 'generated';
  /** The file holding it; null when it came from the environment. */
  file: string | null;
}

export function generateApiToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function apiTokenFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), API_TOKEN_FILE);
}

export function resolveApiToken(dataDir: string, env: NodeJS.ProcessEnv = process.env): ApiToken {
  const fromEnv = env[API_TOKEN_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!ACCEPTED_ENV_TOKEN.test(fromEnv)) {
      throw new ConfigError(`${API_TOKEN_ENV} must be 24 to 512 characters among A-Z a-z 0-9 . _ ~ -`);
    }
    return { token: fromEnv, source: 'env', file: null };
  }
  return loadOrCreateTokenFile(apiTokenFile(dataDir));
}

/** Reads the stored token; a missing, malformed or foreign-readable file is replaced by a fresh one. */
export function loadOrCreateTokenFile(file: string): ApiToken {
  const existing = readTokenFile(file);
  if (existing !== null) return { token: existing, source: 'file', file };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const token = generateApiToken();
  // Written under a temporary name with mode 0600 from the start, then renamed over the
  // old file: no moment where the token is readable by others or half-written.
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, `${token}\n`, { mode: 0o600, flag: 'wx' });
  fs.renameSync(temp, file);
  return { token, source: 'generated', file };
}

function readTokenFile(file: string): string | null {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new ConfigError(`${file} should hold the API token but is not a file`);
    // Group or others could read it: treat it as leaked and make a new one.
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) return null;
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const token = text.trim();
  return GENERATED_TOKEN.test(token) ? token : null;
}
