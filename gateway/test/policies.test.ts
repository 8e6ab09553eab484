import { parse } from 'graphql';
import { asksIntrospection, incompleteAnswerPlugin } from '../src/policies';
import { declaredCosts } from '../src/query-limits';

/** The gateway's request policies on their own; the end-to-end tests in test/resilience show them through a running graph. */
test('introspection is found through fragments and inline fragments, each fragment read once', () => {
  expect(asksIntrospection(parse('{ __schema { types { name } } }'))).toBe(true);
  expect(asksIntrospection(parse('{ ...A } fragment A on Query { ... on Query { __type(name: "Region") { name } } }'))).toBe(true);
  expect(asksIntrospection(parse('{ region(code: "410106") { __typename name } }'))).toBe(false);
  const fragments = ['fragment F0 on Region { code }'];
  for (let i = 1; i <= 40; i++) fragments.push(`fragment F${i} on Region { ...F${i - 1} ...F${i - 1} }`);
  expect(asksIntrospection(parse(`{ region(code: "1") { ...F40 } } ${fragments.join(' ')}`))).toBe(false);
});

test('a gap the gateway found in an answer (valueCompletion) becomes an error at its path, not data: null without one', async () => {
  const singleResult: Record<string, unknown> = {
    data: null,
    extensions: { valueCompletion: [{ message: 'Cannot return null for non-nullable field Region.name.', path: ['region', 'name'] }] },
  };
  const hooks = await incompleteAnswerPlugin.requestDidStart!({} as never);
  await hooks!.willSendResponse!({ response: { body: { kind: 'single', singleResult } } } as never);
  expect(singleResult.extensions).toBeUndefined();
  expect(singleResult.errors).toEqual([expect.objectContaining({ path: ['region', 'name'], extensions: { code: 'INCOMPLETE_RESPONSE' } })]);
});

test('costs a subgraph declares with @cost and @listSize are read from the supergraph', () => {
  const sdl = `type Query {
    export: String @join__field(graph: A) @cost(weight: 20000)
    big: [Item] @cost__listSize(assumedSize: 500)
    plain: [Item]
  }
  type Item { id: ID }`;
  expect(Object.fromEntries(declaredCosts(sdl))).toEqual({
    'Query.export': { weight: 20000, assumedSize: undefined },
    'Query.big': { weight: undefined, assumedSize: 500 },
  });
});
