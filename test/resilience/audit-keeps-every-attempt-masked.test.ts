import { idNumberCheckChar } from '../../services/common/src';
import { ADMIN, startTestStack, type TestStack } from '../kit/stack';

/**
 * Every mutation attempt leaves an audit row, refused ones too, whatever bytes its arguments hold;
 * what the row keeps of the arguments is masked as the schema's @personal marks them (an argument or
 * input field such as a certificate holder's name), not as a list of key names guesses.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({}, { shangjie: true });
}, 300_000);

afterAll(() => stack?.stop());

type Trail = { workforceAuditTrail: { subject: string; operation: string; outcome: string; args: string | null }[] };
const trail = async (operation: string) =>
  (
    await stack.query<Trail>(
      'query($o: String) { workforceAuditTrail(first: 50, operation: $o) { subject operation outcome args } }',
      { o: operation },
      ADMIN,
    )
  ).data!.workforceAuditTrail;

test('a mutation refused for a NUL byte in its arguments leaves an audit row', async () => {
  const author = { subject: 'audit-nul-street', roles: ['STREET' as const], regionScope: '410106001000' };
  const res = await stack.query(
    'mutation($i: RaiseDeliberationTopicInput!) { raiseDeliberationTopic(input: $i) { id } }',
    { i: { communityCode: '410106001001', title: '楼道\u0000堆物', method: '五步议事法', raisedOn: '2025-12-01' } },
    author,
  );
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
  const rows = (await trail('raiseDeliberationTopic')).filter((r) => r.subject === author.subject);
  expect(rows.map((r) => r.outcome)).toEqual(['BAD_USER_INPUT']);
  expect(rows[0].args).toContain('unprintable text');
});

test('a certificate holder’s name and ID number are masked in the audit trail: @personal on the input fields', async () => {
  const first17 = '41010619850203456';
  const holderIdNumber = first17 + idNumberCheckChar(first17);
  const res = await stack.query('mutation($i: RecordSocialWorkCertificateInput!) { recordSocialWorkCertificate(input: $i) { id } }', {
    i: {
      id: 'ZS-AUDIT-01',
      holderName: '欧阳明月',
      holderIdNumber,
      regionCode: '410106001000',
      level: 'ASSISTANT',
      obtainedOn: '2025-06-01',
    },
  });
  expect(res.errors).toBeUndefined();
  const [row] = (await trail('recordSocialWorkCertificate')).filter((r) => r.args?.includes('ZS-AUDIT-01'));
  expect(row.outcome).toBe('OK');
  expect(row.args).not.toContain('欧阳明月');
  expect(row.args).not.toContain(holderIdNumber);
  expect(JSON.parse(row.args!)).toMatchObject({ holderName: '欧***', holderIdNumber: expect.stringMatching(/^410106\*{8}\d{3}[\dX]$/) });
});
