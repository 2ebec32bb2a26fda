#!/usr/bin/env bash
# Runs a sparksvm command on Kubernetes in cluster deploy mode (the driver and the executors run in
# pods; follow the driver with kubectl logs -f):
#
#   submit/k8s.sh [SPARK_SUBMIT_ARGS... --] COMMAND [OPTIONS]
#
# e.g. SPARKSVM_K8S_MASTER=k8s://https://10.0.0.1:6443 SPARKSVM_K8S_IMAGE=registry/sparksvm:0.1 \
#        submit/k8s.sh --conf spark.executor.instances=8 -- \
#        train --data hdfs://namenode:8020/cifar-10-batches-bin --out hdfs://namenode:8020/runs/t1
# Environment:
#   SPARKSVM_K8S_MASTER    the API server as k8s://https://HOST:PORT (required)
#   SPARKSVM_K8S_IMAGE     an image with Spark 4.1.0 (Scala 2.13, Java 17) and target/sparksvm.jar,
#                          e.g. built FROM a Spark 4.1.0 image with
#                          COPY target/sparksvm.jar /opt/sparksvm/sparksvm.jar (required)
#   SPARKSVM_K8S_JAR       the jar's path in the image (default /opt/sparksvm/sparksvm.jar)
#   SPARKSVM_K8S_NAMESPACE namespace (default: default)
#   SPARKSVM_K8S_SERVICE_ACCOUNT  service account of the driver (default: spark)
# Data and --out must be on storage the pods reach (hdfs://, or s3a:// with its connector in the
# image). With SPARK_HOME set, its bin/spark-submit is used; without it, SparkSubmit runs from the
# Maven jars plus Spark's Kubernetes module (pom.xml's kubernetes profile).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
if [[ $# -lt 1 ]]; then
  sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
: "${SPARKSVM_K8S_MASTER:?k8s.sh: set SPARKSVM_K8S_MASTER to k8s://https://HOST:PORT}"
: "${SPARKSVM_K8S_IMAGE:?k8s.sh: set SPARKSVM_K8S_IMAGE to an image with Spark 4.1.0 and sparksvm.jar}"
if [[ "$SPARKSVM_K8S_MASTER" != k8s://* ]]; then
  echo "k8s.sh: SPARKSVM_K8S_MASTER must look like k8s://https://HOST:PORT" >&2
  exit 2
fi
SPARKSVM_SUBMIT_ARGS=(--deploy-mode cluster --name sparksvm
  --conf "spark.kubernetes.container.image=$SPARKSVM_K8S_IMAGE"
  --conf "spark.kubernetes.namespace=${SPARKSVM_K8S_NAMESPACE:-default}"
  --conf "spark.kubernetes.authenticate.driver.serviceAccountName=${SPARKSVM_K8S_SERVICE_ACCOUNT:-spark}")
SPARKSVM_APP_RESOURCE="local://${SPARKSVM_K8S_JAR:-/opt/sparksvm/sparksvm.jar}"
[[ -n "${SPARK_HOME:-}" ]] || SPARKSVM_PROFILE=kubernetes
sparksvm_submit "$SPARKSVM_K8S_MASTER" "$@"
