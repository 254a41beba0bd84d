/**
 * Loads the co-browse recorder (./cobrowse-recorder.ts), a chunk of its own. The classic SDK
 * script, which cannot load chunks, swaps this module for src/sdk/recorder-loader.ts (an alias
 * in vite.config.ts), which imports the same module as the file `/sdk/cobrowse-recorder.js`.
 */
export const loadRecorder = (): Promise<typeof import('./cobrowse-recorder.js')> => import('./cobrowse-recorder.js');
