#!/usr/bin/env bash
# Runs a sparksvm command on a YARN cluster in client deploy mode (the driver and its progress lines
# run here, the executors in YARN containers):
#
#   submit/yarn.sh [SPARK_SUBMIT_ARGS... --] COMMAND [OPTIONS]
#
# e.g. HADOOP_CONF_DIR=/etc/hadoop/conf submit/yarn.sh --num-executors 8 -- \
#        train --data hdfs:///data/cifar-10-batches-bin --out hdfs:///runs/train-1
# Needs HADOOP_CONF_DIR or YARN_CONF_DIR (the cluster's client configuration). The executors must be
# able to read the data and this machine must be reachable from them (the driver listens here).
# With SPARK_HOME set, its bin/spark-submit is used. Without it, SparkSubmit runs from the Maven jars
# plus Spark's YARN module (pom.xml's yarn profile), and the containers get the same jars through
# spark.yarn.jars unless SPARK_SUBMIT_ARGS set spark.yarn.jars or spark.yarn.archive (upload an
# archive of them to HDFS once: otherwise each application uploads them).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
if [[ $# -lt 1 ]]; then
  sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
if [[ -z "${HADOOP_CONF_DIR:-}${YARN_CONF_DIR:-}" ]]; then
  echo "yarn.sh: set HADOOP_CONF_DIR or YARN_CONF_DIR to the YARN cluster's client configuration" >&2
  exit 2
fi
SPARKSVM_SUBMIT_ARGS=(--deploy-mode client)
if [[ -z "${SPARK_HOME:-}" ]]; then
  SPARKSVM_PROFILE=yarn
  log="$(mktemp)"
  if ! sparksvm_build yarn 2> "$log"; then
    echo "yarn.sh: Spark's YARN module (org.apache.spark:spark-yarn_2.13, Spark's version) could not be" \
      "resolved from the Maven repositories (Maven's output: $log): set SPARK_HOME to a Spark" \
      "distribution instead" >&2
    exit 2
  fi
  rm -f "$log"
  if [[ " $* " != *spark.yarn.jars* && " $* " != *spark.yarn.archive* ]]; then
    SPARKSVM_SUBMIT_ARGS+=(--conf "spark.yarn.jars=$(tr ':' ',' < "$CLASSPATH_FILE")")
  fi
fi
sparksvm_submit yarn "$@"
