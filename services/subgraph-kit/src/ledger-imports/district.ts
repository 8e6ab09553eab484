import { badInput, districtOf, forbidden, normaliseRegionCode, type Caller, type RegionTree } from '@district/common';
import type { LedgerImporter } from '@district/ledger';

/**
 * The district a ledger is imported for: a confined caller's own; else the one the file declares
 * by itself (regions.csv), or the one the caller names, or the deployment's only district. A
 * deployment of several districts asked without a name is told to name one: a row is never
 * guessed into a district.
 */
export async function importDistrict(
  caller: Caller,
  given: string | null | undefined,
  importer: LedgerImporter,
  path: string,
  regionTree: RegionTree,
): Promise<string> {
  const named = given?.trim() || undefined;
  if (named && !/^\d{6}(\d{6})?$/.test(named)) {
    throw badInput(`区县代码应为6位数字 / the district must be a 6-digit district code, got "${named}"`, 'district');
  }
  const district = named ? districtOf(normaliseRegionCode(named)) : undefined;
  const file = importer.spec.file;
  if (caller.regionScope) {
    const own = districtOf(caller.regionScope);
    if (district && district !== own)
      throw forbidden(`您只能导入本区县 ${own} 的台账 / you import ledgers of your own district ${own} only`, 'district');
    return own;
  }
  const declared = importer.declaredDistricts ? await importer.declaredDistricts(path) : [];
  if (declared.length > 1) {
    throw badInput(
      `${file} 含 ${declared.length} 个区县（${declared.join('、')}），请每次导入一个区县 / ${file} declares ${declared.length} districts (${declared.join(', ')}): import one district at a time`,
      'file',
    );
  }
  if (declared.length === 1) {
    if (district && district !== declared[0]) {
      throw badInput(
        `指定的区县 ${district} 与 ${file} 的区县 ${declared[0]} 不符 / district ${district} given, but ${file} is district ${declared[0]}`,
        'district',
      );
    }
    return declared[0];
  }
  const districts = await regionTree.districts();
  if (district) {
    if (!districts.includes(district)) {
      throw badInput(
        `区县 ${district} 尚无区划数据，请先导入其区划台账 / district ${district} has no region tree in this deployment: import its regions.csv first`,
        'district',
      );
    }
    return district;
  }
  if (districts.length === 1) return districts[0];
  throw badInput(
    districts.length
      ? `本平台有 ${districts.length} 个区县（${districts.join('、')}），请指定区县 / these ledgers name no district and the deployment serves ${districts.length} (${districts.join(', ')}): give the district`
      : `尚未导入任何区划，请先导入区划台账或指定区县 / these ledgers name no district and no region tree is loaded: import regions.csv first, or give the district`,
    'district',
  );
}
