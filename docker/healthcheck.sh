#!/bin/bash
# The image's HEALTHCHECK: healthy when the API answers 200 on /q/health/ready (a verified model is
# served). Plain bash (/dev/tcp), so it needs neither curl nor wget in the runtime image.
port="${QUARKUS_HTTP_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /q/health/ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
case "$status" in
  "HTTP/1.1 200"*) exit 0 ;;
  *) exit 1 ;;
esac
