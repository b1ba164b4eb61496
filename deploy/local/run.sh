#!/usr/bin/env bash
# Runs a Skein router and two host nodes as plain processes on loopback: each binds a free port (port 0) and the
# script reads the address it printed; data lives in a temporary folder, removed on exit (SKEIN_KEEP_DATA=1 keeps it).
# One admin key, generated and printed, is the router's key and both hosts' key. Ctrl-C stops all three.
#
#   deploy/local/run.sh                 # builds src/Host and src/Router first
#   SKEIN_HOST_DLL=… SKEIN_ROUTER_DLL=… deploy/local/run.sh   # runs those builds instead (the tests do)
#
# Prints, once everything is ready:  "router: http://127.0.0.1:PORT", "admin key: …", and one "node a|b: URL pid=PID".
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${SKEIN_HOST_DLL:-}" ] || [ -z "${SKEIN_ROUTER_DLL:-}" ]; then
  dotnet build src/Host -nologo -v q > /dev/null
  dotnet build src/Router -nologo -v q > /dev/null
  SKEIN_HOST_DLL=$(pwd)/src/Host/bin/Debug/net10.0/Skein.Host.dll
  SKEIN_ROUTER_DLL=$(pwd)/src/Router/bin/Debug/net10.0/Skein.Router.dll
fi

data=$(mktemp -d "${TMPDIR:-/tmp}/skein-local.XXXXXX")
key=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
pids=()

stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  if [ "${SKEIN_KEEP_DATA:-}" = "1" ]; then echo "data kept in $data"; else rm -rf "$data"; fi
  echo "stopped"
}
trap stop EXIT
trap 'exit 130' INT TERM

# start NAME LOG COMMAND…: starts a process in the background and waits until it prints the address it listens on.
start() {
  local name=$1 log=$2
  shift 2
  "$@" > "$log" 2>&1 &
  pids+=($!)
  local pid=$! deadline=$((SECONDS + 120))
  until grep -q "Now listening on: " "$log"; do
    if ! kill -0 "$pid" 2> /dev/null; then echo "$name exited before listening:"; tail -n 30 "$log"; exit 1; fi
    if [ $SECONDS -ge $deadline ]; then echo "$name did not listen within 120 s:"; tail -n 30 "$log"; exit 1; fi
    sleep 0.2
  done
  url=$(grep -o "Now listening on: [^ ]*" "$log" | head -n 1 | awk '{ print $NF }')
}

for node in a b; do
  mkdir -p "$data/$node"
  start "node $node" "$data/$node.log" dotnet "$SKEIN_HOST_DLL" --urls=http://127.0.0.1:0 \
    "--Skein:DataDir=$data/$node" "--Skein:AdminKey=$key"
  declare "url_$node=$url"
  echo "node $node: $url pid=${pids[-1]}"
done

start "router" "$data/router.log" dotnet "$SKEIN_ROUTER_DLL" --urls=http://127.0.0.1:0 \
  "--Router:DataDir=$data/router" "--Router:AdminKey=$key" \
  --Router:Nodes:0:Id=a "--Router:Nodes:0:Url=$url_a" --Router:Nodes:1:Id=b "--Router:Nodes:1:Url=$url_b" \
  ${SKEIN_ROUTER_ARGS:-}
# Ready once it has probed both nodes: before that it cannot place a tenant.
deadline=$((SECONDS + 120))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/readyz")" = "200" ]; do
  if [ $SECONDS -ge $deadline ]; then echo "the router was not ready within 120 s:"; tail -n 30 "$data/router.log"; exit 1; fi
  sleep 0.2
done
# And once its health checks see both nodes ready (a node listens before its recovery ends and /readyz says so).
until [ "$(curl -s -H "Authorization: Bearer $key" "$url/v1/nodes" | grep -o '"healthy":true' | wc -l)" = "2" ]; do
  if [ $SECONDS -ge $deadline ]; then echo "the router did not see both nodes healthy within 120 s:"; tail -n 30 "$data/router.log"; exit 1; fi
  sleep 0.2
done
echo "router: $url pid=${pids[-1]}"
echo "admin key: $key"
echo "data: $data (logs: router.log, a.log, b.log)"
echo "try: curl -s -X POST $url/v1/tenants -H \"Authorization: Bearer $key\" -H 'Content-Type: application/json' -d '{\"id\":\"acme\"}'"
echo "Ctrl-C stops all three."
# Until one of the three exits. Short waits in a loop, not one `wait -n`: a Ctrl-C that lands just before bash blocks
# in `wait -n` was seen to be held until a child exits (never, here); a pending trap runs when the next short wait ends.
while kill -0 "${pids[@]}" 2> /dev/null; do
  sleep 0.5 &
  wait $! || true
done
echo "a process exited; its last lines:"
tail -n 20 "$data"/*.log
exit 1
