#!/usr/bin/env bash
# Runs a sparksvm command on a YARN cluster:
#
#   submit/yarn.sh [SPARK_SUBMIT_ARGS... --] COMMAND [OPTIONS]
#
# e.g. HADOOP_CONF_DIR=/etc/hadoop/conf submit/yarn.sh --queue research --num-executors 8 \
#        --executor-cores 2 --executor-memory 4g -- \
#        train --data hdfs:///data/cifar-10-batches-bin --out hdfs:///runs/train-1
#
# Deploy mode: client, unless SPARK_SUBMIT_ARGS hold --deploy-mode cluster.
#   client   The driver (and its progress lines) runs here, the executors in YARN containers; they
#            must be able to connect to this machine (the driver listens here).
#   cluster  The driver runs in the ApplicationMaster's container as well. This script waits for the
#            application and exits non-zero when it fails; the progress lines are in that container's
#            stdout (yarn logs -applicationId ID). conf/log4j2.properties is shipped with it; the
#            driver has no project folder there, so give --data, and an --out every node can reach
#            (hdfs://...: a relative --out lands in your home directory of fs.defaultFS, a file: one
#            on whichever node ran the driver). Its memory is --driver-memory (default 1g).
# A real cluster needs:
#   HADOOP_CONF_DIR (or YARN_CONF_DIR)  the cluster's client configuration (yarn-site.xml,
#                                       core-site.xml, hdfs-site.xml); required
#   --queue QUEUE                       the YARN queue (default: default)
#   --num-executors N --executor-cores C --executor-memory M
#                                       executors (default 2 of 1 core; memory 2g from
#                                       conf/spark-defaults.conf: the cached images take 3 KB each)
#   --data hdfs://...                   data on HDFS (or another file system every executor reads)
# With SPARK_HOME set, its bin/spark-submit is used (and the spark.yarn.jars or spark.yarn.archive
# that distribution configures). Without it, SparkSubmit runs from the Maven jars plus Spark's YARN
# module (pom.xml's yarn profile, target/classpath-yarn.txt) and the containers use the same jars as
# local: URIs in spark.yarn.jars: nothing is uploaded but the application jar, and every node must
# have those jars at the same paths (true on this machine, or with a shared Maven repository).
# Elsewhere upload them once and pass their archive instead:
#   tr ':' '\n' < target/classpath-yarn.txt | zip -q -j -@ spark-jars.zip
#   hdfs dfs -put spark-jars.zip /apps/ && submit/yarn.sh \
#     --conf spark.yarn.archive=hdfs:///apps/spark-jars.zip -- train ...
# Tested on an in-process MiniYARNCluster in both deploy modes: YarnClusterTest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
if [[ $# -lt 1 ]]; then
  sed -n '2,36p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
if [[ -z "${HADOOP_CONF_DIR:-}${YARN_CONF_DIR:-}" ]]; then
  echo "yarn.sh: set HADOOP_CONF_DIR or YARN_CONF_DIR to the YARN cluster's client configuration" >&2
  exit 2
fi

# The deploy mode from the spark-submit arguments, and whether the command has --data.
deploy_mode=client
has_data=false
in_submit_args=false
[[ " $* " == *" -- "* ]] && in_submit_args=true
previous=""
for arg in "$@"; do
  if $in_submit_args; then
    case "$arg" in
      --) in_submit_args=false ;;
      --deploy-mode=*) deploy_mode="${arg#--deploy-mode=}" ;;
      *) [[ "$previous" == "--deploy-mode" ]] && deploy_mode="$arg" ;;
    esac
  elif [[ "$arg" == "--data" || "$arg" == --data=* ]]; then
    has_data=true
  fi
  previous="$arg"
done
if [[ "$deploy_mode" != client && "$deploy_mode" != cluster ]]; then
  echo "yarn.sh: --deploy-mode must be client or cluster, not '$deploy_mode'" >&2
  exit 2
fi

SPARKSVM_SUBMIT_ARGS=(--deploy-mode "$deploy_mode")
if [[ "$deploy_mode" == cluster ]]; then
  # The driver's JVM starts in its container: our logging configuration goes along (into the
  # container's working directory, which is on its classpath) and replaces the local file's path.
  # A --driver-java-options among SPARK_SUBMIT_ARGS still wins.
  SPARKSVM_SUBMIT_ARGS+=(--conf "spark.yarn.dist.files=file:$ROOT/conf/log4j2.properties"
    --driver-java-options "-Dlog4j2.configurationFile=log4j2.properties -Djava.awt.headless=true")
  if ! $has_data; then
    echo "yarn.sh: warning: cluster mode without --data: the driver runs in a YARN container, which" \
      "has no data/cifar-10-batches-bin; pass --data hdfs://..." >&2
  fi
fi

if [[ -z "${SPARK_HOME:-}" ]]; then
  log="$(mktemp)"
  if ! sparksvm_build yarn 2> "$log"; then
    echo "yarn.sh: Spark's YARN module (org.apache.spark:spark-yarn_2.13, Spark's version) could not be" \
      "resolved from the Maven repositories (Maven's output: $log): set SPARK_HOME to a Spark" \
      "distribution instead" >&2
    exit 2
  fi
  rm -f "$log"
  # sparksvm_build set CLASSPATH_FILE to target/classpath-yarn.txt.
  if [[ " $* " != *spark.yarn.jars* && " $* " != *spark.yarn.archive* ]]; then
    SPARKSVM_SUBMIT_ARGS+=(--conf "spark.yarn.jars=local:$(sed 's/:/,local:/g' "$CLASSPATH_FILE")")
  fi
fi
sparksvm_submit yarn "$@"
