# The driver heap submit/local.sh picks when SPARKSVM_DRIVER_MEMORY is not set: a share of this
# machine's physical memory (or of its container's limit, when lower), said in one line. On a local
# master the driver is the one executor: its heap is the storage memory that caches the data.
# shellcheck shell=bash

# The share of physical memory a local driver takes, in percent. Spark caches data in
# (heap - 300 MiB) x 0.6 of it; the rest of the machine is left to the OS, whose page cache holds
# the part of a large set that stays on local disk.
SPARKSVM_HEAP_PERCENT=50

# sparksvm_machine_memory_mib [MEMINFO [CGROUP_LIMIT]]: physical memory in MiB (MemTotal), lowered to
# the cgroup v2 memory limit when there is a lower one. Fails when MEMINFO has no MemTotal.
sparksvm_machine_memory_mib() {
  local meminfo="${1:-/proc/meminfo}" limit_file="${2:-/sys/fs/cgroup/memory.max}" kb mib limit
  kb="$(awk '/^MemTotal:/ {print $2}' "$meminfo" 2>/dev/null || true)"
  [[ "$kb" =~ ^[0-9]+$ ]] || return 1
  mib=$(( kb / 1024 ))
  if [[ -r "$limit_file" ]]; then
    limit="$(cat "$limit_file")"
    if [[ "$limit" =~ ^[0-9]+$ ]] && (( limit / 1048576 < mib )); then mib=$(( limit / 1048576 )); fi
  fi
  echo "$mib"
}

# sparksvm_pick_driver_memory [MEMINFO [CGROUP_LIMIT]]: unless SPARKSVM_DRIVER_MEMORY or SPARK_HOME
# is set, sets SPARKSVM_DRIVER_MEMORY to SPARKSVM_HEAP_PERCENT of the machine's memory (at least
# Spark's 450m floor) and SPARKSVM_DRIVER_MEMORY_NOTE to the line that says so.
sparksvm_pick_driver_memory() {
  [[ -z "${SPARKSVM_DRIVER_MEMORY:-}" && -z "${SPARK_HOME:-}" ]] || return 0
  local total heap
  if ! total="$(sparksvm_machine_memory_mib "$@")"; then
    SPARKSVM_DRIVER_MEMORY=6g
    SPARKSVM_DRIVER_MEMORY_NOTE="sparksvm: driver heap 6g (this machine's memory could not be read; SPARKSVM_DRIVER_MEMORY sets it)"
    return 0
  fi
  heap=$(( total * SPARKSVM_HEAP_PERCENT / 100 ))
  (( heap >= 450 )) || heap=450
  SPARKSVM_DRIVER_MEMORY="${heap}m"
  SPARKSVM_DRIVER_MEMORY_NOTE="sparksvm: driver heap ${heap}m, ${SPARKSVM_HEAP_PERCENT}% of this machine's ${total} MiB (SPARKSVM_DRIVER_MEMORY sets it)"
}
