#!/usr/bin/env bash
# Mutation testing of the contract-critical code with Stryker.NET, one scope at a time.
#
#   tests/mutation/run.sh <scope>... [extra dotnet-stryker options]
#   scopes: access restore storage plugins engine (or all), storage-core engine-core execution; e.g. `run.sh access restore -c 2`
#
# Stryker builds, mutates and tests a copy of the repository (tracked and new, not ignored, files) in
# $TMPDIR/skein-mutation-<hash of this checkout>, kept between runs so the next build is incremental. It never writes
# into the working tree, which can be built and tested while it runs; only the reports come back, to
# tests/mutation/StrykerOutput/<scopes>/ (ignored by git). See docs/testing.md, "Mutation testing".
set -euo pipefail
set -f # the globs are Stryker's, not the shell's

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# The character span (Stryker's `{start..end}`) of a file from the line holding $2 up to the line holding $3.
span() {
  awk -v from="$2" -v to="$3" '
    index($0, from) && start == "" { start = pos }
    index($0, to) && start != "" { print "{" start ".." pos "}"; exit }
    { pos += length($0) + 1 }' "$root/src/Host/$1"
}

# Globs relative to src/Host. Each scope is code a contract rests on.
declare -A globs=(
  [access]="Api/CallerAccess.cs Api/TenantBinding.cs Tenants/ApiKeys.cs Tenants/Caller.cs Tenants/TenantRegistry.cs$(span Tenants/TenantRegistry.cs "public Caller? Authenticate" "public TenantState? Find")"
  [restore]="Backup/TenantSwap.cs Backup/RestoreJournal.cs"
  [storage]="Storage/**/*.cs"
  [plugins]="Plugins/LoadedVersion.cs Plugins/LoadedVersions.cs Plugins/UnloadedContexts.cs Plugins/VersionRetirementService.cs Plugins/PluginWorkflowResolver.cs"
  [engine]="Engine/InstanceActor*.cs Engine/DurableStep.cs Engine/WorkflowExecution*.cs Engine/WorkflowEngine*.cs Engine/TenantRuntime*.cs"
  # Narrower scopes for a loaded machine: the log's write path and commit, the actor that runs an instance.
  # (CommitGate is left out: a test seam that production never installs; `storage` still mutates it.)
  [storage-core]="Storage/LogWriter.cs Storage/LogTransaction.cs Storage/SqliteDatabase.cs"
  [engine-core]="Engine/InstanceActor*.cs Engine/DurableStep.cs Engine/StepBody.cs"
  # The execution: one run of a workflow (replay, steps and their attempts, waits, the run's end).
  [execution]="Engine/WorkflowExecution*.cs"
)

scopes=()
while [ $# -gt 0 ] && [[ "$1" != -* ]]; do
  if [ "$1" = all ]; then
    scopes+=(access restore storage plugins engine)
  elif [ -n "${globs[$1]+x}" ]; then
    scopes+=("$1")
  else
    echo "unknown scope '$1'" >&2
    exit 2
  fi
  shift
done
if [ ${#scopes[@]} -eq 0 ]; then
  echo "usage: $0 <access|restore|storage|plugins|engine|all>... [dotnet-stryker options]" >&2
  exit 2
fi
list=""
for scope in "${scopes[@]}"; do
  list="$list ${globs[$scope]}"
done
name="$(IFS=-; echo "${scopes[*]}")"

# Every scope is tested by Host.Tests alone (stryker-config.json): Stryker 5.1.0 cannot analyse Host.FunctionalTests
# ("simulated build failed"), so plugin loading and unloading have unit tests of their own in tests/Host.Tests/Plugins.
args=()
for glob in $list; do
  args+=(--mutate "**/src/Host/$glob")
done

work="${TMPDIR:-/tmp}/skein-mutation-$(echo "$root" | sha1sum | cut -c1-8)"
mkdir -p "$work"
# Mirror the checkout: drop the copy's sources (not its bin/obj), then copy with timestamps so builds stay incremental.
find "$work" \( -name bin -o -name obj \) -prune -o -type f -print0 | xargs -0 rm -f
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents --preserve=timestamps -t "$work" 2>/dev/null || true)
mkdir -p "$here/StrykerOutput"

cd "$work/tests/mutation"
dotnet tool restore >/dev/null
# The machine may be shared: one test process at a time, at a lower priority. `-c 2` runs two.
nice -n 10 dotnet dotnet-stryker \
  --config-file stryker-config.json \
  --output "$here/StrykerOutput/$name" \
  --skip-version-check \
  "${args[@]}" "$@"
