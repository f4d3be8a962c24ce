# One image for the gateway and every subgraph; docker-compose.yml and deploy/ pick the entry point
# (node --heap-growing-percent=100 dist/gateway/index.js, node dist/subgraphs/<name>/index.js,
# node dist/scripts/seed.js).

# Build: the workbench (React + Vite) and the server processes compiled to JavaScript (npm run build).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
COPY scripts ./scripts
COPY workbench ./workbench
RUN npm run build

# Run: production dependencies and the compiled output only; no TypeScript at run time.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
USER node
CMD ["node", "--heap-growing-percent=100", "dist/gateway/index.js"]
