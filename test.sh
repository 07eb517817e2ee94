#!/usr/bin/env bash
# Runs every test project in Release. Extra arguments go to `dotnet test` (e.g. --filter Kld).
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet test Motiflens.slnx -c Release "$@"
