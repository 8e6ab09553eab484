import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ledgerFormats, templateFileName, writeLedgerTemplate } from '@district/ledger';
import { readLocalConfig } from './config';
import { localLedgers } from './ledger-plan';

/**
 * `pnpm templates [dir]`: every ledger's XLSX template (the same the gateway serves at
 * /ledgers/templates/<ledger>.xlsx) and LEDGERS.md, the format of each ledger, both from the specs
 * the import validates against. Written to `dir` (default .data/templates); nothing here is kept in
 * the repository, so nothing can go stale.
 */
async function main() {
  const config = readLocalConfig();
  const out = resolve(config.INIT_CWD, process.argv[2] ?? join(config.DATA_DIR, 'templates'));
  const ledgers = localLedgers();
  for (const { importer } of ledgers) {
    const path = join(out, templateFileName(importer.spec.file));
    mkdirSync(dirname(path), { recursive: true });
    await writeLedgerTemplate(importer.spec, path);
  }
  writeFileSync(join(out, 'LEDGERS.md'), ledgerFormats(ledgers.map((l) => ({ spec: l.importer.spec, owner: l.subgraph.name }))));
  console.log(`${ledgers.length} templates and LEDGERS.md written to ${out}`);
}

main().catch((e) => {
  console.error(`templates failed: ${(e as Error).message}`);
  process.exit(1);
});
