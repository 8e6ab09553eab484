import { and, count, defineFigure, distinct, eq, ofYear, stock } from '@district/subgraph-kit';
import type { ExamResult, SocialWorkLevel } from './certification.entity';

const exams = { name: 'exam-registration', from: 'exam_registration t', place: 't.region_code' };
const certificates = { name: 'certificate', from: 'certificate t', place: 't.region_code' };

/** Registrations of the exam year under each node, optionally of one level and one result. */
export const examRegistrations = defineFigure<{ level?: SocialWorkLevel | null; result?: ExamResult | null }>({
  name: 'certification.exams',
  source: exams,
  period: ofYear('t.exam_year'),
  aggregate: count(),
  where: (a) => and(eq('t.level', a.level), eq('t.result', a.result)),
});

const held = stock({ since: 't.obtained_on', sinceRequired: true });

/** Certificates obtained on or before the stock day. */
export const certificatesHeld = defineFigure<{ level?: SocialWorkLevel | null }>({
  name: 'certification.certificates',
  source: certificates,
  period: held,
  where: (a) => eq('t.level', a.level),
});

/** Certified holders (持证人数): distinct persons holding at least one certificate obtained on or before the day. */
export const certifiedHolders = defineFigure<{ level?: SocialWorkLevel | null }>({
  name: 'certification.holders',
  source: certificates,
  period: held,
  aggregate: distinct('t.person_id'),
  where: (a) => eq('t.level', a.level),
});
