#!/usr/bin/env bash
# Runs a sparksvm command on this machine: submit/local.sh COMMAND [OPTIONS]
# Master: local[*] (local[2] for bench) unless --master URL is given. Builds the project when needed.
# Driver heap: SPARKSVM_DRIVER_MEMORY, else half of this machine's memory (submit/heap.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/heap.sh"
# Without SPARKSVM_DRIVER_MEMORY, a share of this machine's memory (the driver is the executor).
sparksvm_pick_driver_memory
default_master="local[*]"
[[ "${1:-}" == "bench" ]] && default_master="local[2]"
sparksvm_submit "$default_master" "$@"
