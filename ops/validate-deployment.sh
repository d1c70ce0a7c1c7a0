#!/usr/bin/env bash
# Validates the deployment files without a Docker engine: both compose files with docker-compose's own parser
# (schema, interpolation from .env.example), the edge's Caddyfile with Caddy, the Dockerfiles with dockerfile-utils.
# Needs docker-compose and caddy (apt) and npx (npm).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "compose: docker-compose.yml"
docker-compose --env-file .env.example -f docker-compose.yml config --quiet
echo "compose: docker-compose.yml + docker-compose.scale.yml"
docker-compose --env-file .env.example -f docker-compose.yml -f docker-compose.scale.yml config --quiet

echo "caddy: ops/caddy/Caddyfile"
RUSVARSEL_DOMAIN=rusvarsel.example.org ACME_EMAIL=ops@example.org \
  caddy validate --config ops/caddy/Caddyfile --adapter caddyfile 2>&1 | grep -v '"level":"info"'

for dockerfile in ingest-service/Dockerfile analytics-service/Dockerfile alert-service/Dockerfile; do
  echo "lint: $dockerfile"
  npx --yes dockerfile-utils@0.16.3 lint "$dockerfile"
done
echo "deployment files valid"
