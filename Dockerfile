# Image for the worker and the API (docker-compose.yml); not built on the development machines (no Docker engine).
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-thai-tlwg python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsc -p tsconfig.build.json && node dist/scripts/bundle-workflows.js && npm run build --workspace web
ENV NODE_ENV=production
