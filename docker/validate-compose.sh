#!/usr/bin/env bash
# Validates docker/compose.yaml without a container engine: the first available of
# `docker compose config`, `podman compose config`, and otherwise compose-go (the library that
# `docker compose` itself loads files with: schema, interpolation, references between services,
# volumes and conditions), built once from docker/compose-check/ with Go and cached in
# ${XDG_CACHE_HOME:-~/.cache}/netsec/. Prints the resolved file; exit code 0 when valid.
#
#   docker/validate-compose.sh [compose file]      # default: docker/compose.yaml
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
file="${1:-$here/compose.yaml}"
if docker compose version >/dev/null 2>&1; then
  echo "validate-compose: docker compose config" >&2
  exec docker compose -f "$file" config
fi
if podman compose version >/dev/null 2>&1; then
  echo "validate-compose: podman compose config" >&2
  exec podman compose -f "$file" config
fi
command -v go >/dev/null || { echo "validate-compose: needs docker compose, podman compose or Go" >&2; exit 1; }
cache="${XDG_CACHE_HOME:-$HOME/.cache}/netsec/compose-check"
sum="$(cat "$here/compose-check/go.mod" "$here/compose-check/go.sum" "$here/compose-check/main.go" | sha256sum | cut -c1-16)"
bin="$cache/compose-check-$sum"
if [ ! -x "$bin" ]; then
  echo "validate-compose: building the compose-go checker (first run only, a minute or two)" >&2
  mkdir -p "$cache"
  (cd "$here/compose-check" && go build -o "$bin" .)
fi
echo "validate-compose: compose-go $(grep -o 'compose-go/v2 v[0-9.]*' "$here/compose-check/go.mod" | cut -d' ' -f2)" >&2
exec "$bin" "$file"
