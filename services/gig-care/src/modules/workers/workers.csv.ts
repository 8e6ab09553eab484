import { canSeePersonal, maskIdNumber, maskName, maskPhone } from '@district/common';
import { neutraliseFormula } from '@district/ledger';
import type { RequestContext } from '@district/subgraph-kit';
import type { GigWorker } from './worker.entity';
import { JOB_TYPES } from './workers.ledger';

const HEADER = [
  '编号',
  '姓名',
  '身份证号',
  '手机号码',
  '从业类型',
  '所属平台企业',
  '是否党员',
  '是否流动网格员',
  '登记日期',
  '常驻社区代码',
];

/** RFC 4180 quoting; every text cell is neutralised first so a spreadsheet never runs it as a formula. */
function cell(text: string): string {
  const safe = neutraliseFormula(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const yesNo = (b: boolean) => (b ? '是' : '否');

/**
 * The gig-worker ledger as CSV, in the import's own columns (the district's worker numbers) so an
 * export can be edited and imported again. Personal data follows the same rule as the API: masked
 * unless the caller may see this worker's, and every unmasked row is recorded as a personal-data read.
 */
export function workersCsv(ctx: RequestContext, workers: GigWorker[]): string {
  const lines = [HEADER.map(cell).join(',')];
  for (const w of workers) {
    const open = canSeePersonal(ctx.caller, ctx.service, w.communityCode);
    if (open) ctx.personalReads.push({ field: 'Query.gigWorkersCsv', record: `GigWorker:${w.id}` });
    const row = [
      w.number,
      open ? w.name : maskName(w.name),
      open ? w.idNumber : maskIdNumber(w.idNumber),
      open ? (w.phone ?? '') : maskPhone(w.phone),
      JOB_TYPES.labelOf(w.jobType) ?? w.jobType,
      w.platform,
      yesNo(w.partyMember),
      yesNo(w.mobileGridMember),
      w.registeredOn,
      w.communityCode,
    ];
    lines.push(row.map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
