// The open conversation, the order panel's state and the list's order, remembered across restarts.
import type { ListSort } from '../../src-shared/contract';

const SELECTED_KEY = 'mcs.selectedConversation';
const ORDER_PANEL_KEY = 'mcs.orderPanelOpen';
const SORT_KEY = 'mcs.listSort';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Remembering is a convenience; without storage the app simply forgets.
  }
}

export function restoreSelection(): number | null {
  const id = Number(read(SELECTED_KEY));
  return Number.isInteger(id) && id > 0 ? id : null;
}

export function rememberSelection(id: number | null): void {
  write(SELECTED_KEY, id === null ? null : String(id));
}

export function restoreOrderPanel(): boolean {
  return read(ORDER_PANEL_KEY) === '1';
}

export function rememberOrderPanel(open: boolean): void {
  write(ORDER_PANEL_KEY, open ? '1' : '0');
}

export function restoreSort(): ListSort {
  return read(SORT_KEY) === 'waiting' ? 'waiting' : 'recent';
}

export function rememberSort(sort: ListSort): void {
  write(SORT_KEY, sort);
}
