// A readable marketplace name from its Mirakl URL, for a connection the user did not name.
// Mirakl instances live at <operator>[-<country>][-<stage>].mirakl.net, or at an operator's
// own domain (marketplace-api.example.com). The shop's name (A01) is not it: it is the
// seller's own name, the same on every marketplace.

const STAGES = new Set(['prod', 'production', 'preprod', 'recette', 'test', 'dev', 'sandbox', 'staging', 'uat', 'qa']);
const HOST_PREFIXES = new Set(['www', 'api', 'marketplace', 'marketplace-api', 'mirakl', 'seller', 'sellers', 'mmp']);

export function marketplaceNameFromUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return baseUrl;
  }
  const host = url.hostname;
  // An address, not a name (a local test server, a tunnel): show it as it is.
  if (/^[\d.]+$/.test(host) || host.includes(':') || host === 'localhost' || !host.includes('.')) return url.host;
  const labels = host.split('.');
  if (host.endsWith('.mirakl.net') && labels.length >= 3) return titleCase(labels[0]!);
  const meaningful = labels.slice(0, -1).filter((label) => !HOST_PREFIXES.has(label));
  return titleCase(meaningful.at(-1) ?? labels[0]!);
}

/** "bestbuy-ca-prod" → "Bestbuy CA"; "leroy-merlin" → "Leroy Merlin". */
function titleCase(label: string): string {
  const words = label.split(/[-_]+/).filter((w) => w !== '' && !STAGES.has(w));
  if (words.length === 0) return label;
  return words.map((w, i) => (i > 0 && w.length === 2 ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1))).join(' ');
}
