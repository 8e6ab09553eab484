import { join } from 'node:path';
import {
  checkCreditCode,
  checkIdNumber,
  checkMobile,
  creditCodeCheckChar,
  creditCodeProblem,
  idNumberCheckChar,
  idNumberProblem,
  maskIdNumber,
  maskName,
  maskPersonalText,
  maskPhone,
  normaliseIdNumber,
  normaliseMobile,
  organisationCodeCheckChar,
} from '../src/codes';
import { readLedger } from '@district/ledger';

const SHANGJIE = join(__dirname, '..', '..', '..', '..', 'shared', 'datasets', 'shangjie-2025');

/** Every non-blank value of `column` in a real ledger, read as the importer reads it. */
async function columnOf(file: string, column: string): Promise<string[]> {
  const out: string[] = [];
  for await (const r of readLedger(join(SHANGJIE, file), { columns: [column] })) {
    const v = r.cells[column];
    if (v !== null) out.push(String(v));
  }
  return out;
}

/** A valid ID number built from its first 17 digits, so the test does not trust a hand-typed example. */
const validId = (first17: string) => first17 + idNumberCheckChar(first17);
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('checkIdNumber (GB 11643)', () => {
  const id = validId('41010619900101123');
  const withX = ['41010619790420069', '41010619680226310', '11010519491231002', '41010619900307004']
    .map(validId)
    .find((s) => s.endsWith('X'));

  test('valid numbers pass, lowercase x is normalised', () => {
    expect(checkIdNumber(id)).toBeNull();
    expect(withX).toBeDefined();
    expect(checkIdNumber(withX!)).toBeNull();
    expect(checkIdNumber(withX!.toLowerCase())).toBeNull();
    expect(normaliseIdNumber(` ${withX!.toLowerCase()}\u3000`)).toBe(withX);
    expect(checkIdNumber('４１０１０６１９９０' + id.slice(10))).toBeNull(); // full-width digits
  });

  test('broken numbers get a short reason that never contains the number', () => {
    const cases: [string, string, string][] = [
      [wrongCheck(id), 'checksum', '校验位错误 / wrong check digit'],
      [id.slice(0, 17), 'format', '应为18位，实为17位 / 17 characters, expected 18'],
      [id + '1', 'format', '应为18位，实为19位 / 19 characters, expected 18'],
      [validId('41010619900230123'), 'format', '出生日期无效 / invalid birth date'],
      [validId('41010618991231123'), 'format', '出生日期无效 / invalid birth date'],
      [id.slice(0, 10) + 'A' + id.slice(11), 'format', '前17位应为数字，末位为数字或X / 17 digits then a digit or X expected'],
      [validId('01010619900101123'), 'format', '地区码无效 / invalid region code'],
    ];
    for (const [s, kind, reason] of cases) {
      expect({ s, problem: idNumberProblem(s) }).toEqual({ s, problem: { kind, reason } });
      expect(reason).not.toContain(s.slice(6, 14));
    }
  });

  test.each([
    ['workforce/certificates.csv', 466],
    ['workforce/exam_registrations.csv', 1081],
    ['workforce/workers.xlsx', 639],
    ['volunteer/volunteers.csv', 5200],
    ['gig/workers.csv', 2480],
    ['party/instructors.csv', 64],
  ])('every ID number in shangjie-2025/%s passes', async (file, rows) => {
    const ids = await columnOf(file, '身份证号');
    expect(ids).toHaveLength(rows);
    expect(ids.filter((s) => checkIdNumber(s) !== null)).toEqual([]);
  });
});

describe('checkCreditCode (GB 32100 with the GB 11714 organisation code)', () => {
  // a made-up civil-affairs code: authority 5, type 1, region 410106, organisation code body 12345678
  const body = '12345678';
  const first17 = `51410106${body}${organisationCodeCheckChar(body)}`;
  const code = first17 + creditCodeCheckChar(first17);

  test('a computed code passes, lowercase and spaces are normalised', () => {
    expect(checkCreditCode(code)).toBeNull();
    expect(checkCreditCode(` ${code.toLowerCase()} `)).toBeNull();
  });

  test('broken codes', () => {
    const other = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    expect(creditCodeProblem(other)).toEqual({ kind: 'checksum', reason: '第18位校验码错误 / wrong check character (GB 32100)' });
    expect(creditCodeProblem(code.slice(1))).toEqual({ kind: 'format', reason: '应为18位，实为17位 / 17 characters, expected 18' });
    expect(creditCodeProblem(`${code.slice(0, 10)}I${code.slice(11)}`)).toEqual({
      kind: 'format',
      reason: "第11位字符“I”不允许 / character 11 ('I') not allowed",
    });
    expect(creditCodeProblem(`51AB0106${code.slice(8)}`)?.kind).toBe('format');
    // organisation code check broken, 18th character recomputed so that only GB 11714 fails
    const badOrg17 = `51410106${body}${organisationCodeCheckChar(body) === '0' ? '1' : '0'}`;
    expect(creditCodeProblem(badOrg17 + creditCodeCheckChar(badOrg17))).toEqual({
      kind: 'checksum',
      reason: '组织机构代码校验位错误 / wrong organisation-code check character (GB 11714)',
    });
  });

  test('GB 11714 check characters X and 0', () => {
    // bodies found by search: 11 − sum mod 11 is 10 (X) or 11 (0)
    const bodies = Array.from({ length: 200 }, (_, i) => String(10000000 + i));
    expect(bodies.some((b) => organisationCodeCheckChar(b) === 'X')).toBe(true);
    expect(bodies.some((b) => organisationCodeCheckChar(b) === '0')).toBe(true);
  });

  test.each([
    ['social/organizations.csv', '统一社会信用代码', 128],
    ['party/two_new_orgs.csv', '统一社会信用代码', 273],
    ['party/instructor_visits.csv', '统一社会信用代码', 640],
    ['social/annual_inspections.csv', '统一社会信用代码', 108],
    ['social/service_projects.csv', '承接组织编码', 47],
  ])('every code in shangjie-2025/%s (%s) passes', async (file, column, count) => {
    const codes = await columnOf(file, column);
    expect(codes).toHaveLength(count);
    expect(codes.filter((s) => checkCreditCode(s) !== null)).toEqual([]);
  });
});

describe('checkMobile', () => {
  test('valid and normalised', () => {
    expect(checkMobile('13812345678')).toBeNull();
    expect(checkMobile('+86 138-1234-5678')).toBeNull();
    expect(normaliseMobile('+86 138-1234-5678')).toBe('13812345678');
  });
  test('broken', () => {
    expect(checkMobile('1381234567')).toBe('应为11位，实为10位 / 10 characters, expected 11');
    expect(checkMobile('12812345678')).toBe('手机号应以13–19开头 / must start with 13–19');
    expect(checkMobile('1381234567a')).toBe('手机号应为数字 / digits only');
  });
  test.each([
    ['volunteer/volunteers.csv', 5200],
    ['gig/workers.csv', 2480],
    ['party/instructors.csv', 64],
    ['workforce/workers.xlsx', 639],
  ])('every mobile number in shangjie-2025/%s passes', async (file, rows) => {
    const phones = await columnOf(file, '手机号码');
    expect(phones).toHaveLength(rows);
    expect(phones.filter((s) => checkMobile(s) !== null)).toEqual([]);
  });
});

describe('masks', () => {
  test('as the district shows personal data', () => {
    expect(maskIdNumber('410106199001011234')).toBe('410106********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳')).toBe('欧*');
  });
  test('null-safe', () => {
    expect(maskIdNumber(null)).toBe('');
    expect(maskPhone(undefined)).toBe('');
    expect(maskName('')).toBe('');
  });
});

test('free text keeps its words and masks what is shaped like an ID number or a mobile number', () => {
  expect(maskPersonalText('电话13800000001，身份证410106199003085136，旧证410106900308513，另41010619900308513X')).toBe(
    '电话138****0001，身份证410106********5136，旧证410106*****8513，另410106********513X',
  );
  // a region code, a grid code, a longer run of digits and an amount are none of these
  expect(maskPersonalText('410106001000 41010600100101 1380000000123 12800元')).toBe('410106001000 41010600100101 1380000000123 12800元');
  expect(maskPersonalText(null)).toBeNull();
});
