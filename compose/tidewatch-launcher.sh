#!/bin/sh
# The image's `tidewatch` command: the shaded jar on the image's JRE, heap sized from the container's memory limit.
set -eu
if [ "${1:-}" = "streams" ] && [ -z "${TIDEWATCH_REST_ADVERTISED_HOST:-}" ]; then
  # A replica bound to 0.0.0.0 must tell the others a name they can reach it by: its container host name, which
  # the compose network resolves.
  TIDEWATCH_REST_ADVERTISED_HOST="$(hostname)"
  export TIDEWATCH_REST_ADVERTISED_HOST
fi
exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -jar /opt/tidewatch/tidewatch.jar "$@"
