#!/usr/bin/env bash
# Mutation testing of the contract-critical code with Stryker.NET, one scope at a time.
#
#   tests/mutation/run.sh <access|restore|storage|plugins|engine|all> [extra dotnet-stryker options]
#
# Stryker builds, mutates and tests a copy of the repository (tracked and new, not ignored, files) in a temporary
# folder, so it never writes into the working tree and the tree can be built and tested while it runs; only the
# reports come back, to tests/mutation/StrykerOutput/<scope>/ (ignored by git). See docs/testing.md, "Mutation testing".
set -euo pipefail
set -f # the globs are Stryker's, not the shell's

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scope="${1:-}"
[ $# -gt 0 ] && shift

# Globs relative to src/Host; `{a..b}` limits a file to those lines. Each scope is code a contract rests on.
declare -A globs=(
  [access]="Api/CallerAccess.cs Api/TenantBinding.cs Tenants/ApiKeys.cs Tenants/Caller.cs Tenants/TenantRegistry.cs{18..55}"
  [restore]="Backup/TenantSwap.cs Backup/RestoreJournal.cs"
  [storage]="Storage/**/*.cs"
  [plugins]="Plugins/LoadedVersion.cs Plugins/LoadedVersions.cs Plugins/UnloadedContexts.cs Plugins/VersionRetirementService.cs Plugins/PluginWorkflowResolver.cs"
  [engine]="Engine/InstanceActor*.cs Engine/DurableStep.cs Engine/WorkflowEngine*.cs Engine/TenantRuntime*.cs"
)

if [ "$scope" = all ]; then
  list="${globs[access]} ${globs[restore]} ${globs[storage]} ${globs[plugins]} ${globs[engine]}"
elif [ -n "$scope" ] && [ -n "${globs[$scope]+x}" ]; then
  list="${globs[$scope]}"
else
  echo "usage: $0 <access|restore|storage|plugins|engine|all> [dotnet-stryker options]" >&2
  exit 2
fi

args=()
for glob in $list; do
  args+=(--mutate "**/src/Host/$glob")
done

work="$(mktemp -d "${TMPDIR:-/tmp}/skein-mutation.XXXXXX")"
trap 'rm -rf "$work"' EXIT
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work" 2>/dev/null || true)
mkdir -p "$here/StrykerOutput"

cd "$work/tests/mutation"
dotnet tool restore >/dev/null
# The machine may be shared: one test process at a time, at a lower priority. `-c 2` runs two.
nice -n 10 dotnet dotnet-stryker \
  --config-file stryker-config.json \
  --output "$here/StrykerOutput/$scope" \
  --skip-version-check \
  "${args[@]}" "$@"
