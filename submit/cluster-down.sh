#!/usr/bin/env bash
# Stops the standalone cluster that submit/cluster-up.sh started:
#
#   submit/cluster-down.sh [--dir DIR]     (DIR as given to cluster-up.sh; default work/cluster)
#
# Stops exactly the processes whose PIDs cluster-up.sh recorded in DIR/*.pid (Workers first, then the
# Master), after checking that each PID still runs the Spark daemon it was (not a reused PID): SIGTERM,
# then SIGKILL after 20 s. Executors are children of their Worker, which stops them on SIGTERM; any
# child still alive afterwards is stopped by its PID too. Logs stay in DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$ROOT/work/cluster"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) [[ $# -ge 2 ]] || { echo "cluster-down: --dir needs a value" >&2; exit 2; }; dir="$2"; shift 2 ;;
    *) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

# children PID: the PIDs whose parent is PID, read from /proc/*/stat (no process-name matching).
children() {
  local parent="$1" stat line fields
  for stat in /proc/[0-9]*/stat; do
    line="$(cat "$stat" 2>/dev/null)" || continue
    # "PID (COMMAND) STATE PPID ...": COMMAND may hold spaces, so cut after its last ") ".
    read -r -a fields <<< "${line##*) }"
    if [[ "${fields[1]:-}" == "$parent" ]]; then
      stat="${stat#/proc/}"; echo "${stat%/stat}"
    fi
  done
}

# stop NAME CLASS: stops the process of DIR/NAME.pid if it still runs CLASS.
stop() {
  local name="$1" class="$2" pid_file="$dir/$1.pid"
  [[ -f "$pid_file" ]] || return 0
  local pid; pid="$(cat "$pid_file")"
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "cluster-down: $name (PID $pid) was not running"
    rm -f "$pid_file"; return 0
  fi
  if ! tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -F "$class"; then
    echo "cluster-down: PID $pid no longer runs $class; left alone" >&2
    rm -f "$pid_file"; return 0
  fi
  local kids; kids="$(children "$pid")"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "cluster-down: $name (PID $pid) ignored SIGTERM for 20 s: SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  for kid in $kids; do
    if kill -0 "$kid" 2>/dev/null; then
      echo "cluster-down: stopping $name's child PID $kid" >&2
      kill -TERM "$kid" 2>/dev/null || true
      sleep 2
      kill -KILL "$kid" 2>/dev/null || true
    fi
  done
  rm -f "$pid_file"
  echo "cluster-down: stopped $name (PID $pid)"
}

shopt -s nullglob
found=0
for pid_file in "$dir"/worker-*.pid; do
  found=1
  name="$(basename "$pid_file" .pid)"
  stop "$name" org.apache.spark.deploy.worker.Worker
done
if [[ -f "$dir/master.pid" ]]; then
  found=1
  stop master org.apache.spark.deploy.master.Master
fi
rm -f "$dir/master.url" "$dir/webui.url"
(( found )) || echo "cluster-down: no cluster recorded in $dir"
