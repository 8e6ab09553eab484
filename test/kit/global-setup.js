// Starts the PostgreSQL every suite shares, and loads the Shangjie ledgers once into template
// databases that test files copy. Uses the built packages (`pnpm test` builds first; after editing
// sources run `pnpm build` before `npx jest`).
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const { startEmbeddedPostgres } = require('../../infra/dist/postgres.js');
    const pg = await startEmbeddedPostgres({ dataDir: join(mkdtempSync(join(tmpdir(), 'district-test-')), 'pg'), persistent: false });
    globalThis.__DISTRICT_PG__ = pg;
    url = pg.url;
  }
  process.env.DISTRICT_TEST_PG_URL = url;
  // quiet test output: a test that reads log lines asks its processes for them (LOG_LEVEL=info)
  process.env.LOG_LEVEL ??= 'silent';
  const { buildTemplates } = require('../../infra/dist/templates.js');
  const started = Date.now();
  // DISTRICT_TEST_SUBGRAPHS=workforce,gig-care limits the templates to those subgraphs (a quicker partial run)
  const only = process.env.DISTRICT_TEST_SUBGRAPHS ? process.env.DISTRICT_TEST_SUBGRAPHS.split(',') : undefined;
  await buildTemplates(
    url,
    join(__dirname, '..', '..', '..', 'shared', 'datasets', 'shangjie-2025'),
    'tpl_shangjie', // SHANGJIE_TEMPLATES in testing.ts
    'template-building-secret-0123456789abcdef',
    only,
  );
  if (process.env.DISTRICT_TEST_VERBOSE) console.log(`templates ready in ${Date.now() - started} ms`);
};
