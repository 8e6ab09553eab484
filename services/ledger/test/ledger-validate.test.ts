import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  KeyTracker,
  LedgerValidation,
  neutraliseFormula,
  parseCell,
  readLedger,
  trimCell,
  validateLedger,
  validateRow,
  type ColumnSpec,
  type Defect,
  type LedgerSpec,
  type ValidRow,
} from '../src';

const DATASETS = join(__dirname, '..', '..', '..', '..', 'shared', 'datasets');
const SHANGJIE = join(DATASETS, 'shangjie-2025');
const DIRTY = join(DATASETS, 'dirty');
/** The day the 2025 ledgers are handed over: certificates of late December 2025 are not in the future. */
const TODAY = '2025-12-31';

const expected = JSON.parse(readFileSync(join(DIRTY, 'defects.json'), 'utf8')) as {
  defects: { file: string; row: number; column: string; kind: string }[];
};
const rowCounts = JSON.parse(readFileSync(join(SHANGJIE, 'expected.json'), 'utf8')) as { files: { file: string; rows: number }[] };

// ---- the specs of the ledgers under test (the services hold the real ones) ----

const REGION_CODE = /^\d{12}$/;

const organizations: LedgerSpec<
  | 'code'
  | 'filingNo'
  | 'name'
  | 'type'
  | 'registrar'
  | 'supervisor'
  | 'founded'
  | 'street'
  | 'community'
  | 'field'
  | 'representative'
  | 'status'
  | 'deregistered'
  | 'grade'
  | 'gradeYear'
> = {
  file: 'social/organizations.csv',
  columns: {
    code: { header: '统一社会信用代码', type: 'creditCode' },
    filingNo: { header: '备案编号', type: 'code', pattern: /^BA\d{13}$/ },
    name: { header: '组织名称', type: 'text', required: true },
    type: { header: '组织类型', type: 'enum', required: true, values: ['社会团体', '民办非企业单位', '基金会', '社区社会组织'] },
    registrar: { header: '登记管理机关', type: 'text', required: true },
    supervisor: { header: '业务主管单位', type: 'text' },
    founded: { header: '成立日期', type: 'date', required: true },
    street: { header: '所属街道代码', type: 'code', required: true, pattern: REGION_CODE },
    community: { header: '所属社区代码', type: 'code', pattern: REGION_CODE },
    field: { header: '服务领域', type: 'text' },
    representative: { header: '法定代表人', type: 'text', personal: true },
    status: { header: '状态', type: 'enum', required: true, values: ['正常', '注销'] },
    deregistered: { header: '注销日期', type: 'date' },
    grade: { header: '评估等级', type: 'enum', values: ['1A', '2A', '3A', '4A', '5A'] },
    gradeYear: { header: '评估年度', type: 'int', min: 2000, max: 2100 },
  },
  key: ['code', 'filingNo'],
  check: (v) =>
    v.code === null && v.filingNo === null
      ? [{ column: 'code', kind: 'required', reason: '信用代码与备案编号至少填一个 / a credit code or a filing number is required' }]
      : [],
};

const certificates: LedgerSpec<'certNo' | 'name' | 'idNumber' | 'employer' | 'level' | 'obtained'> = {
  file: 'workforce/certificates.csv',
  columns: {
    certNo: { header: '证书编号', type: 'code', required: true, pattern: /^\d{17}$/ },
    name: { header: '姓名', type: 'text', required: true, personal: true },
    idNumber: { header: '身份证号', type: 'idNumber', required: true },
    employer: { header: '工作单位', type: 'text' },
    level: { header: '证书等级', type: 'enum', required: true, values: ['助理社会工作师', '社会工作师', '高级社会工作师'] },
    obtained: { header: '取得日期', type: 'date', required: true },
  },
  key: ['certNo'],
};

const serviceRecords: LedgerSpec<'activity' | 'volunteer' | 'hours'> = {
  file: 'volunteer/service_records.csv',
  columns: {
    activity: { header: '活动编号', type: 'code', required: true, pattern: /^HD\d{9}$/ },
    volunteer: { header: '志愿者编号', type: 'code', required: true, pattern: /^V\d{7}$/ },
    hours: { header: '服务时长(小时)', type: 'decimal', required: true, min: 0, max: 24 },
  },
  key: ['activity', 'volunteer'],
};

const gigWorkers: LedgerSpec<
  'no' | 'name' | 'idNumber' | 'phone' | 'kind' | 'platform' | 'partyMember' | 'gridMember' | 'registered' | 'community'
> = {
  file: 'gig/workers.csv',
  columns: {
    no: { header: '编号', type: 'code', required: true, pattern: /^XJY\d{5}$/ },
    name: { header: '姓名', type: 'text', required: true, personal: true },
    idNumber: { header: '身份证号', type: 'idNumber', required: true },
    phone: { header: '手机号码', type: 'phone' },
    kind: { header: '从业类型', type: 'enum', required: true, values: ['快递员', '外卖骑手', '网约车司机', '货车司机', '网络主播'] },
    platform: { header: '所属平台企业', type: 'text' },
    partyMember: { header: '是否党员', type: 'bool' },
    gridMember: { header: '是否流动网格员', type: 'bool' },
    registered: { header: '登记日期', type: 'date', required: true },
    community: { header: '常驻社区代码', type: 'code', required: true, pattern: REGION_CODE },
  },
  key: ['no'],
};

const regions: LedgerSpec<'code' | 'name' | 'level' | 'parent'> = {
  file: 'regions.csv',
  columns: {
    code: { header: '区划代码', type: 'code', required: true, pattern: /^\d{6}(\d{6})?$/ },
    name: { header: '名称', type: 'text', required: true },
    level: { header: '层级', type: 'enum', required: true, values: ['区', '街道', '镇', '社区'] },
    parent: { header: '上级区划代码', type: 'code', pattern: /^\d{6}(\d{6})?$/ },
  },
  key: ['code'],
};

const grids: LedgerSpec<'code' | 'name' | 'community' | 'type'> = {
  file: 'grids.csv',
  columns: {
    code: { header: '网格编码', type: 'code', required: true, pattern: /^\d{14}$/ },
    name: { header: '网格名称', type: 'text', required: true },
    community: { header: '所属社区代码', type: 'code', required: true, pattern: REGION_CODE },
    type: { header: '网格类型', type: 'enum', required: true, values: ['综合网格', '专属网格'] },
  },
  key: ['code'],
};

// ---- reference hooks, as a caller would write them: here against the loaded shangjie-2025 data ----

async function codesOf(file: string, column: string): Promise<Set<string>> {
  const out = new Set<string>();
  for await (const r of readLedger(join(SHANGJIE, file), { columns: [column] })) out.add(String(r.cells[column]));
  return out;
}

/** Reference defects for rows whose `key` value is not among `known` (nulls are not references). */
function referencesTo<K extends string>(spec: LedgerSpec<K>, key: K, known: () => Set<string>, reason: string) {
  return (rows: ValidRow<K>[]): Defect[] =>
    rows
      .filter((r) => r.value[key] !== null && !known().has(String(r.value[key])))
      .map((r) => ({ file: spec.file, row: r.row, column: spec.columns[key].header, kind: 'reference' as const, reason }));
}

let regionCodes: Set<string>;
let activityIds: Set<string>;
beforeAll(async () => {
  regionCodes = await codesOf('regions.csv', '区划代码');
  activityIds = await codesOf('volunteer/activities.csv', '活动编号');
});

const NO_REGION = '区划代码不存在 / no such region';

/** A spec with its caller's reference hook, validating a file with or without the hook. */
function ledger<K extends string>(spec: LedgerSpec<K>, references?: (rows: ValidRow<K>[]) => Defect[]) {
  return {
    file: spec.file,
    validate: (path: string, options: { references?: boolean; batchSize?: number } = {}) =>
      validateLedger(spec, path, { today: TODAY, batchSize: options.batchSize, references: options.references ? references : undefined }),
  };
}

const runs = [
  ledger(
    organizations,
    referencesTo(organizations, 'street', () => regionCodes, NO_REGION),
  ),
  ledger(certificates),
  ledger(
    serviceRecords,
    referencesTo(serviceRecords, 'activity', () => activityIds, '活动不存在 / no such activity'),
  ),
  ledger(
    gigWorkers,
    referencesTo(gigWorkers, 'community', () => regionCodes, NO_REGION),
  ),
  ledger(
    regions,
    referencesTo(regions, 'parent', () => regionCodes, '上级区划不存在 / no such parent region'),
  ),
  ledger(
    grids,
    referencesTo(grids, 'community', () => regionCodes, NO_REGION),
  ),
];

const CHECKABLE_HERE = new Set(['required', 'format', 'checksum', 'enum', 'date', 'number', 'range', 'duplicate', 'header', 'csv']);
const signature = (d: { row: number; column: string; kind: string }) => `${d.row}|${d.column}|${d.kind}`;

describe('dirty ledgers give exactly the defects of defects.json', () => {
  test.each(runs.map((r) => [r.file, r] as const))('%s', async (file, { validate }) => {
    const listed = expected.defects.filter((d) => d.file === file && d.kind !== 'formula-text');
    expect(listed.length).toBeGreaterThan(0);

    // without the reference hook: exactly the kinds a file alone can show
    const alone = await validate(join(DIRTY, file));
    expect(alone.defects.map(signature).sort()).toEqual(
      listed
        .filter((d) => CHECKABLE_HERE.has(d.kind))
        .map(signature)
        .sort(),
    );

    // with the caller's reference hook: every listed defect
    const withRefs = await validate(join(DIRTY, file), { references: true, batchSize: 4 });
    expect(withRefs.defects.map(signature).sort()).toEqual(listed.map(signature).sort());
    expect(withRefs.defects.every((d) => d.file === file && d.reason.length > 0)).toBe(true);
  });

  test('the reasons read as intended', async () => {
    const orgs = await validateLedger(organizations, join(DIRTY, 'social/organizations.csv'), { today: TODAY });
    const certs = await validateLedger(certificates, join(DIRTY, 'workforce/certificates.csv'), { today: TODAY });
    const hours = await validateLedger(serviceRecords, join(DIRTY, 'volunteer/service_records.csv'), { today: TODAY });
    const grid = await validateLedger(grids, join(DIRTY, 'grids.csv'), { today: TODAY });
    const reason = (defects: Defect[], row: number) => defects.find((d) => d.row === row)?.reason;
    expect(reason(orgs.defects, 3)).toBe('第18位校验码错误 / wrong check character (GB 32100)');
    expect(reason(orgs.defects, 9)).toBe('与第5行重复 / same 统一社会信用代码+备案编号 as data row 5');
    expect(reason(orgs.defects, 7)).toBe('必填项为空 / required value missing');
    expect(reason(orgs.defects, 8)).toBe("不是可选值之一 / not one of 社会团体/民办非企业单位/基金会/社区社会组织: '其它组织'");
    expect(reason(orgs.defects, 11)).toBe("不是有效日期 / no such date: '2025-13-45'");
    expect(reason(certs.defects, 2)).toBe('校验位错误 / wrong check digit');
    expect(reason(certs.defects, 5)).toBe('日期晚于今天 / in the future: 2031-01-01 (today 2025-12-31)');
    expect(reason(certs.defects, 10)).toBe('应为18位，实为17位 / 17 characters, expected 18');
    expect(reason(hours.defects, 4)).toBe("小于最小值0 / below minimum 0: '-2'");
    expect(reason(hours.defects, 7)).toBe("不是数字 / not a number: 'abc'");
    expect(reason(hours.defects, 16)).toBe("大于最大值24 / above maximum 24: '30'");
    expect(grid.defects).toEqual([
      { file: 'grids.csv', row: 0, column: '所属社区代码', kind: 'header', reason: '缺少必需的列 / required column missing' },
    ]);
    expect(grid.rowsRead).toBe(0);
  });

  test('reasons never carry an ID number or a phone number', async () => {
    const all: Defect[] = [];
    for (const { file, validate } of runs) all.push(...(await validate(join(DIRTY, file), { references: true })).defects);
    const text = JSON.stringify(all);
    expect(text).not.toMatch(/\d{17}[\dXx]/);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
  });

  test('the formula-looking name in gig/workers.csv is valid text, neutralised only on export', async () => {
    const run = await validateLedger(gigWorkers, join(DIRTY, 'gig/workers.csv'), { today: TODAY });
    expect(run.rowsRead).toBe(20);
    expect(run.rowsValid).toBe(20);
    const rows: ValidRow<keyof typeof gigWorkers.columns>[] = [];
    for await (const batch of new LedgerValidation(gigWorkers, join(DIRTY, 'gig/workers.csv'), { today: TODAY, batchSize: 7 }).batches()) {
      expect(batch.length).toBeLessThanOrEqual(7);
      rows.push(...batch);
    }
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const name = rows[2].value.name as string;
    expect(name).toBe('=HYPERLINK("http://example.invalid","张三")');
    expect(neutraliseFormula(name)).toBe(`'${name}`);
  });
});

describe('clean shangjie-2025 ledgers pass the same specs', () => {
  test.each(runs.map((r) => [r.file, r] as const))('%s', async (file, { validate }) => {
    const run = await validate(join(SHANGJIE, file), { references: true });
    expect(run.defects).toEqual([]);
    const rows = rowCounts.files.find((f) => f.file === file)!.rows;
    expect({ read: run.rowsRead, valid: run.rowsValid }).toEqual({ read: rows, valid: rows });
  });
});

describe('cells', () => {
  const today = '2025-06-30';
  const cell = (spec: Omit<ColumnSpec, 'header'>, value: string | number | null) => parseCell({ header: 'h', ...spec }, value, today);

  test('numbers: thousands separators, full-width digits, Excel numbers, whole numbers', () => {
    expect(cell({ type: 'int' }, '1,234')).toEqual({ value: 1234 });
    expect(cell({ type: 'int' }, '１２３')).toEqual({ value: 123 });
    expect(cell({ type: 'int' }, 42)).toEqual({ value: 42 });
    expect(cell({ type: 'decimal' }, ' 2.5 ')).toEqual({ value: 2.5 });
    expect(cell({ type: 'decimal' }, '1,234.50')).toEqual({ value: 1234.5 });
    expect(cell({ type: 'int' }, '12.5').problem).toEqual({ kind: 'number', reason: "不是整数 / not a whole number: '12.5'" });
    expect(cell({ type: 'int' }, '12,34').problem?.kind).toBe('number');
    expect(cell({ type: 'decimal', min: 1 }, '0.5').problem?.kind).toBe('range');
  });

  test('bool: 是/否, Y/N, true/false, 1/0', () => {
    for (const t of ['是', 'Y', 'y', 'true', 'TRUE', '1']) expect(cell({ type: 'bool' }, t)).toEqual({ value: true });
    for (const f of ['否', 'N', 'false', '0']) expect(cell({ type: 'bool' }, f)).toEqual({ value: false });
    expect(cell({ type: 'bool' }, 1)).toEqual({ value: true });
    expect(cell({ type: 'bool' }, '也许').problem).toEqual({ kind: 'enum', reason: "应为“是”或“否” / expected 是 or 否: '也许'" });
  });

  test('dates: styles, future against the injected today, allowFuture, datetime', () => {
    expect(cell({ type: 'date' }, '2025年3月1日')).toEqual({ value: '2025-03-01' });
    expect(cell({ type: 'date' }, '2025-03-01 14:22')).toEqual({ value: '2025-03-01' });
    expect(cell({ type: 'datetime' }, '2025/3/1 9:05')).toEqual({ value: '2025-03-01T09:05:00+08:00' });
    expect(cell({ type: 'datetime' }, '2025-03-01')).toEqual({ value: '2025-03-01T00:00:00+08:00' });
    expect(cell({ type: 'date' }, '2025-07-01').problem).toEqual({
      kind: 'date',
      reason: '日期晚于今天 / in the future: 2025-07-01 (today 2025-06-30)',
    });
    expect(cell({ type: 'date', allowFuture: true }, '2025-07-01')).toEqual({ value: '2025-07-01' });
    expect(cell({ type: 'date', required: true }, ' ').problem?.kind).toBe('required');
  });

  test('personal values are never quoted', () => {
    const id = '410106199001011234';
    for (const spec of [
      { type: 'idNumber', required: true },
      { type: 'phone' },
      { type: 'text', personal: true, pattern: /^\p{Script=Han}+$/u },
      { type: 'int', personal: true },
      { type: 'date', personal: true },
    ] as const) {
      const reason = cell(spec, `x${id}`).problem?.reason ?? '';
      expect(reason).not.toBe('');
      expect(reason).not.toContain(id);
    }
    expect(cell({ type: 'text', pattern: /^\d+$/ }, 'ab').problem?.reason).toBe("格式不符 / wrong format: 'ab'");
  });

  test('codes: trimmed, no inner spaces, Excel numbers that lost digits', () => {
    expect(cell({ type: 'code', pattern: REGION_CODE }, ' 410106001001\u3000')).toEqual({ value: '410106001001' });
    expect(cell({ type: 'code' }, 410106001001)).toEqual({ value: '410106001001' });
    expect(cell({ type: 'code' }, '4101 06').problem?.kind).toBe('format');
    // eslint-disable-next-line no-loss-of-precision -- an ID number typed as an Excel number loses its last digits
    expect(cell({ type: 'idNumber' }, 410106199001011234).problem?.kind).toBe('format');
    expect(cell({ type: 'idNumber' }, '41010619790420069x')).toEqual({ value: '41010619790420069X' });
    expect(cell({ type: 'enum', values: ['社会团体'] }, ' 社会团体\u3000')).toEqual({ value: '社会团体' });
  });

  test('trimCell and neutraliseFormula', () => {
    expect(trimCell('\u3000\u00A0\u200B 张三 \uFEFF\u3000')).toBe('张三');
    expect(trimCell('张 三')).toBe('张 三');
    for (const s of ['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(s)).toBe(`'${s}`);
    expect(neutraliseFormula('张三')).toBe('张三');
    expect(neutraliseFormula('')).toBe('');
  });
});

describe('rows', () => {
  const spec: LedgerSpec<'no' | 'n'> = {
    file: 'x.csv',
    columns: { no: { header: '编号', type: 'code', required: true }, n: { header: '数量', type: 'int' } },
    key: ['no'],
    check: (v) => (v.n !== null && (v.n as number) > 100 ? [{ column: 'n', kind: 'range', reason: '太多 / too many' }] : []),
  };

  test('duplicates name the first row; values beyond the header; row rules', () => {
    const keys = new KeyTracker();
    const ctx = { today: '2025-12-31', keys };
    expect(validateRow(spec, { row: 1, cells: { 编号: 'A', 数量: '1' } }, ctx)).toEqual({ value: { no: 'A', n: 1 }, defects: [] });
    expect(validateRow(spec, { row: 2, cells: { 编号: ' A ', 数量: null } }, ctx).defects).toEqual([
      { file: 'x.csv', row: 2, column: '编号', kind: 'duplicate', reason: '与第1行重复 / same 编号 as data row 1: A' },
    ]);
    expect(validateRow(spec, { row: 3, cells: { 编号: 'B', 数量: '101' }, extra: ['?'] }, ctx).defects.map((d) => d.kind)).toEqual(['csv']);
    expect(validateRow(spec, { row: 4, cells: { 编号: 'C', 数量: '101' } }, ctx).defects).toEqual([
      { file: 'x.csv', row: 4, column: '数量', kind: 'range', reason: '太多 / too many' },
    ]);
  });
});
