// custom-elements.json is generated from the elements' JSDoc (`npm run analyze`); the manifest
// check in `npm test` fails when it is stale. Stories, editor data and docs read it.

/** Keeps the manifest to the public API (private and protected members are implementation), in a stable order. */
const publicOnly = {
  name: 'nexus-public-only',
  packageLinkPhase({ customElementsManifest }) {
    // In path order: the globs list files in directory order, which differs between checkouts.
    customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        if (!declaration.members) continue;
        declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected');
      }
    }
  },
};

export default {
  globs: ['src/components/**/*.ts', 'src/agent/console/**/*.ts', 'src/portal/**/*.ts', 'src/sdk/overlay.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  // package.json names the manifest by hand; the staleness check writes elsewhere and must not touch it.
  packagejson: false,
  litelement: true,
  plugins: [publicOnly],
};
