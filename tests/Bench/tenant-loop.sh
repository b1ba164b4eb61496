#!/usr/bin/env bash
# The tenant developer loop of docs/sdk.md's walkthrough, timed: from `dotnet new skein-workflow` to a completed
# instance on a running host with the CLI, cold (a NuGet package folder without the Skein packages, the first build)
# and warm (the same loop again in the same folder). It runs tests/Cli.Tests' WalkthroughTests, which follows the
# walkthrough literally, with the warm repeat switched on, and prints the two figures (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
SKEIN_WALKTHROUGH_WARM=1 dotnet test tests/Cli.Tests --filter "FullyQualifiedName~WalkthroughTests" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "walkthrough-loop|Passed!|Failed!|error" || true
