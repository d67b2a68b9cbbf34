// The open conversation in the page's address, so Back and Forward move between
// conversations and a link opens one: /c/812 in a browser (serve answers the app there);
// #/c/812 in the desktop app, whose page is a file that has no other addresses.

export interface PageLocation {
  protocol: string;
  pathname: string;
  search: string;
  hash: string;
}

const ADDRESS = /^\/c\/(\d{1,15})\/?$/;

function usesHash(location: PageLocation): boolean {
  return location.protocol !== 'http:' && location.protocol !== 'https:';
}

/** The conversation an address names, or null (the list). */
export function conversationInAddress(location: PageLocation): number | null {
  const route = usesHash(location) ? location.hash.replace(/^#/, '') : location.pathname;
  const id = Number(ADDRESS.exec(route)?.[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The address showing a conversation (or the list, for null), to give history.pushState. */
export function addressOf(location: PageLocation, id: number | null): string {
  if (usesHash(location)) return `${location.pathname}${location.search}${id === null ? '' : `#/c/${id}`}`;
  return id === null ? '/' : `/c/${id}`;
}
