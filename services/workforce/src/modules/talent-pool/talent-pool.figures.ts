import { defineFigure, eq, flow, stock } from '@district/subgraph-kit';
import type { TalentCategory } from './talent-pool-member.entity';

type Args = { category?: TalentCategory | null };
const source = { name: 'talent-pool', from: 'talent_pool_member m', place: 'm.region_code' };
const where = (a: Args) => eq('m.category', a.category);

/** Members in the pool on the day: entered on or before it and not yet left (left_on is the first day out). */
export const talentPoolMembers = defineFigure<Args>({
  name: 'talentPool.members',
  source,
  period: stock({ since: 'm.entered_on', until: 'm.left_on', sinceRequired: true }),
  where,
});

/** Members entered in the period. */
export const talentPoolEntered = defineFigure<Args>({ name: 'talentPool.entered', source, period: flow('m.entered_on'), where });
