// custom-elements.json is generated from the elements' JSDoc (`npm run analyze`); the manifest
// check in `npm test` fails when it is stale. Stories, editor data and docs read it.
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
};
