#!/usr/bin/env bash
# Starts the sandbox: the product running on this machine, with emulators and simulators.
# Builds what it needs first (set SANDBOX_SKIP_BUILD=1 to run the last build as it is).
# Ctrl-C stops everything. Configuration: see "Configuration reference" in README.md.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v java >/dev/null 2>&1; then
  echo "The sandbox needs Java 17 or newer (java on the PATH)." >&2
  exit 2
fi
if ! command -v node >/dev/null 2>&1; then
  echo "The sandbox needs Node.js 20 or newer (node on the PATH) for its DynamoDB emulator." >&2
  exit 2
fi
if [[ "${SANDBOX_SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building the sandbox (first run downloads dependencies; later runs take seconds)..." >&2
  ./mvnw -q -B -DskipTests -pl sandbox -am install
fi
exec java ${SANDBOX_JAVA_OPTS:-} -Dshopkhaos.repo.root="$PWD" -jar sandbox/target/quarkus-app/quarkus-run.jar "$@"
