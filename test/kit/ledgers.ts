import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { fieldPrefix, type Caller, type Department } from '@district/common';
import type { TestStack } from './stack';

/**
 * Ledgers in through the gateway, as an office's screen sends them: an upload (the file as the
 * body), then the owning subgraph's preview, commit and progress fields.
 */
export interface UploadAnswer {
  status: number;
  upload?: { id: string; sha256: string; bytes: number; status: string };
  fields?: { preview: string; commit: string; import: string };
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function uploadLedger(
  stack: TestStack,
  as: Caller,
  ledger: string,
  file: string | Buffer,
  name?: string,
): Promise<UploadAnswer> {
  const body = typeof file === 'string' ? readFileSync(file) : file;
  const query = new URLSearchParams({
    ledger,
    name: name ?? (typeof file === 'string' ? file.split('/').pop()! : ledger.split('/').pop()!),
  });
  const res = await fetch(`${stack.gatewayUrl.replace(/\/graphql$/, '')}/ledgers/uploads?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await stack.token(as)}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(body),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

export const LEDGER_IMPORT_FIELDS = `id ledger fileName sha256 bytes status district region uploadedBy committedBy rowsRead inserted updated unchanged
  defectCount defects { file row column kind reason } conflictCount conflicts { row key fields { column current ledger withheld } } message expiresAt`;

/** Polls an import of a subgraph until it no longer runs; returns it whole. */
export async function settleImport(stack: TestStack, subgraph: Department, id: string, as: Caller): Promise<Record<string, any>> {
  const field = `${fieldPrefix(subgraph)}LedgerImport`;
  for (let wait = 50; ; wait = Math.min(wait * 1.5, 1000)) {
    const res = await stack.query(`query($id: ID!) { i: ${field}(id: $id) { ${LEDGER_IMPORT_FIELDS} } }`, { id }, as);
    if (res.errors) throw new Error(res.errors.map((e) => e.message).join('; '));
    const state = res.data!.i;
    if (!['PREVIEWING', 'COMMITTING'].includes(state.status)) return state;
    await new Promise((r) => setTimeout(r, wait));
  }
}

/** A workers ledger (workforce/workers.xlsx) in the layout offices keep it: a title row above the header. */
export async function workersLedgerXlsx(
  path: string,
  rows: { number: string; name: string; idNumber: string; community: string; role?: string; hiredOn?: string }[],
): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('社区工作者台账');
  sheet.addRow(['社区工作者台账（测试）']);
  sheet.addRow([
    '工号',
    '姓名',
    '性别',
    '身份证号',
    '手机号码',
    '所属社区代码',
    '岗位',
    '负责网格编码',
    '入职日期',
    '离职日期',
    '政治面貌',
    '学历',
    '培养梯队',
  ]);
  for (const r of rows) {
    sheet.addRow([
      r.number,
      r.name,
      '女',
      r.idNumber,
      null,
      r.community,
      r.role ?? '专职社区工作者',
      null,
      r.hiredOn ?? '2025-06-01',
      null,
      '群众',
      '本科',
      '新生',
    ]);
  }
  await book.xlsx.writeFile(path);
  return path;
}
