# syntax=docker/dockerfile:1
# The PagerDuty MCP server as a container: production dependencies only, runs as the unprivileged
# `node` user, no servers.d, credentials or state inside: mount servers.d at /config/servers.d and
# a folder like the local .pd-mcp (API tokens, accounts, state) at /config/pd-mcp (README: Deploy).
#   docker build -t pd-mcp:0.1.0 .
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Build dist/ (esbuild transpile; the type check runs in CI, not here).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY scripts/build.mjs ./scripts/build.mjs
COPY src ./src
RUN node scripts/build.mjs

# 2. Production dependencies only.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

# 3. The image: dist/, the integration files and production node_modules.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    INTEGRATIONS_DIR=/app/integrations \
    SERVERS_DIR=/config/servers.d \
    API_TOKENS_FILE=/config/pd-mcp/api-tokens.json \
    ACCOUNTS_FILE=/config/pd-mcp/accounts.json \
    STATE_DIR=/config/pd-mcp/state
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY package.json ./
COPY bin ./bin
COPY scripts/build.mjs ./scripts/build.mjs
COPY integrations ./integrations
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
