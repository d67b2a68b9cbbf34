// Runs in the main process; Node only (no electron), tested under Node.
//
// Reads and writes the window state JSON in userData. A missing or damaged file is not
// an error worth telling anyone about: the window simply opens at its default size.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_WINDOW_STATE, parseWindowState, type WindowState } from './window-state';

export const WINDOW_STATE_FILE = 'window-state.json';

export function loadWindowState(file: string): WindowState {
  try {
    return parseWindowState(JSON.parse(fs.readFileSync(file, 'utf8'))) ?? { ...DEFAULT_WINDOW_STATE };
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

/** Written to a temporary file then renamed, so a crash mid-write never leaves half a JSON. */
export function saveWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temp, file);
}
