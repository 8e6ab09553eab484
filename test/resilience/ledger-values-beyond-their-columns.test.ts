import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importLedgers } from '../../infra/src';
import { startTestStack, type TestStack } from '../kit/stack';

/**
 * A ledger value the database column cannot hold (a phone number typed into 参训人次, a 15-digit
 * 资金) is a defect of its file, row and column, found before the database sees it: the import of
 * that file is refused as any defective file is, the other files import, and no message quotes the
 * value.
 */
let stack: TestStack;
let dir: string;
const PHONE = '13812345678';

beforeAll(async () => {
  stack = await startTestStack({}, { shangjie: true });
  dir = mkdtempSync(join(tmpdir(), 'district-ledger-range-'));
  mkdirSync(join(dir, 'party'));
  mkdirSync(join(dir, 'social'));
  writeFileSync(
    join(dir, 'party', 'trainings.csv'),
    [
      '培训编号,培训名称,培训日期,参训人员类别,参训人次',
      'RANGE01,专题培训,2025-11-13,党建工作指导员,67',
      `RANGE02,专题培训,2025-11-14,党组织书记,${PHONE}`,
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'social', 'service_projects.csv'),
    [
      '项目编号,项目名称,承接组织编码,实施社区代码,项目类别,合作模式,资金(元),立项日期,状态',
      'XMRANGE1,康养服务项目,52410106324391407F,410106001005,养老服务,众筹+社区合伙人,123456789012345,2025-09-14,实施中',
    ].join('\n'),
  );
}, 300_000);

afterAll(() => stack?.stop());

test('out-of-range numbers are defects with file, row and column; nothing is written and no value is quoted', async () => {
  const handle = { gatewayUrl: stack.gatewayUrl, databaseUrls: stack.databaseUrls, jwtSecret: stack.jwtSecret };
  const report = await importLedgers(handle, dir, { district: '410106' });
  expect(report.ok).toBe(false);
  const defects = report.outcomes.flatMap((o) => o.defects ?? []).map(({ file, row, column, kind }) => ({ file, row, column, kind }));
  expect(defects).toEqual(
    expect.arrayContaining([
      { file: 'party/trainings.csv', row: 2, column: '参训人次', kind: 'range' },
      { file: 'social/service_projects.csv', row: 1, column: '资金(元)', kind: 'range' },
    ]),
  );
  expect(defects).toHaveLength(2);
  const text = JSON.stringify(report);
  expect(text).not.toContain(PHONE);
  expect(text).not.toContain('123456789012345');
  const trainings = await stack.query('{ partyTrainings(first: 200) { nodes { code } } }');
  expect(JSON.stringify(trainings.data)).not.toMatch(/RANGE0/);
});
