import { GraphQLError } from 'graphql';
import { Client } from 'pg';
import { log } from '../src/log';
import { maskErrors } from '../src/error-format';

/**
 * What the operator's line of a masked internal error says: the SQLSTATE of a database fault (even
 * wrapped), where in our code any other fault was thrown, and never a value the fault quoted.
 */
let pg: Client;
beforeAll(async () => {
  pg = new Client({ connectionString: process.env.DISTRICT_TEST_PG_URL });
  await pg.connect();
});
afterAll(() => pg?.end());

async function pgError(sql: string): Promise<Error> {
  try {
    await pg.query(sql);
  } catch (e) {
    return e as Error;
  }
  throw new Error('no error');
}

/** The fields of the line maskErrors writes for an error at a path, and what the client got. */
function masked(error: Error) {
  const spy = jest.spyOn(log(), 'error').mockImplementation(() => undefined);
  try {
    const gql = new GraphQLError(error.message, { path: ['region', 'volunteer', 'series'], originalError: error });
    const client = maskErrors(gql.toJSON(), gql);
    expect(spy).toHaveBeenCalledTimes(1);
    const [fields, msg] = spy.mock.calls[0] as unknown as [Record<string, unknown>, string];
    return { fields, msg, client };
  } finally {
    spy.mockRestore();
  }
}

test('a database fault names its SQLSTATE, also when wrapped in another error, and never the value it quoted', async () => {
  const quoted = await pgError(`SELECT 'secret-值-410106'::int`);
  const { fields, msg, client } = masked(new Error('figure failed', { cause: quoted }));
  expect(msg).toBe('internal error');
  expect(fields).toMatchObject({ path: 'region.volunteer.series', where: 'sqlstate 22P02' });
  expect(JSON.stringify(fields)).not.toContain('secret');
  expect(client).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  expect(JSON.stringify(client)).not.toContain('secret');

  expect(masked(await pgError('SELECT 1/0')).fields.where).toBe('sqlstate 22012');
});

test('a fault that is no database error names where in our code it was thrown', () => {
  function askTheOtherSubgraph(): never {
    throw new Error('region tree unavailable: 一次最多31天 / at most 31 days at once');
  }
  let error: Error | undefined;
  try {
    askTheOtherSubgraph();
  } catch (e) {
    error = e as Error;
  }
  const { fields } = masked(error!);
  expect(fields.where).toBeUndefined();
  expect(fields.at).toMatch(/^common\/test\/error-format\.test\.ts:\d+ \(askTheOtherSubgraph\)$/);
});
