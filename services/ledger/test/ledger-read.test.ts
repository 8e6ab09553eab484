import { existsSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import {
  LedgerParseError,
  parseDate,
  readLedger,
  SNIFF_BYTES,
  sniffEncoding,
  type HeaderInfo,
  type LedgerRow,
  type TextEncoding,
} from '../src';

const DATASETS = join(__dirname, '..', '..', '..', '..', 'shared', 'datasets');
const SHANGJIE = join(DATASETS, 'shangjie-2025');

let tmp: string;
beforeAll(() => (tmp = mkdtempSync(join(tmpdir(), 'ledger-read-'))));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** All rows, the header info, and the error that ended the stream, if any. */
async function readAll(path: string, columns: string[], sheet?: string) {
  const rows: LedgerRow[] = [];
  let header: HeaderInfo | undefined;
  let encoding: TextEncoding | undefined;
  let error: unknown;
  try {
    for await (const r of readLedger(path, { columns, sheet, onHeader: (h) => (header = h), onEncoding: (e) => (encoding = e) }))
      rows.push(r);
  } catch (e) {
    error = e;
  }
  return { rows, header, encoding, error };
}

function write(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe('real ledgers', () => {
  test('volunteers.csv is GB18030: 5200 rows, Chinese decoded', async () => {
    const { rows, header, encoding, error } = await readAll(join(SHANGJIE, 'volunteer/volunteers.csv'), ['志愿者编号', '姓名', '身份证号']);
    expect(error).toBeUndefined();
    expect(encoding).toBe('gb18030');
    expect(header?.headers).toEqual(['志愿者编号', '姓名', '身份证号', '手机号码', '注册日期', '所属站点编号', '政治面貌']);
    expect(rows).toHaveLength(5200);
    expect(rows[0]).toMatchObject({ row: 1, cells: { 志愿者编号: 'V0000001', 姓名: '邹晨', 政治面貌: '群众' } });
    expect(rows[1].cells.姓名).toBe('谭超平');
    expect(rows[5199].row).toBe(5200);
    expect(rows.every((r) => !/[\uFFFD]/.test(String(r.cells.姓名)))).toBe(true);
  });

  test('regions.csv has a BOM: 50 rows, header without it', async () => {
    const { rows, header, encoding } = await readAll(join(SHANGJIE, 'regions.csv'), ['区划代码', '名称']);
    expect(encoding).toBe('utf8');
    expect(header).toEqual({ headers: ['区划代码', '名称', '层级', '上级区划代码'], titleRows: 0 });
    expect(rows).toHaveLength(50);
    expect(rows[0].cells).toEqual({ 区划代码: '410106', 名称: '上街区', 层级: '区', 上级区划代码: null });
  });

  test('workers.xlsx: title row skipped, 639 rows, Excel dates as Dates', async () => {
    const columns = ['工号', '姓名', '身份证号', '入职日期', '离职日期'];
    const { rows, header, error } = await readAll(join(SHANGJIE, 'workforce/workers.xlsx'), columns, '社区工作者台账');
    expect(error).toBeUndefined();
    expect(header).toMatchObject({ titleRows: 1 });
    expect(rows).toHaveLength(639);
    expect(rows.every((r) => r.cells.入职日期 instanceof Date)).toBe(true);
    expect(rows.filter((r) => r.cells.离职日期 instanceof Date)).toHaveLength(31);
    expect(rows[0].cells).toMatchObject({ 工号: 'SQ00001', 姓名: '向辉' });
    expect(parseDate(rows[0].cells.入职日期)).toBe('2011-01-06');
    // same result without naming the sheet (the first one)
    expect((await readAll(join(SHANGJIE, 'workforce/workers.xlsx'), columns)).rows).toHaveLength(639);
  });

  test('a reader stopped early releases its files (CSV and XLSX)', async () => {
    // only files a reader could leave open (the ledgers, exceljs' temp spool): the worker's own
    // sockets and pipes come and go with the rest of the test run
    const openFiles = () =>
      (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd') : [])
        .map((fd) => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return '';
          }
        })
        // the ledgers themselves and exceljs' temp spools (tmp-<pid>-<random>): a loaded machine's jest
        // opens its own cache files at any moment, and those are not the reader's
        .filter((target) => target.startsWith(realpathSync(DATASETS)) || /\/tmp-\d+-/.test(target))
        .sort();
    const before = openFiles();
    for (const file of ['workforce/workers.xlsx', 'volunteer/volunteers.csv', 'workforce/workers.xlsx']) {
      let n = 0;
      for await (const r of readLedger(join(SHANGJIE, file), { columns: ['工号', '志愿者编号', '姓名', '身份证号'] })) {
        expect(r.row).toBe(++n);
        if (n === 3) break;
      }
      expect(n).toBe(3);
    }
    // nothing newly left open: exceljs' temp spool of workers.xlsx closed and deleted (one an earlier
    // test opened may close meanwhile, so the check is one-sided). Closing is asynchronous: give the
    // streams' close callbacks their turns before looking.
    let left = openFiles().filter((f) => !before.includes(f));
    for (let turn = 0; left.length && turn < 50; turn++) {
      await new Promise((r) => setImmediate(r));
      left = openFiles().filter((f) => !before.includes(f));
    }
    expect(left).toEqual([]);
  });

  test('an unknown sheet is a header-level parse error', async () => {
    const { error } = await readAll(join(SHANGJIE, 'workforce/workers.xlsx'), ['工号'], '没有这个表');
    expect(error).toBeInstanceOf(LedgerParseError);
    expect(error).toMatchObject({ row: 0, column: '*', kind: 'header' });
  });

  test('dirty gig/workers.csv: rows 1–20 yielded, then the unterminated quote at data row 21', async () => {
    const { rows, error } = await readAll(join(DATASETS, 'dirty/gig/workers.csv'), ['编号', '姓名', '身份证号']);
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(rows[2].cells.姓名).toBe('=HYPERLINK("http://example.invalid","张三")'); // text, as typed
    expect(error).toBeInstanceOf(LedgerParseError);
    const { row, column, kind, reason } = error as LedgerParseError;
    expect({ row, column, kind, reason }).toEqual({ row: 21, column: '*', kind: 'csv', reason: '引号未闭合 / unterminated quoted field' });
  });
});

describe('CSV shapes', () => {
  test('title row, blank lines, padded headers, short and long records', async () => {
    const path = write(
      'shapes.csv',
      '台账标题,,\r\n\r\n,,\r\n\uFEFF 编号\u3000,名称, 数量（个）\r\n1,甲,2\r\n,,\r\n2,乙,3,多余\r\n3,丙\r\n',
    );
    const { rows, header } = await readAll(path, ['编号', '名称', '数量(个)']);
    expect(header).toMatchObject({ headers: ['编号', '名称', '数量(个)'], titleRows: 1 });
    expect(rows).toEqual([
      { row: 1, cells: { 编号: '1', 名称: '甲', '数量(个)': '2' } },
      { row: 2, cells: { 编号: '2', 名称: '乙', '数量(个)': '3' }, extra: ['多余'] },
      { row: 3, cells: { 编号: '3', 名称: '丙', '数量(个)': null } },
    ]);
  });

  test('text after a closing quote is kept literally rather than failing the file', async () => {
    const { rows, error } = await readAll(write('mid.csv', 'a,b\n1,ok\n2,"x"y\n3,z\n'), ['a', 'b']);
    expect(error).toBeUndefined();
    expect(rows.map((r) => r.cells.b)).toEqual(['ok', '"x"y', 'z']);
  });

  test('an unterminated quote early in a big file stops at 1 MB instead of swallowing it', async () => {
    const path = write('swallow.csv', `a,b\n1,ok\n2,"open\n${'3,more text\n'.repeat(250_000)}`);
    const { rows, error } = await readAll(path, ['a', 'b']);
    expect(rows).toHaveLength(1);
    expect(error).toMatchObject({ row: 2, kind: 'csv' });
    expect((error as LedgerParseError).reason).toContain('1 MB');
  });

  test('quotes inside unquoted fields are literal, as in Excel', async () => {
    const { rows, error } = await readAll(write('q.csv', 'a,b\n1,上街区"阳光"协会\n'), ['a', 'b']);
    expect(error).toBeUndefined();
    expect(rows[0].cells.b).toBe('上街区"阳光"协会');
  });

  test('no header row: a header-level parse error', async () => {
    const { error } = await readAll(write('nohead.csv', 'x,y\n1,2\n'), ['编号', '名称']);
    expect(error).toMatchObject({ row: 0, column: '*', kind: 'header' });
  });
});

describe('encoding detection', () => {
  const names = ['邹晨', '谭超平', '欧阳娜娜', '𠀀𪚥', '鲁茂', '·×', '阿依古丽·买买提'];
  /** A ledger long enough to cross several sniff windows, with a shift so characters straddle chunk edges. */
  const body = (shift: number) =>
    'id,name\r\n' +
    'x'.repeat(shift) +
    ',首\r\n' +
    Array.from({ length: 12_000 }, (_, i) => `${i},${names[i % names.length]}\r\n`).join('');

  test.each([0, 1, 2, 3])('UTF-8 and GB18030 round-trip whatever the byte alignment (shift %i)', async (shift) => {
    for (const [encoding, bytes] of [
      ['utf8', Buffer.from(body(shift), 'utf8')],
      ['gb18030', iconv.encode(body(shift), 'gb18030')],
    ] as const) {
      expect(bytes.length).toBeGreaterThan(2 * SNIFF_BYTES);
      const read = await readAll(write(`align-${encoding}-${shift}.csv`, bytes), ['id', 'name']);
      const { rows } = read;
      expect(read.encoding).toBe(encoding);
      expect(rows).toHaveLength(12_001);
      expect(rows.slice(1).every((r, i) => r.cells.name === names[i % names.length])).toBe(true);
    }
  });

  test('a pure-ASCII start longer than the sniff window does not hide a GB18030 tail', async () => {
    const text = 'id,name\r\n' + Array.from({ length: 20_000 }, (_, i) => `${i},ascii\r\n`).join('') + '20000,谭超平\r\n';
    const bytes = iconv.encode(text, 'gb18030');
    expect(bytes.indexOf(0xcc)).toBeGreaterThan(SNIFF_BYTES); // the first non-ASCII byte (谭 is CC B7)
    const { rows, encoding } = await readAll(write('late.csv', bytes), ['id', 'name']);
    expect(encoding).toBe('gb18030');
    expect(rows[20_000].cells.name).toBe('谭超平');
  });

  test('sniffEncoding: a UTF-8 character cut at the sample end is not a GB18030 sign', () => {
    const utf8 = Buffer.from('编号,姓名', 'utf8');
    expect(sniffEncoding(utf8.subarray(0, utf8.length - 1), false)).toBe('utf8');
    expect(sniffEncoding(utf8.subarray(0, utf8.length - 1), true)).toBe('gb18030'); // a truncated file end is not UTF-8
    expect(sniffEncoding(iconv.encode('编号,姓名', 'gb18030'), false)).toBe('gb18030');
    expect(sniffEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), true)).toBe('utf8');
  });

  test('an empty file has no header', async () => {
    const { rows, error } = await readAll(write('empty.csv', ''), ['a']);
    expect(rows).toEqual([]);
    expect(error).toMatchObject({ row: 0, kind: 'header' });
  });
});

describe('XLSX cells', () => {
  test('rich text, hyperlinks, formulas, dates, numbers, booleans, errors; the named sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['这一页不是台账']);
    const ws = wb.addWorksheet('台账');
    ws.addRow(['上街区某某台账（截至2025年12月31日）']);
    ws.addRow(['编号', '名称', '网址', '合计', '日期', '时间', '数量', '是否', '错误']);
    ws.addRow([
      'A1',
      { richText: [{ text: '上街区' }, { font: { bold: true }, text: '阳光协会' }] },
      { text: '官网', hyperlink: 'http://example.invalid' },
      { formula: 'G3*2', result: 84 },
      new Date(Date.UTC(2025, 2, 1)),
      new Date(Date.UTC(2025, 2, 1, 14, 22)),
      42,
      true,
      { error: '#N/A' },
    ]);
    ws.getCell('E3').numFmt = 'yyyy-mm-dd';
    ws.getCell('F3').numFmt = 'yyyy-mm-dd hh:mm';
    ws.addRow([]);
    ws.addRow(['A2', { formula: 'UPPER("x")' }]);
    const path = join(tmp, 'cells.xlsx');
    await wb.xlsx.writeFile(path);

    const { rows, header, error } = await readAll(path, ['编号', '名称', '日期'], '台账');
    expect(error).toBeUndefined();
    expect(header).toMatchObject({ titleRows: 1 });
    expect(rows).toHaveLength(2);
    expect(rows[0].cells).toEqual({
      编号: 'A1',
      名称: '上街区阳光协会',
      网址: '官网',
      合计: 84,
      日期: new Date(Date.UTC(2025, 2, 1)),
      时间: new Date(Date.UTC(2025, 2, 1, 14, 22)),
      数量: 42,
      是否: 'TRUE',
      错误: '#N/A',
    });
    expect(parseDate(rows[0].cells.时间)).toBe('2025-03-01T14:22:00+08:00');
    expect(rows[1]).toMatchObject({ row: 2, cells: { 编号: 'A2', 名称: null } }); // formula without a cached result
  });
});
