#!/usr/bin/env bash
# Runs a sparksvm command on this machine: submit/local.sh COMMAND [OPTIONS]
# Master: local[*] (local[2] for bench) unless --master URL is given. Builds the project when needed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
default_master="local[*]"
[[ "${1:-}" == "bench" ]] && default_master="local[2]"
sparksvm_submit "$default_master" "$@"
