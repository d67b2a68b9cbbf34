// Pure (no zod, no node:, no DOM): the one rule for a Mirakl API key, whoever types it
// (Settings, the HTTP API, --api-key, MIRAKL_API_KEY). The contract builds its schema from
// it; the command line checks a key with it directly, without loading the contract, so
// that `--help` and a bad flag answer at once.

export const API_KEY_MAX_LENGTH = 500;
/** Sent as an HTTP header: printable ASCII only (a pasted key with a stray character fails here, not in the request). */
export const API_KEY_PATTERN = /^[\x21-\x7e]+$/;
export const API_KEY_PROBLEMS = {
  empty: 'must not be empty',
  tooLong: `must be at most ${API_KEY_MAX_LENGTH} characters`,
  characters: 'must be the key as Mirakl shows it: letters, digits and punctuation, no spaces',
} as const;

export type ApiKeyCheck = { ok: true; key: string } | { ok: false; reason: string };

/** The key as typed, trimmed; the first problem in the order the contract's schema reports them. */
export function checkApiKey(input: string): ApiKeyCheck {
  const key = input.trim();
  if (key.length === 0) return { ok: false, reason: API_KEY_PROBLEMS.empty };
  if (key.length > API_KEY_MAX_LENGTH) return { ok: false, reason: API_KEY_PROBLEMS.tooLong };
  if (!API_KEY_PATTERN.test(key)) return { ok: false, reason: API_KEY_PROBLEMS.characters };
  return { ok: true, key };
}
