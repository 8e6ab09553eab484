import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError } from '@district/ledger';
import { importInto, writeLedgerFile, type FixtureRow, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { ledgers } from '../src/module';
import { localRegionTree } from '../src/modules/regions/region-tree';
import { startWithGovernance } from './governance-kit';

/**
 * A street office uploads the governance ledgers (issue 15) confined to its street: the rows of its
 * street are written, a row of another street is a defect naming the row (never a write, never
 * skipped silently). Rows placed through a record they name (a compound, station, facility or
 * election) are placed where that record is.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance([]));
});

afterAll(() => sg?.close());

/** Each ledger's place as the fixtures give it, by hand: the community a row lies in (or its region code). */
function placesOf(fx: GovernanceFixtures): Record<string, (r: FixtureRow) => string> {
  const by = (file: string, key: string, place: (r: FixtureRow) => string) =>
    new Map((fx.rows[file] ?? []).map((r) => [String(r[key]), place(r)]));
  const compounds = new Map(fx.compounds.map((c) => [c.number, c.community]));
  const facilities = by('workforce/facilities.csv', 'number', (r) => String(r.community));
  const stations = by('workforce/autonomy_stations.csv', 'number', (r) => compounds.get(String(r.compound))!);
  const elections = by('workforce/elections.csv', 'number', (r) => String(r.community));
  const region = (r: FixtureRow) => String(r.region).padEnd(12, '0');
  return {
    'workforce/facilities.csv': (r) => String(r.community),
    'workforce/facility_works.csv': (r) => facilities.get(String(r.facility))!,
    'workforce/autonomy_stations.csv': (r) => compounds.get(String(r.compound))!,
    'workforce/autonomy_subsidies.csv': (r) => stations.get(String(r.station))!,
    'workforce/autonomy_activities.csv': (r) => stations.get(String(r.station))!,
    'workforce/elections.csv': (r) => String(r.community),
    'workforce/election_results.csv': (r) => elections.get(String(r.election))!,
    'workforce/suggestions.csv': (r) => String(r.community),
    'workforce/property_services.csv': (r) => compounds.get(String(r.compound))!,
    'workforce/owners_committees.csv': (r) => compounds.get(String(r.compound))!,
    'workforce/property_fees.csv': (r) => compounds.get(String(r.compound))!,
    'workforce/household_visits.csv': (r) => String(r.community),
    'workforce/micro_projects.csv': (r) => String(r.community),
    'workforce/recognitions.csv': region,
    'workforce/writeups.csv': region,
    'villagers_groups.csv': (r) => String(r.community),
  };
}

test("a street office's upload of each governance ledger writes its street's rows and refuses the others by row", async () => {
  const places = placesOf(fx);
  const own = mkdtempSync(join(tmpdir(), 'confined-'));
  const tree = localRegionTree(sg.orm.em.fork());
  const governance = ledgers.filter((l) => places[l.spec.file]);
  expect(governance.map((l) => l.spec.file).sort()).toEqual(Object.keys(places).sort());
  for (const importer of governance) {
    const file = importer.spec.file;
    const all = fx.rows[file];
    // the seed-shaped street, or where the ledger has rows (villagers' groups are in villages only)
    const street = all.some((r) => places[file](r).startsWith(fx.street.slice(0, 9)))
      ? fx.street
      : `${places[file](all[0]).slice(0, 9)}000`;
    const within = (r: FixtureRow, s: string) => places[file](r).startsWith(s.slice(0, 9));
    const mine = all.filter((r) => within(r, street));

    // the street's own rows: every one written
    const summary = await importInto(sg, importer, { regionTree: tree, region: street }, writeLedgerFile(own, importer, mine));
    expect({ file, inserted: summary.inserted }).toEqual({ file, inserted: mine.length });

    // the whole district's file, uploaded by a street that lacks some of its rows: refused whole, one
    // defect per row of another street, naming it
    const other = mine.length < all.length ? street : fx.communities.map((c) => c.street).find((s) => s !== street)!;
    const refused = await importInto(sg, importer, { regionTree: tree, region: other }, join(fx.dir, file)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LedgerImportError);
    const { defects, defectCount } = refused as LedgerImportError;
    expect({ file, defectCount }).toEqual({ file, defectCount: all.filter((r) => !within(r, other)).length });
    // a row naming a record of another street not stored here (a station, a facility) is refused as unknown
    expect(defects.every((d) => /lies outside your region|no such/.test(d.reason))).toBe(true);
  }
});
