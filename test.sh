#!/usr/bin/env bash
# Runs every test project in Release and ends with one summary line "N passed, N failed, N skipped".
# Extra arguments go to `dotnet test` (e.g. --filter Kld, or --no-build after a Release build).
set -uo pipefail
cd "$(dirname "$0")"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Motiflens.slnx -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Sum the per-assembly result lines: "Passed!  - Failed:     0, Passed:    54, Skipped:     0, Total: ..."
awk -F'[:,]' '/(Passed|Failed)!  - Failed:/ { f += $2; p += $4; s += $6 }
              END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
