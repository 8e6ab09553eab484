import { normaliseRegionCode } from '@district/common';

/**
 * The district this deployment serves. The working committee's member units, industry committees,
 * trainings and instructors are the district's own ledgers and carry no region column: their rows
 * belong to the district node, so they count at the district and not at a street.
 */
export const DISTRICT_CODE = normaliseRegionCode('410106');
