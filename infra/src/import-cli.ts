import { resolve } from 'node:path';
import { readLocalConfig } from './config';
import { withStack } from './connect';
import { importLedgers, type ImportReport } from './import';

/** `pnpm import <dir-or-file>`: progress on stderr, a summary per file, every defect; exit 1 on any. */
async function main() {
  const argv = process.argv.slice(2);
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv.splice(i, 2)[1] : undefined;
  };
  const district = flag('district');
  const overwrite = argv.includes('--overwrite');
  const target = argv.filter((a) => a !== '--overwrite')[0];
  if (!target) {
    console.error('usage: pnpm run import <ledger directory or file> [--district <6-digit code>] [--overwrite]');
    process.exit(2);
  }
  const path = resolve(readLocalConfig().INIT_CWD, target);
  const report = await withStack(
    (stack) => importLedgers(stack, path, { district, overwrite, onProgress: progress }),
    (l) => console.error(l),
  );
  print(report);
  process.exit(report.ok ? 0 : 1);
}

let lastProgress = 0;
/** On a terminal one line updated in place; in a log a line every few seconds, for long files only. */
function progress(file: string, rows: number) {
  const now = Date.now();
  const tty = process.stderr.isTTY;
  if (now - lastProgress < (tty ? 250 : 5000)) return;
  lastProgress = now;
  process.stderr.write(tty ? `\r\x1b[K  ${file}: ${rows} rows…` : `  ${file}: ${rows} rows…\n`);
}

function print(report: ImportReport) {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  if (report.refused) {
    console.log(`nothing imported: ${report.refused}`);
    return;
  }
  console.log(`district ${report.district}`);
  const rows = report.outcomes.map((o) =>
    o.summary
      ? [
          o.file,
          o.subgraph,
          o.summary.read,
          o.summary.inserted,
          o.summary.updated,
          o.summary.unchanged,
          o.summary.conflictCount,
          Math.round(o.summary.rowsPerSecond),
          'ok',
        ]
      : [o.file, o.subgraph, '', '', '', '', '', '', `FAILED: ${o.defectCount ?? o.defects?.length} defect(s)`],
  );
  const header = ['file', 'subgraph', 'read', 'inserted', 'updated', 'unchanged', 'conflicts', 'rows/s', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: unknown[]) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  for (const o of report.outcomes.filter((x) => x.defects)) {
    console.log(
      `\n${o.path}: nothing imported, ${o.defectCount ?? o.defects!.length} defect(s)${o.defects!.length < (o.defectCount ?? 0) ? `, the first ${o.defects!.length}` : ''}:`,
    );
    const defects = [...o.defects!].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
    for (const d of defects) console.log(`  row ${d.row}, ${d.column}: ${d.reason}`);
  }
  for (const o of report.outcomes.filter((x) => x.summary?.conflictCount)) {
    console.log(
      `\n${o.path}: ${o.summary!.conflictCount} row(s) changed in the app since the last import kept the app's values (--overwrite replaces them):`,
    );
    for (const c of o.summary!.conflicts) {
      const fields = c.fields.map((f) =>
        'current' in f ? `${f.column}: app ${JSON.stringify(f.current)}, ledger ${JSON.stringify(f.ledger)}` : f.column,
      );
      console.log(`  row ${c.row}, ${c.key}: ${fields.join('; ')}`);
    }
  }
  for (const u of report.unowned) console.log(`skipped (no subgraph owns it): ${u}`);
}

main().catch((e) => {
  console.error(`import failed: ${(e as Error).message}`);
  process.exit(1);
});
