// Build scripts only (run by tsx under Node): where the project and its outputs are.
import path from 'node:path';

/** The folder holding package.json: three levels above src-main/electron/build. */
export function projectRoot(): string {
  return path.resolve(import.meta.dirname, '..', '..', '..');
}

export function distDir(root = projectRoot()): string {
  return path.join(root, 'dist');
}

/** Build products that survive `dist` being wiped: the Electron builds of native addons. */
export function electronNativeCacheDir(root = projectRoot()): string {
  return path.join(root, '.cache', 'electron-native');
}
