import { vocabulary } from '@district/ledger';

export type DeliberationMethodKind = 'FIVE_STEP' | 'FOUR_DISCUSSIONS_TWO_DISCLOSURES' | 'COUNCIL' | 'DIALOGUE' | 'HEARING' | 'OTHER';

/**
 * The kinds of deliberation method a filter can use, with the names offices write for them (the
 * first is the label exports use). A topic keeps the office's own text in `method`; its kind is the
 * one whose name the text is (after dropping spaces and quotes), else OTHER, unless a kind is given.
 */
export const METHOD_KINDS = vocabulary<DeliberationMethodKind>({
  五步议事法: 'FIVE_STEP',
  五步工作法: 'FIVE_STEP',
  四议两公开: 'FOUR_DISCUSSIONS_TWO_DISCLOSURES',
  四议两公开工作法: 'FOUR_DISCUSSIONS_TWO_DISCLOSURES',
  协商议事会: 'COUNCIL',
  议事会: 'COUNCIL',
  居民议事会: 'COUNCIL',
  恳谈会: 'DIALOGUE',
  民主恳谈会: 'DIALOGUE',
  民情恳谈会: 'DIALOGUE',
  听证会: 'HEARING',
  民主听证会: 'HEARING',
  其他: 'OTHER',
});

/** What is dropped before a method's text is looked up: spaces and the quotes offices put around names. */
export const METHOD_NOISE = /[\s"'“”‘’「」『』《》〈〉]/g;

/** The kind a method's text names, OTHER when it names none. */
export function methodKindOf(method: string): DeliberationMethodKind {
  const name = method.replace(METHOD_NOISE, '');
  return METHOD_KINDS.labels.includes(name) ? METHOD_KINDS.of(name) : 'OTHER';
}
