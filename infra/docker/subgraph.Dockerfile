# One image per subgraph: docker build -f infra/docker/subgraph.Dockerfile --build-arg SUBGRAPH=workforce .
# Runs `node dist/main.js` (serve) or, with the argument `migrate`, applies its migrations and exits.
FROM node:20-bookworm-slim AS build
ARG SUBGRAPH
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_INTEGRITY_KEYS=0
WORKDIR /repo
COPY . .
# only this subgraph and the workspace packages it uses are installed and built
RUN corepack enable && pnpm install --frozen-lockfile --filter "@district/${SUBGRAPH}..." \
 && pnpm --filter "@district/${SUBGRAPH}..." run build \
 && pnpm --filter "@district/${SUBGRAPH}" deploy --prod --legacy /out

FROM node:20-bookworm-slim
ARG SUBGRAPH
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /out .
COPY services/${SUBGRAPH}/schema.graphql ./schema.graphql
USER node
EXPOSE 4001 4002 4003 4004 4005
ENTRYPOINT ["node", "dist/main.js"]
