# docker build -f infra/docker/gateway.Dockerfile .
# Runs `node dist/index.js` (serve) or, with the argument `migrate`, prepares the gateway's database and exits.
FROM node:20-bookworm-slim AS build
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_INTEGRITY_KEYS=0
WORKDIR /repo
COPY . .
RUN corepack enable && pnpm install --frozen-lockfile --filter "@district/gateway..." \
 && pnpm --filter "@district/gateway..." run build \
 && pnpm --filter "@district/gateway" deploy --prod --legacy /out

FROM node:20-bookworm-slim
ENV NODE_ENV=production SUPERGRAPH_PATH=/app/supergraph.graphql TRUSTED_OPERATIONS_DIR=/app/operations
WORKDIR /app
COPY --from=build /out .
COPY schema/supergraph.graphql ./supergraph.graphql
COPY schema/operations ./operations
USER node
EXPOSE 4000
ENTRYPOINT ["node", "dist/index.js"]
