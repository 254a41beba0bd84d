/**
 * The classic SDK script's way to the co-browse recorder: an ES module file next to the script
 * (`/sdk/cobrowse-recorder.js`, built as its own browser bundle), imported only after the person
 * accepts co-browse. A classic script can `import()` modules, though it cannot contain chunks;
 * so the script does not carry rrweb's recorder (about 22 KB gzip) for pages that never share.
 * vite.config.ts puts this module in place of src/core/recorder-loader.ts in that build.
 */
type RecorderModule = typeof import('../core/cobrowse-recorder.js');

/** Where the recorder file is: the script's own URL (set by ./global.ts), else the page's. */
let base: string | undefined;

/** Sets the URL the recorder file is found next to (the classic script's `src`). */
export function setRecorderBase(url: string | undefined): void {
  base = url;
}

export const loadRecorder = (): Promise<RecorderModule> =>
  import(/* @vite-ignore */ new URL('cobrowse-recorder.js', base ?? document.baseURI).href) as Promise<RecorderModule>;
