#!/usr/bin/env bash
# Runs a sparksvm command on a Spark standalone cluster (client deploy mode: the driver and its
# progress lines run here, the executors on the Workers):
#
#   submit/standalone.sh MASTER_URL [SPARK_SUBMIT_ARGS... --] COMMAND [OPTIONS]
#
# e.g. submit/standalone.sh spark://127.0.0.1:7077 train --partitions 2
#      submit/standalone.sh "$(cat work/cluster/master.url)" --conf spark.executor.memory=1g -- train
# submit/cluster-up.sh N starts such a cluster on this machine. The training data must be readable by
# every executor: the same local path on a one-machine cluster, else hdfs:// (or another shared file
# system). A master on 127.0.0.1 or localhost keeps the driver on 127.0.0.1 too.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
if [[ $# -lt 2 || "$1" != spark://* ]]; then
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
master="$1"; shift
sparksvm_submit "$master" "$@"
