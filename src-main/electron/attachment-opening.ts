// Runs in the main process; pure, tested under Node.
//
// Attachments come from strangers. Opening one "with the default application" runs it
// when it is a program or a script (.exe, .bat, .desktop, .command, .lnk…), so only
// document, image and text types are opened; anything else is shown in its folder for
// the user to deal with knowingly.
import path from 'node:path';

const OPENABLE_EXTENSIONS: ReadonlySet<string> = new Set([
  // documents
  '.pdf', '.txt', '.csv', '.rtf', '.odt', '.ods', '.odp', '.doc', '.docx', '.xls', '.xlsx', '.ppt', '.pptx', '.eml', '.msg',
  // images
  '.jpg', '.jpeg', '.png', '.gif', '.webp', '.bmp', '.tif', '.tiff', '.heic', '.heif', '.avif',
  // audio and video
  '.mp3', '.m4a', '.wav', '.ogg', '.mp4', '.mov', '.webm', '.avi',
]);

/** True when the file may be handed to the system's default application. */
export function canOpenWithDefaultApp(filePath: string): boolean {
  return OPENABLE_EXTENSIONS.has(path.extname(filePath).toLowerCase());
}
