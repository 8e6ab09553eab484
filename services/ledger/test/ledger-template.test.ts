import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '@district/common';
import {
  columnFormat,
  ledgerFormats,
  readLedger,
  templateFileName,
  templateSheetName,
  validateLedger,
  writeLedgerTemplate,
  type LedgerSpec,
} from '../src';

/** One column of every type, as the subgraphs' specs use them. */
const ROLES = ['社区党组织书记', '居委会主任', '两委委员', '专职社区工作者', '专职网格员', '很长的可选值'.repeat(30)];
const spec: LedgerSpec<string> = {
  file: 'test/every_type.csv',
  key: ['number'],
  columns: {
    number: { header: '工号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
    name: { header: '姓名', type: 'text', required: true, personal: true },
    idNumber: { header: '身份证号', type: 'idNumber', required: true },
    phone: { header: '手机号码', type: 'phone' },
    creditCode: { header: '统一社会信用代码', type: 'creditCode' },
    community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
    role: { header: '岗位', type: 'enum', required: true, values: ROLES },
    standard: { header: '是否达标', type: 'bool' },
    hiredOn: { header: '入职日期', type: 'date', required: true },
    at: { header: '上报时间', type: 'datetime' },
    households: { header: '户数', type: 'int', min: 0, max: 1_000_000 },
    hours: { header: '服务时长（小时）', type: 'decimal', min: 0, digits: [5, 2] },
  },
};

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-template-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('each column says its format in the words the import checks', () => {
  const c = spec.columns;
  expect(columnFormat(c.number)).toMatch(/^必填 \/ required；.*at most 30/);
  expect(columnFormat(c.community)).toMatch(/12位数字 \/ 12 digits/);
  expect(columnFormat(c.hiredOn)).toMatch(/2025年3月1日.*not after today/);
  expect(columnFormat(c.role)).toMatch(/one of: 社区党组织书记、居委会主任/);
  expect(columnFormat(c.standard)).toMatch(/是 \(yes\) or 否 \(no\)/);
  expect(columnFormat(c.idNumber)).toMatch(/check character; keep the cell as text/);
  expect(columnFormat(c.households)).toMatch(/whole number，0–1000000/);
  expect(columnFormat(c.hours)).toMatch(/^选填 \/ optional；数字 \/ number，不小于0/);
});

test('a template reads as an empty ledger: the title and the format row sit above the header', async () => {
  const path = join(dir, 'empty.xlsx');
  await writeLedgerTemplate(spec, path);
  const rows = [];
  let headers: string[] = [];
  for await (const r of readLedger(path, {
    columns: Object.values(spec.columns).map((c) => c.header),
    onHeader: (h) => (headers = h.headers),
  }))
    rows.push(r);
  expect(rows).toEqual([]);
  expect(headers).toEqual([
    '工号',
    '姓名',
    '身份证号',
    '手机号码',
    '统一社会信用代码',
    '所属社区代码',
    '岗位',
    '是否达标',
    '入职日期',
    '上报时间',
    '户数',
    '服务时长(小时)',
  ]);
});

test('dropdowns cover every enum and yes/no column, listed on a hidden sheet (a long list does not fit in the rule)', async () => {
  const path = join(dir, 'dropdowns.xlsx');
  await writeLedgerTemplate(spec, path);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.getWorksheet(templateSheetName(spec))!;
  expect(sheet.name).toBe('every_type');
  const rules = (sheet as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations
    .model;
  const listed = (cell: string) => {
    const m = /'(.+)'!\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)/.exec(rules[cell].formulae[0])!;
    const options = book.getWorksheet(m[1])!;
    expect(options.state).toBe('veryHidden');
    return Array.from({ length: +m[3] }, (_, i) => options.getCell(`${m[2]}${i + 1}`).value);
  };
  expect(listed('G4')).toEqual(ROLES);
  expect(listed('H5003')).toEqual(['是', '否']);
  expect(rules.A4).toBeUndefined();
  expect(sheet.getColumn(3).numFmt).toBe('@'); // ID numbers stay text: 18 digits would lose precision as numbers
});

test('a filled-in template imports as any ledger does', async () => {
  const path = join(dir, 'filled.xlsx');
  await writeLedgerTemplate(spec, path);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  book.getWorksheet(templateSheetName(spec))!.getRow(4).values = [
    'W0001',
    '张三',
    `41010619900101123${idNumberCheckChar('41010619900101123')}`,
    '13800138000',
    null,
    '410106001001',
    '专职网格员',
    '是',
    new Date(Date.UTC(2025, 2, 1)),
    '2025/3/1 9:30',
    '120',
    '2.5',
  ];
  await book.xlsx.writeFile(path);
  const run = await validateLedger(spec, path, { today: '2025-12-31' });
  expect(run.defects).toEqual([]);
  expect(run.rowsValid).toBe(1);
});

test('the format document has a table per ledger, from the same specs', () => {
  const doc = ledgerFormats([{ spec, owner: 'workforce' }]);
  expect(doc).toContain('## test/every_type.csv (workforce)');
  expect(doc).toContain(`\`${templateFileName(spec.file)}\``);
  expect(templateFileName(spec.file)).toBe('test/every_type.xlsx');
  for (const c of Object.values(spec.columns)) expect(doc).toContain(`| ${c.header} | ${columnFormat(c)} |`);
});
