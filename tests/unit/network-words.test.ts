// Connection failures in words: Node's codes (ENOTFOUND, CERT_HAS_EXPIRED…) mean nothing to a technician.
import { describe, expect, it } from 'vitest';
import { networkFailureWords } from '../../src-main/mirakl/errors';

describe('network failures in words', () => {
  it.each([
    ['ENOTFOUND', 'no server has that name (check the Mirakl URL)'],
    ['EAI_AGAIN', 'its name could not be looked up (is this computer online?)'],
    ['ECONNREFUSED', 'nothing answers at that address (check the Mirakl URL and port)'],
    ['ECONNRESET', 'the connection was cut before Mirakl answered'],
    ['ENETUNREACH', 'the network cannot reach it (is this computer online?)'],
    ['CERT_HAS_EXPIRED', 'its security certificate has expired'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'its security certificate is not trusted by this computer'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'its security certificate is for another address (check the Mirakl URL)'],
    ['EPROTO', 'the secure connection failed (is it really an https address?)'],
  ])('%s', (code, words) => {
    expect(networkFailureWords(code, 'detail')).toBe(words);
    expect(words).not.toContain(code);
  });

  it('keeps an unknown code after words that still say what happened', () => {
    expect(networkFailureWords('EWEIRD', 'x')).toBe('the connection failed (EWEIRD)');
    expect(networkFailureWords(undefined, 'socket hang up')).toBe('the connection failed: socket hang up');
  });
});
