// GraphQL projects for editors and for @graphql-eslint: each subgraph's SDL with the kit's shared types.
const { existsSync, readdirSync } = require('node:fs');

const subgraphs = readdirSync('services').filter((name) => existsSync(`services/${name}/schema.graphql`));

module.exports = {
  projects: Object.fromEntries(
    subgraphs.map((name) => [name, { schema: [`services/${name}/schema.graphql`, 'services/subgraph-kit/shared.graphql'] }]),
  ),
};
