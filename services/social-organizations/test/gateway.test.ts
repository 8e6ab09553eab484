import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import { CALLER_HEADER, signCaller, type Caller } from '@district/common';
import { readSchema, sharedTypeDefs } from '@district/subgraph-kit';
import { TEST_INTERNAL_SECRET, testCallers } from '@district/testkit';
import { workforce } from '@district/workforce';
import { socialOrganizations } from '../src/module';
import { startSocialGraph, type SocialGraph } from './kit';

/**
 * Through a gateway over workforce (the region tree: Region.name) and this subgraph, as a client asks.
 * A street office's project list names organisations registered in other streets; before, the
 * Region of such an organisation's street came back null from workforce, Region.name is non-null,
 * and the whole answer became `data: null` without an error. Now the organisation itself is refused.
 */
let g: SocialGraph;
let gateway: ApolloServer<{ caller: Caller }>;

class SignedDataSource extends RemoteGraphQLDataSource<{ caller: Caller }> {
  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<{ caller: Caller }>) {
    request.http?.headers.set(CALLER_HEADER, await signCaller((context as { caller: Caller }).caller, TEST_INTERNAL_SECRET));
  }
}

beforeAll(async () => {
  g = await startSocialGraph();
  const composed = composeServices([
    { name: 'workforce', url: g.tree.url, typeDefs: parse(`${readSchema(workforce.root)}\n${sharedTypeDefs}`) },
    { name: 'social-organizations', url: g.sg.url, typeDefs: parse(`${readSchema(socialOrganizations.root)}\n${sharedTypeDefs}`) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('; '));
  gateway = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl, buildService: ({ url }) => new SignedDataSource({ url }) }),
  });
  await gateway.start();
});

afterAll(async () => {
  await gateway?.stop();
  await g?.close();
});

async function ask(query: string, caller: Caller) {
  const res = await gateway.executeOperation({ query }, { contextValue: { caller } });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return res.body.singleResult;
}

test('a street office’s projects keep their answer; an organisation of another street is null with FORBIDDEN at its path', async () => {
  const q = `{ socialServiceProjects(first: 2) { nodes { code organization { code street { name } } } } }`;
  const res = await ask(q, testCallers.street('410106001000'));
  expect(res.data).toEqual({
    socialServiceProjects: {
      nodes: [
        { code: 'XM2025001', organization: { code: '52410106324391407F', street: { name: '济源路街道' } } },
        { code: 'XM2025002', organization: null },
      ],
    },
  });
  expect(res.errors).toEqual([
    expect.objectContaining({
      path: ['socialServiceProjects', 'nodes', 1, 'organization'],
      extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
    }),
  ]);
  // the district sees both organisations and their streets
  const all = await ask(q, testCallers.admin);
  expect(all.errors).toBeUndefined();
  expect(
    (all.data as { socialServiceProjects: { nodes: { organization: { street: { name: string } } }[] } }).socialServiceProjects.nodes[1]
      .organization.street.name,
  ).toBe('矿山街道');
});
