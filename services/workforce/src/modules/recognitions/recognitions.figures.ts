import { and, defineFigure, eq, flow, inList, stock } from '@district/subgraph-kit';
import { LEVEL_ORDER, type HolderType, type RecognitionKind, type RecognitionLevel, type RecognitionRank } from './recognition.entity';

type Args = {
  kind?: RecognitionKind | null;
  level?: RecognitionLevel | null;
  minLevel?: RecognitionLevel | null;
  holderType?: HolderType | null;
  rank?: RecognitionRank | null;
};
const source = { name: 'recognition', from: 'recognition r', place: 'r.region_code' };
const where = (a: Args) =>
  and(
    eq('r.kind', a.kind),
    eq('r.level', a.level),
    a.minLevel ? inList('r.level', LEVEL_ORDER.slice(LEVEL_ORDER.indexOf(a.minLevel))) : undefined,
    eq('r.holder_type', a.holderType),
    eq('r.rank', a.rank),
  );

/** Recognitions granted in the period (an award, a brand named, a site designated …). */
export const recognitionsGranted = defineFigure<Args>({ name: 'recognitions.granted', source, period: flow('r.granted_on'), where });

/** Recognitions held on the day: granted on or before it (brands and sites are counted as they stand). */
export const recognitionsHeld = defineFigure<Args>({
  name: 'recognitions.held',
  source,
  period: stock({ since: 'r.granted_on', sinceRequired: true }),
  where,
});
