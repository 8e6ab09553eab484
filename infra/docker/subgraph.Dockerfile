# One image per subgraph: docker build -f infra/docker/subgraph.Dockerfile --build-arg SUBGRAPH=workforce .
FROM node:20-bookworm-slim AS build
ARG SUBGRAPH
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
WORKDIR /repo
COPY . .
RUN corepack enable && pnpm install --frozen-lockfile \
 && pnpm --filter "@district/${SUBGRAPH}..." run build \
 && pnpm --filter "@district/${SUBGRAPH}" deploy --prod --legacy /out

FROM node:20-bookworm-slim
ARG SUBGRAPH
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /out .
COPY services/${SUBGRAPH}/schema.graphql ./schema.graphql
USER node
EXPOSE 4000
CMD ["node", "dist/main.js"]
