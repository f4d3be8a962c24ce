# One image for the gateway and every subgraph; docker-compose.yml picks the entry point.

# The workbench (React + Vite) is built from the supergraph and the app's sources, then only its
# static files go into the image the gateway serves them from.
FROM node:20-bookworm-slim AS workbench
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY schema ./schema
COPY workbench ./workbench
RUN npx tsx workbench/build.ts

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
COPY scripts ./scripts
COPY --from=workbench /app/workbench/dist ./workbench/dist
USER node
# e.g. `subgraphs/household/index.ts` or `gateway/index.ts`
CMD ["node", "--import", "tsx", "gateway/index.ts"]
