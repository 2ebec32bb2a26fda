# Shared by the submit scripts: build when needed, then run dev.sparksvm.cli.Main through Spark's
# spark-submit ($SPARK_HOME/bin/spark-submit when SPARK_HOME is set, else Spark's own SparkSubmit class
# from the Maven-resolved jars, with the JVM flags spark-submit would add).
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/sparksvm.jar"
CLASSPATH_FILE="$ROOT/target/classpath.txt"
MAIN_CLASS="dev.sparksvm.cli.Main"

# Spark's org.apache.spark.launcher.JavaModuleOptions (also in pom.xml's spark.jvm.flags).
SPARK_JAVA_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

source "$(dirname "${BASH_SOURCE[0]}")/jvm.sh"

# One BLAS thread per task: Spark already runs one task per core.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

# Builds the jar and the runtime classpath when missing or older than the sources. With a Maven profile
# (yarn, kubernetes: Spark's cluster-manager module, see pom.xml), the classpath goes to
# target/classpath-PROFILE.txt and CLASSPATH_FILE names it.
# Tests are neither compiled nor run here (-Dmaven.test.skip): a test that starts a cluster may call this
# while its own JVM is loading classes from target/test-classes.
sparksvm_build() {
  local profile="${1:-}"
  if [[ -n "$profile" ]]; then CLASSPATH_FILE="$ROOT/target/classpath-$profile.txt"; fi
  if [[ ! -f "$JAR" || -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$JAR" -print -quit)" ]]; then
    echo "sparksvm: building $JAR ..." >&2
    (cd "$ROOT" && mvn -q -B -Dmaven.test.skip=true package) >&2
  fi
  if [[ ! -f "$CLASSPATH_FILE" || "$ROOT/pom.xml" -nt "$CLASSPATH_FILE" ]]; then
    # Written beside and renamed into place: a launcher started meanwhile (two tests, two
    # terminals) reads the old file or the new one, never a half-written one.
    local partial="$CLASSPATH_FILE.$$.tmp"
    (cd "$ROOT" && mvn -q -B ${profile:+-P"$profile"} dependency:build-classpath \
      -Dmdep.outputFile="$partial" -DincludeScope=compile) >&2 \
      && mv -f "$partial" "$CLASSPATH_FILE" || { rm -f "$partial"; return 1; }
  fi
}

# Spark's master URLs, as SparkContext and SparkSubmit take them (Main checks the same forms).
SPARKSVM_MASTER_FORMS='local, local[N], local[*], local[N,F], local-cluster[N,C,MB], spark://HOST:PORT[,HOST:PORT...], yarn, k8s://URL'
sparksvm_check_master() {
  local re='^(local|local\[([1-9][0-9]*|\*)(,[1-9][0-9]*)?\]|local-cluster\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*\]|spark://[^/[:space:],]+(,[^/[:space:],]+)*|yarn|k8s://[^[:space:]]+)$'
  if [[ ! "$1" =~ $re ]]; then
    echo "sparksvm: error: --master '$1' is not a Spark master URL (one of: $SPARKSVM_MASTER_FORMS)" >&2
    return 2
  fi
}

# The driver heap of a launcher-started JVM: -Xmx's syntax, and at least Spark's floor (450 MiB:
# 1.5 x the 300 MiB it reserves; below it SparkContext refuses to start).
sparksvm_check_driver_memory() {
  local v="$1" n unit mib
  if [[ ! "$v" =~ ^([1-9][0-9]*)([kKmMgGtT]?)$ ]]; then
    echo "sparksvm: error: SPARKSVM_DRIVER_MEMORY='$v' is not a heap size (e.g. 6g, 4096m); the smallest that works is 450m" >&2
    return 2
  fi
  n="${BASH_REMATCH[1]}"; unit="${BASH_REMATCH[2],,}"
  case "$unit" in
    "") mib=$(( n / 1048576 )) ;;
    k) mib=$(( n / 1024 )) ;;
    m) mib=$n ;;
    g) mib=$(( n * 1024 )) ;;
    t) mib=$(( n * 1048576 )) ;;
  esac
  if (( mib < 450 )); then
    echo "sparksvm: error: SPARKSVM_DRIVER_MEMORY=$v is too small: Spark needs a driver heap of at least 450m" >&2
    return 2
  fi
}

# True when a master URL names this machine's loopback address (local masters and the test cluster).
sparksvm_is_loopback_master() {
  [[ "$1" == local* || "$1" =~ ^spark://(127\.0\.0\.1|localhost)(:|$) ]]
}

# Authentication and RPC encryption, the same on every side: the Master and Workers of cluster-up.sh
# (in their 0600 properties file) and every application. AES-GCM is Spark 4's authenticated cipher;
# engine version 2 is its current key exchange; no fallback to SASL DIGEST-MD5, which Spark's
# security guide calls weak. Local disk encryption (spark.io.encryption.enabled) covers what Spark
# writes to the executors' local dirs (shuffle, spilled and on-disk blocks): a training step writes
# none, so it costs nothing per step; --conf spark.io.encryption.enabled=false turns it off.
SPARKSVM_CRYPTO_CONF=(spark.authenticate=true spark.network.crypto.enabled=true
  spark.network.crypto.cipher=AES/GCM/NoPadding spark.network.crypto.authEngineVersion=2
  spark.network.crypto.saslFallback=false spark.io.encryption.enabled=true)

# sparksvm_security_args MASTER NO_AUTH: fills SPARKSVM_SECURITY_ARGS with spark-submit's --conf
# arguments for MASTER. On a standalone master the driver reads the cluster's secret from the file
# SPARKSVM_SECRET_FILE names (default: the one cluster-up.sh wrote into work/cluster), in Java
# (dev.sparksvm.spark.ClusterSecurity): only its path is on the command line. YARN and Kubernetes make
# a secret per application themselves. The UI's view ACLs are on (they take effect behind a
# spark.ui.filters authentication filter, see README). NO_AUTH=1 (--no-auth): none of it, with a warning.
sparksvm_security_args() {
  local master="$1" no_auth="$2" kv
  SPARKSVM_SECURITY_ARGS=()
  [[ "$master" == local* ]] && return 0
  if [[ "$no_auth" == 1 ]]; then
    echo "sparksvm: warning: --no-auth: authentication and RPC encryption are off; whoever reaches" \
      "the cluster's ports can run code in it" >&2
    SPARKSVM_SECURITY_ARGS=(--conf spark.authenticate=false)
    return 0
  fi
  for kv in "${SPARKSVM_CRYPTO_CONF[@]}"; do SPARKSVM_SECURITY_ARGS+=(--conf "$kv"); done
  SPARKSVM_SECURITY_ARGS+=(--conf spark.acls.enable=true --conf "spark.ui.view.acls=${USER:-$(id -un)}")
  if [[ "$master" == spark://* ]]; then
    SPARKSVM_SECURITY_ARGS+=(--conf
      "spark.sparksvm.authenticate.secretFile=${SPARKSVM_SECRET_FILE:-$ROOT/work/cluster/secret}")
  fi
}

# sparksvm_submit DEFAULT_MASTER [EXTRA_SUBMIT_ARGS... --] COMMAND [OPTIONS]
# A --master URL among the command's options goes to spark-submit instead; --no-auth there (or
# SPARKSVM_NO_AUTH=1) turns authentication off (sparksvm_security_args). Set by the calling script:
# SPARKSVM_SUBMIT_ARGS (array) goes to spark-submit before EXTRA_SUBMIT_ARGS; SPARKSVM_PROFILE picks
# the classpath of a Maven profile; SPARKSVM_APP_RESOURCE replaces the local jar (e.g. local:///... in
# an image).
sparksvm_submit() {
  local master="$1"; shift
  local extra=("${SPARKSVM_SUBMIT_ARGS[@]}")
  if [[ " $* " == *" -- "* ]]; then
    while [[ $# -gt 0 && "$1" != "--" ]]; do extra+=("$1"); shift; done
    shift
  fi
  local args=() no_auth="${SPARKSVM_NO_AUTH:-0}"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --master) [[ $# -ge 2 ]] || { echo "sparksvm: error: --master needs a value" >&2; return 2; }
                master="$2"; shift 2 ;;
      --master=*) master="${1#--master=}"; shift ;;
      --no-auth) no_auth=1; shift ;;
      *) args+=("$1"); shift ;;
    esac
  done
  # Checked before anything is built or started: SparkSubmit answers a bad one with a stack trace.
  sparksvm_check_master "$master" || return 2
  # The BLAS choice (core/BlasChoice): an executor cannot refuse a bad one, so refuse it here.
  if [[ -n "${SPARKSVM_BLAS:-}" && ! "${SPARKSVM_BLAS,,}" =~ ^(java|native|auto)$ ]]; then
    echo "sparksvm: error: SPARKSVM_BLAS=$SPARKSVM_BLAS is not a BLAS choice (one of: java, native, auto)" >&2
    return 2
  fi
  sparksvm_jit_flags "${args[0]:-}" || return 2
  sparksvm_gc_flags "${args[0]:-}" "$master" || return 2
  sparksvm_check_cds || return 2
  if [[ -z "${SPARK_HOME:-}" ]]; then
    sparksvm_check_driver_memory "${SPARKSVM_DRIVER_MEMORY:-6g}" || return 2
    # A heap the launcher picked (submit/heap.sh) is said once it is known to be used.
    if [[ -n "${SPARKSVM_DRIVER_MEMORY_NOTE:-}" ]]; then echo "$SPARKSVM_DRIVER_MEMORY_NOTE" >&2; fi
  fi
  sparksvm_security_args "$master" "$no_auth"
  # Ours first: a --conf among the user's spark-submit arguments wins (spark.authenticate=false).
  extra=("${SPARKSVM_SECURITY_ARGS[@]}" "${extra[@]}")
  sparksvm_build "${SPARKSVM_PROFILE:-}"
  local app="${SPARKSVM_APP_RESOURCE:-$JAR}"
  # Charts are drawn without a display.
  local driver_opts="-Dlog4j2.configurationFile=file:$ROOT/conf/log4j2.properties -Dsparksvm.home=$ROOT -Djava.awt.headless=true ${SPARKSVM_JIT_FLAGS[*]} ${SPARKSVM_GC_FLAGS[*]}"
  # Local masters and the 127.0.0.1 test cluster: never bind outside loopback.
  if sparksvm_is_loopback_master "$master"; then export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"; fi
  if [[ -n "${SPARK_HOME:-}" ]]; then
    exec "$SPARK_HOME/bin/spark-submit" --master "$master" --class "$MAIN_CLASS" \
      --properties-file "$ROOT/conf/spark-defaults.conf" --driver-java-options "$driver_opts" \
      "${extra[@]}" "$app" "${args[@]}"
  fi
  # Without a Spark distribution the driver JVM is started here, so its heap is set here too. As
  # spark-class does, the Hadoop and YARN configuration folders go first on the classpath, where
  # Hadoop looks for core-site.xml and yarn-site.xml (without them a YARN client would retry
  # 0.0.0.0:8032 for ever).
  local conf_dirs=""
  [[ -n "${HADOOP_CONF_DIR:-}" ]] && conf_dirs="$HADOOP_CONF_DIR:"
  [[ -n "${YARN_CONF_DIR:-}" ]] && conf_dirs="$conf_dirs$YARN_CONF_DIR:"
  # shellcheck disable=SC2206
  local jvm=("${SPARK_JAVA_FLAGS[@]}" -Xmx"${SPARKSVM_DRIVER_MEMORY:-6g}" $driver_opts
    -cp "$conf_dirs$JAR:$(cat "$CLASSPATH_FILE")")
  sparksvm_cds_flags "${jvm[@]}" || return 2
  exec java "${SPARKSVM_CDS_FLAGS[@]}" "${jvm[@]}" org.apache.spark.deploy.SparkSubmit \
    --master "$master" --class "$MAIN_CLASS" --properties-file "$ROOT/conf/spark-defaults.conf" \
    "${extra[@]}" "$app" "${args[@]}"
}
