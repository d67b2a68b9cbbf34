import { describe, expect, it } from 'vitest';
import { marketplaceNameFromUrl } from '../../src-main/mirakl/marketplace-name';

describe('marketplaceNameFromUrl', () => {
  it.each([
    ['https://bestbuy-ca-prod.mirakl.net', 'Bestbuy CA'],
    ['https://carrefour-fr.mirakl.net/', 'Carrefour FR'],
    ['https://leroy-merlin-preprod.mirakl.net', 'Leroy Merlin'],
    ['https://darty.mirakl.net', 'Darty'],
    ['https://marketplace-api.decathlon.com', 'Decathlon'],
    ['https://mirakl.maisonsdumonde.com', 'Maisonsdumonde'],
    ['https://prod.mirakl.net', 'prod'],
  ])('%s → %s', (url, name) => {
    expect(marketplaceNameFromUrl(url)).toBe(name);
  });

  it('shows an address as it is', () => {
    expect(marketplaceNameFromUrl('http://127.0.0.1:40123')).toBe('127.0.0.1:40123');
    expect(marketplaceNameFromUrl('http://localhost:8080')).toBe('localhost:8080');
    expect(marketplaceNameFromUrl('http://[::1]:8080')).toBe('[::1]:8080');
    expect(marketplaceNameFromUrl('not a url')).toBe('not a url');
  });
});
