import { globalId } from '@district/common';
import {
  placeThrough,
  existingIn,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type RowProblem,
} from '@district/ledger';
import { communityDefects } from '../shared/governance';
import { feedElectedPosts } from './elected-posts';

export const COMMITTEES = vocabulary({
  党组织委员会: 'PARTY',
  居民委员会: 'RESIDENTS',
  居务监督委员会: 'SUPERVISORY',
  监督委员会: 'SUPERVISORY',
} as const);
export const POSTS = vocabulary({
  书记: 'SECRETARY',
  副书记: 'DEPUTY_SECRETARY',
  主任: 'DIRECTOR',
  副主任: 'DEPUTY_DIRECTOR',
  委员: 'MEMBER',
} as const);

const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;

const electionColumns = {
  number: { header: '换届编号', type: 'code', required: true, pattern: NUMBER },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  term: { header: '届次', type: 'text' },
  heldOn: { header: '选举日期', type: 'date', required: true },
  completedOn: { header: '换届完成日期', type: 'date' },
  partySeats: { header: '党组织委员会职数', type: 'int', min: 0, max: 30 },
  residentsSeats: { header: '居民委员会职数', type: 'int', min: 0, max: 30 },
  supervisorySeats: { header: '监督委员会职数', type: 'int', min: 0, max: 30 },
} satisfies Record<string, ColumnSpec>;
type ElectionKey = keyof typeof electionColumns;

const electionRules = (v: Record<ElectionKey, unknown>): RowProblem<ElectionKey>[] =>
  v.completedOn && String(v.completedOn) < String(v.heldOn)
    ? [{ column: 'completedOn', kind: 'date', reason: '换届完成日期早于选举日期 / completed before it was held' }]
    : [];

/** workforce/elections.csv: each community's election of its three committees. */
export const electionsLedger: LedgerImporter<ElectionKey> = {
  spec: { file: 'workforce/elections.csv', columns: electionColumns, key: ['number'], check: electionRules },
  place: { column: 'community' },
  check: (batch, ctx) => communityDefects(batch, ctx, 'community', electionColumns.community.header),
  async write(batch, ctx) {
    const stored = await storeRows(
      ctx,
      {
        table: 'community_election',
        region: 'community_code',
        key: ['id'],
        columns: ['community_code', 'term', 'held_on', 'completed_on', 'party_seats', 'residents_seats', 'supervisory_seats'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          community_code: str(value.community),
          term: strOrNull(value.term),
          held_on: str(value.heldOn),
          completed_on: strOrNull(value.completedOn),
          party_seats: value.partySeats ?? 0,
          residents_seats: value.residentsSeats ?? 0,
          supervisory_seats: value.supervisorySeats ?? 0,
        },
      })),
      { keyLabel: (v) => `换届编号 ${v.number}`, keyColumn: electionColumns.number.header },
    );
    // an election whose completion day or community the ledger changed: the posts it gave follow
    const changed = batch.filter((r) => stored.outcome.get(r.row) === 'updated').map((r) => globalId(ctx.district, str(r.value.number)));
    await feedElectedPosts(ctx.db, changed);
    return stored;
  },
};

const resultColumns = {
  election: { header: '换届编号', type: 'code', required: true, pattern: NUMBER },
  committee: { header: '委员会', type: 'enum', required: true, values: COMMITTEES.labels },
  post: { header: '职务', type: 'enum', required: true, values: POSTS.labels },
  worker: { header: '工号', type: 'code', required: true, pattern: NUMBER },
} satisfies Record<string, ColumnSpec>;
type ResultKey = keyof typeof resultColumns;

/** A Party committee has a secretary, a residents' committee a director; each post in its own committee. */
function resultRules(v: Record<ResultKey, unknown>): RowProblem<ResultKey>[] {
  const committee = COMMITTEES.of(v.committee);
  const post = POSTS.of(v.post);
  const fits =
    post === 'MEMBER' ||
    (committee === 'PARTY' && (post === 'SECRETARY' || post === 'DEPUTY_SECRETARY')) ||
    (committee !== 'PARTY' && (post === 'DIRECTOR' || post === 'DEPUTY_DIRECTOR'));
  return fits ? [] : [{ column: 'post', kind: 'enum', reason: '职务与委员会不符 / the post is not one of that committee' }];
}

/**
 * workforce/election_results.csv: who was elected into which post. A completed election's results
 * feed the workers' posts from its completion day (elected-posts.ts).
 */
export const electionResultsLedger: LedgerImporter<ResultKey> = {
  spec: { file: 'workforce/election_results.csv', columns: resultColumns, key: ['election', 'committee', 'worker'], check: resultRules },
  place: { column: 'election', lookup: placeThrough('community_election', 'election') },
  async check(batch, ctx) {
    const elections = await existingIn(
      ctx.db,
      'community_election',
      'id',
      batch.map((r) => globalId(ctx.district, str(r.value.election))),
      'withdrawn_on IS NULL',
    );
    const workers = await existingIn(
      ctx.db,
      'worker',
      'id',
      batch.map((r) => globalId(ctx.district, str(r.value.worker))),
      'withdrawn_on IS NULL',
    );
    return [
      ...batch
        .filter((r) => !elections.has(globalId(ctx.district, str(r.value.election))))
        .map((r) =>
          referenceDefect(ctx.file, r.row, resultColumns.election.header, `换届不存在：${str(r.value.election)} / no such election`),
        ),
      ...batch
        .filter((r) => !workers.has(globalId(ctx.district, str(r.value.worker))))
        .map((r) =>
          referenceDefect(ctx.file, r.row, resultColumns.worker.header, `社区工作者不存在：${str(r.value.worker)} / no such worker`),
        ),
    ];
  },
  async write(batch, ctx) {
    const ids = [...new Set(batch.map((r) => globalId(ctx.district, str(r.value.election))))];
    const res = await ctx.db.query(`SELECT id, community_code FROM community_election WHERE id = ANY($1)`, [ids]);
    const communities = new Map(res.rows.map((r: { id: string; community_code: string }) => [r.id, r.community_code]));
    const stored = await storeRows(
      ctx,
      {
        table: 'election_result',
        key: ['id'],
        region: 'community_code',
        columns: ['election_id', 'community_code', 'committee', 'post', 'worker_id'],
      },
      batch.map(({ row, value }) => {
        const election = globalId(ctx.district, str(value.election));
        const committee = COMMITTEES.of(value.committee);
        return {
          row,
          values: {
            id: `${election}:${committee}:${str(value.worker)}`,
            district_code: ctx.district,
            election_id: election,
            community_code: communities.get(election),
            committee,
            post: POSTS.of(value.post),
            worker_id: globalId(ctx.district, str(value.worker)),
          },
        };
      }),
      {
        keyLabel: (v) => `换届 ${String(v.election_id)} ${String(v.committee)} ${String(v.worker_id)}`,
        keyColumn: resultColumns.worker.header,
      },
    );
    await feedElectedPosts(ctx.db, ids);
    return stored;
  },
};
