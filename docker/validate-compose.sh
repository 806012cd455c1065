#!/usr/bin/env bash
# Validates docker/compose.yaml without a container engine: the first available of
# `docker compose config`, `podman compose config`, and otherwise podman-compose from PyPI
# (installed once into ${XDG_CACHE_HOME:-~/.cache}/netsec/podman-compose-venv). Prints the
# resolved file; exit code 0 when valid.
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
command -v python3 >/dev/null || { echo "validate-compose: needs docker compose, podman compose or python3" >&2; exit 1; }
venv="${XDG_CACHE_HOME:-$HOME/.cache}/netsec/podman-compose-venv"
if [ ! -x "$venv/bin/podman-compose" ]; then
  echo "validate-compose: installing podman-compose 1.6.0 (first run only)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q podman-compose==1.6.0
fi
echo "validate-compose: podman-compose $("$venv/bin/podman-compose" version 2>/dev/null | tail -n 1)" >&2
exec "$venv/bin/podman-compose" -f "$file" config
