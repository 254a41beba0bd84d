import { zipFiles } from './zip.js';

// The content folder in the browser (the Guided paths page's Export and Import): files chosen
// in a folder or one by one, read into the admin API's files map, and the export saved as a .zip.

/**
 * The name a chosen file has in the content folder: its path in the chosen folder without the
 * folder itself (`content/garden/lamp.json` -> `garden/lamp.json`), or its own name when it was
 * chosen alone. Undefined for what the import leaves out: not `.json`, or a part starting with a
 * dot (`.git/…`).
 */
export function folderName(file: { name: string; webkitRelativePath?: string }): string | undefined {
  const relative = file.webkitRelativePath ?? '';
  const name = relative.includes('/') ? relative.slice(relative.indexOf('/') + 1) : file.name;
  if (!name.toLowerCase().endsWith('.json')) return undefined;
  if (name.split('/').some((part) => part.startsWith('.'))) return undefined;
  return name;
}

/** The chosen files the import reads, by their name in the folder (sorted), as text. */
export async function readFolder(files: Iterable<File>): Promise<Record<string, string>> {
  const named = [...files].flatMap((file) => {
    const name = folderName(file);
    return name ? [[name, file] as const] : [];
  });
  named.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const texts = await Promise.all(named.map(([, file]) => file.text()));
  return Object.fromEntries(named.map(([name], i) => [name, texts[i]]));
}

/** The file name of an export: `content-<tenant>-<yyyy-mm-dd>.zip` (the day in the browser's time zone). */
export function exportName(tenantId: string, at = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `content-${tenantId}-${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}.zip`;
}

/** Saves `files` as a .zip named `name` through the browser's download (a link to a blob, clicked). */
export function downloadZip(files: Record<string, string>, name: string): void {
  const url = URL.createObjectURL(new Blob([zipFiles(files)], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has its own reference to the blob once started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
