// Starts the PostgreSQL every suite shares. Uses the built infra package (pnpm test builds first).
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.DISTRICT_TEST_PG_URL = process.env.DATABASE_URL;
    return;
  }
  const { startEmbeddedPostgres } = require('../../infra/dist/postgres.js');
  const pg = await startEmbeddedPostgres({ dataDir: join(mkdtempSync(join(tmpdir(), 'district-test-')), 'pg'), persistent: false });
  process.env.DISTRICT_TEST_PG_URL = pg.url;
  globalThis.__DISTRICT_PG__ = pg;
};
