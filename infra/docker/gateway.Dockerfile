# docker build -f infra/docker/gateway.Dockerfile .
FROM node:20-bookworm-slim AS build
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
WORKDIR /repo
COPY . .
RUN corepack enable && pnpm install --frozen-lockfile \
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
CMD ["node", "dist/index.js"]
