import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Caller } from '@district/common';
import type { TestStack } from './stack';

/** A file downloaded from the gateway's /export, with what a client reads of the response. */
export interface Download {
  status: number;
  contentType: string;
  disposition: string;
  body: Buffer;
}

/** Posts an operation to /export (or GETs a path under it) as a caller, and reads the whole file. */
export async function download(
  stack: TestStack,
  path: string,
  caller: Caller,
  operation?: { query: string; variables?: Record<string, unknown>; operationName?: string },
): Promise<Download> {
  const url = stack.gatewayUrl.replace(/\/graphql$/, path);
  const headers: Record<string, string> = { authorization: `Bearer ${await stack.token(caller)}` };
  if (operation) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method: operation ? 'POST' : 'GET', headers, body: operation ? JSON.stringify(operation) : undefined });
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/** A CSV export's rows as Excel would read them: the byte-order mark must be there, and is dropped. */
export function readCsv(file: Buffer): string[][] {
  const text = file.toString('utf8');
  if (!text.startsWith('\uFEFF')) throw new Error('CSV export without a UTF-8 byte-order mark');
  return parse(text.slice(1), { relax_column_count: true }) as string[][];
}

/** An XLSX export's first sheet, every row as the cells' values (numbers stay numbers). */
export async function readXlsx(file: Buffer): Promise<{ name: string; rows: (string | number | null)[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(
      values.map((v) =>
        v === undefined || v === null ? null : typeof v === 'object' ? String((v as { text?: string }).text ?? v) : (v as string | number),
      ),
    );
  });
  return { name: sheet.name, rows };
}
