// The layer check's own test (run by the `layers` suite before the check): small trees in
// memory, with imports that point down, up and out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findViolations, layerOf } from './check-layers.mjs';

const pairs = (files) => findViolations(files).map((v) => `${v.path}:${v.line} ${v.from}->${v.to}`);

test('files belong to their layer; tests and stories are outside, tooling is not checked', () => {
  assert.equal(layerOf('src/protocol/page-config.ts'), 'protocol');
  assert.equal(layerOf('src/i18n/locales/fr.ts'), 'i18n');
  assert.equal(layerOf('src/components/self-help/self-help.ts'), 'components');
  assert.equal(layerOf('src/index.ts'), 'entries');
  assert.equal(layerOf('src/react/self-help.ts'), 'entries');
  assert.equal(layerOf('server/test/embed.test.ts'), 'server');
  assert.equal(layerOf('src/core/live.test.ts'), 'outside');
  assert.equal(layerOf('stories/self-help.stories.ts'), 'outside');
  assert.equal(layerOf('scripts/build.mjs'), undefined);
});

test('imports that point down pass', () => {
  const files = [
    { path: 'src/i18n/locales/de.ts', text: "import type { Catalogue } from '../strings.js';" },
    { path: 'src/core/client.ts', text: "import { API_PREFIX } from '../protocol/api.js';\nimport '../i18n/strings.js';" },
    { path: 'src/components/a/a.ts', text: "import { x } from '../../core/client.js';\nconst l = () => import('../../i18n/locales/de.js');" },
    { path: 'src/sdk/sdk.ts', text: "export { NexusSelfHelp } from '../components/self-help/self-help.js';" },
    { path: 'server/embed.ts', text: "import { SECTIONS } from '../src/protocol/page-config.js';\nimport { app } from './app.js';" },
    { path: 'src/core/x.test.ts', text: "import '../components/self-help/self-help.js';\nimport { env } from '../../test/browser/env.js';" },
    // Comments, strings and package imports are not relative imports of ours.
    { path: 'src/protocol/api.ts', text: "// import '../components/a.js'\nconst s = \"from '../core/x.js'\";\nimport { Type } from '@sinclair/typebox';" },
  ];
  assert.deepEqual(pairs(files), []);
});

test('imports that point up or out are flagged, with their lines', () => {
  const files = [
    { path: 'src/i18n/locales/de.ts', text: "\nimport type { Catalogue } from '../../components/shared/strings.js';" },
    { path: 'src/protocol/api.ts', text: "import { NexusError } from '../core/errors.js';" },
    { path: 'src/core/live.ts', text: "const load = () => import('../components/chat/chat.js');" },
    { path: 'src/components/a/a.ts', text: "import {\n  createSdk,\n} from '../../sdk/sdk.js';" },
    { path: 'src/sdk/sdk.ts', text: "export * from '../agent/index.js';" },
    { path: 'src/portal/portal.ts', text: "import { AgentClient } from '../agent/agent-client.js';" },
    { path: 'src/agent/console/x.ts', text: "import '../../portal/portal.js';" },
    { path: 'server/branding.ts', text: "import { defaultStrings } from '../src/components/shared/strings-all.js';" },
    { path: 'server/embed.ts', text: "import type { Section } from '../src/core/client.js';" },
    { path: 'src/core/env.ts', text: "import { env } from '../../test/browser/env.js';" },
    { path: 'src/core/config.ts', text: "import { entries } from '../../vite.config.js';" },
    { path: 'server/live/redis.ts', text: "import { startRedis } from '../../scripts/services.mjs';" },
    { path: 'server/test/other-tooling.ts', text: "import { build } from '../../scripts/build.mjs';" },
    // Allowed: a server test starting a throwaway engine.
    { path: 'server/test/redis-helpers.ts', text: "import { startRedis } from '../../scripts/services.mjs';" },
  ];
  assert.deepEqual(pairs(files), [
    'src/i18n/locales/de.ts:2 i18n->components',
    'src/protocol/api.ts:1 protocol->core',
    'src/core/live.ts:1 core->components',
    'src/components/a/a.ts:3 components->sdk',
    'src/sdk/sdk.ts:1 sdk->agent',
    'src/portal/portal.ts:1 portal->agent',
    'src/agent/console/x.ts:1 agent->portal',
    'server/branding.ts:1 server->components',
    'server/embed.ts:1 server->core',
    'src/core/env.ts:1 core->outside',
    'src/core/config.ts:1 core->tooling',
    'server/live/redis.ts:1 server->tooling',
    'server/test/other-tooling.ts:1 server->tooling',
  ]);
});
