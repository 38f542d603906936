# Images of the production topology (docker-compose.yml), built from one build stage: `app` (the default target) runs
# the workers, the APIs, the mail intake and the maintenance scripts; `proxy` is the stock nginx image with the built
# web client. Not built on the development machines (no Docker engine); `npm run start:cluster` is the tested twin.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-thai-tlwg python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json web/
RUN npm ci --no-audit --no-fund
COPY . .
# dist/ (backend, scripts, mail intake), dist/workflow-bundle.js (workers start without bundling), web/dist/browser.
ENV NG_CLI_ANALYTICS=false
RUN npx tsc -p tsconfig.build.json && node dist/scripts/bundle-workflows.js && npm run build --workspace web

FROM nginx:1.28 AS proxy
# The site itself is deploy/nginx/saraban.conf.template, mounted into /etc/nginx/templates by docker-compose.yml.
COPY --from=build /app/web/dist/browser /srv/saraban/web

FROM build AS app
ENV NODE_ENV=production
# The shared file store is a volume at /data; made here so a new volume belongs to the unprivileged user.
RUN mkdir -p /data && chown node:node /data
USER node
