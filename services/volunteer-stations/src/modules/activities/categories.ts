import { vocabulary } from '@district/ledger';
import type { VolunteerCategoryKind } from '../../generated/graphql';

/**
 * The kinds of service an activity or a need is about (服务类别), so a figure or a list can take a
 * few of them (就业帮扶、社交联谊 …) whatever words an office wrote. The office's own label stays in
 * `category`; the kind is derived from it: the label itself when it is one of these, otherwise the
 * first of these words it contains (so 青年租房咨询 is HOUSING), otherwise OTHER. Every label in the
 * Shangjie ledgers (activities, needs, resources) is listed so none of them falls to OTHER by accident.
 * Order matters for containment: the narrower words come before the wider ones (助老 before 关爱).
 */
export const CATEGORY_KINDS = vocabulary<VolunteerCategoryKind>({
  就业帮扶: 'EMPLOYMENT',
  就业: 'EMPLOYMENT',
  招聘: 'EMPLOYMENT',
  社交联谊: 'SOCIAL',
  联谊: 'SOCIAL',
  交友: 'SOCIAL',
  助老: 'ELDERLY',
  助老陪护: 'ELDERLY',
  养老: 'ELDERLY',
  老年: 'ELDERLY',
  助残: 'DISABILITY',
  残疾: 'DISABILITY',
  关爱儿童: 'CHILDREN',
  儿童: 'CHILDREN',
  青少年: 'CHILDREN',
  课业辅导: 'EDUCATION',
  辅导: 'EDUCATION',
  教育: 'EDUCATION',
  文体: 'CULTURE_SPORTS',
  邻里文化节: 'CULTURE_SPORTS',
  文化: 'CULTURE_SPORTS',
  体育: 'CULTURE_SPORTS',
  环境: 'ENVIRONMENT',
  环境整治: 'ENVIRONMENT',
  环境清洁: 'ENVIRONMENT',
  环保: 'ENVIRONMENT',
  医疗健康: 'HEALTH',
  健康义诊: 'HEALTH',
  义诊: 'HEALTH',
  健康: 'HEALTH',
  医疗: 'HEALTH',
  心理疏导: 'PSYCHOLOGICAL',
  心理: 'PSYCHOLOGICAL',
  法律: 'LEGAL',
  法律咨询: 'LEGAL',
  普法: 'LEGAL',
  住房: 'HOUSING',
  租房: 'HOUSING',
  青年租房: 'HOUSING',
  创业: 'ENTREPRENEURSHIP',
  便民服务: 'CONVENIENCE',
  便民利民服务: 'CONVENIENCE',
  代购代办: 'CONVENIENCE',
  家电维修: 'CONVENIENCE',
  便民: 'CONVENIENCE',
  维修: 'CONVENIENCE',
  应急救灾: 'EMERGENCY',
  防汛抗旱救灾: 'EMERGENCY',
  防汛: 'EMERGENCY',
  救灾: 'EMERGENCY',
  应急: 'EMERGENCY',
  关爱帮扶: 'CARE',
  暑期清凉护航: 'CARE',
  关爱: 'CARE',
  帮扶: 'CARE',
  其他: 'OTHER',
});

/** The kind of an office's category label (see CATEGORY_KINDS). */
export function categoryKindOf(label: string): VolunteerCategoryKind {
  const text = label.trim();
  const exact = CATEGORY_KINDS.orNull(text);
  if (exact) return exact;
  const word = CATEGORY_KINDS.labels.find((l) => text.includes(l));
  return word ? CATEGORY_KINDS.of(word) : 'OTHER';
}
