#!/usr/bin/env bash
# Starts a real Spark standalone cluster on 127.0.0.1 from the Maven-resolved jars alone (no Spark
# distribution): one Master and N Workers, each a plain `java` process.
#
#   submit/cluster-up.sh N [--dir DIR] [--port PORT] [--webui-port PORT]
#                          [--worker-cores C] [--worker-memory MEM]
#
#   N                 number of Workers (each runs one executor of an application)
#   --dir DIR         folder for PIDs, logs, the Workers' work dirs and the SPARK_HOME that executors
#                     need (default: work/cluster under the project root)
#   --port PORT       Master RPC port (default 7077; 0 picks a free one)
#   --webui-port PORT Master web UI port (default 8080; 0 picks a free one)
#   --worker-cores C  cores per Worker (default 1)
#   --worker-memory M memory per Worker for its executors (default 2g, conf/spark-defaults.conf's
#                     spark.executor.memory)
#   --no-auth         no authentication and no RPC encryption (a warning says so): whoever reaches
#                     the ports can run code as you
#   --no-rpc-encryption  authentication without RPC encryption (for clients that cannot encrypt, and
#                     to measure its cost); runs then need --conf spark.network.crypto.enabled=false
#
# Every process binds to 127.0.0.1 only (SPARK_LOCAL_IP, --host); the Master's REST submission server
# is off. Authentication is on: a new secret of 256 random bits goes to DIR/secret (mode 0600), and to
# the Master and Workers through DIR/daemon.conf (0600, --properties-file): never on a command line.
# Applications use it through SPARKSVM_SECRET_FILE=DIR/secret (submit/standalone.sh; the default is
# work/cluster/secret). RPC is encrypted with AES-GCM (common.sh's SPARKSVM_CRYPTO_CONF). Waits until all Workers have registered, then prints the master URL and web UI and writes them
# to DIR/master.url and DIR/webui.url. submit/cluster-down.sh [--dir DIR] stops exactly these processes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() { sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 1 && "$1" =~ ^[0-9]+$ && "$1" -ge 1 ]] || usage
workers="$1"; shift
dir="$ROOT/work/cluster"; port=7077; ui_port=8080; cores=1; memory=2g; auth=1; rpc_crypto=1
while [[ $# -gt 0 ]]; do
  if [[ "$1" == --no-auth ]]; then auth=0; shift; continue; fi
  if [[ "$1" == --no-rpc-encryption ]]; then rpc_crypto=0; shift; continue; fi
  [[ $# -ge 2 ]] || usage
  case "$1" in
    --dir) dir="$2" ;;
    --port) port="$2" ;;
    --webui-port) ui_port="$2" ;;
    --worker-cores) cores="$2" ;;
    --worker-memory) memory="$2" ;;
    *) usage ;;
  esac
  shift 2
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

for pid_file in "$dir"/*.pid; do
  [[ -f "$pid_file" ]] || continue
  if kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    echo "cluster-up: a cluster started from $dir is still running ($(basename "$pid_file") $(cat "$pid_file")):" \
      "stop it with submit/cluster-down.sh --dir $dir" >&2
    exit 1
  fi
  rm -f "$pid_file"
done

# The daemons' settings. The secret is written with umask 077 before any byte of it exists, so no
# other user can read it at any moment; a new one per cluster, so an old one opens nothing.
daemon_conf="$dir/daemon.conf"
rm -f "$dir/secret" "$daemon_conf"
(
  umask 077
  echo "spark.master.rest.enabled false" > "$daemon_conf"
  if (( auth )); then
    od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$dir/secret"
    echo >> "$dir/secret"
    for kv in "${SPARKSVM_CRYPTO_CONF[@]}"; do echo "${kv%%=*} ${kv#*=}" >> "$daemon_conf"; done
    # The last value of a key in a properties file wins.
    (( rpc_crypto )) || echo "spark.network.crypto.enabled false" >> "$daemon_conf"
    echo "spark.authenticate.secret $(cat "$dir/secret")" >> "$daemon_conf"
  fi
)
if (( ! auth )); then
  echo "cluster-up: warning: --no-auth: the Master and Workers take applications without" \
    "authentication or encryption; whoever reaches their ports can run code as $(id -un)" >&2
fi

sparksvm_build
# Executors are started by the Workers from $SPARK_HOME/jars; a folder of links to the Maven jars is
# enough (with SPARK_SCALA_VERSION, Spark's launcher does not look for a build tree).
rm -rf "$dir/spark-home"
mkdir -p "$dir/spark-home/jars"
IFS=":" read -r -a jars < "$CLASSPATH_FILE" || true  # no newline at the end
for jar in "${jars[@]}"; do ln -s "$jar" "$dir/spark-home/jars/"; done

export SPARK_LOCAL_IP=127.0.0.1
export SPARK_HOME="$dir/spark-home"
export SPARK_SCALA_VERSION=2.13
cp="$(cat "$CLASSPATH_FILE")"
daemon_java=(java "${SPARK_JAVA_FLAGS[@]}" -Xmx"${SPARK_DAEMON_MEMORY:-512m}" -cp "$cp")

started=()
stop_started() {
  echo "cluster-up: stopping what was started" >&2
  "$ROOT/submit/cluster-down.sh" --dir "$dir" >&2 || true
}

# start NAME CLASS ARGS...: one daemon in the background, detached from this shell, output to NAME.log.
start() {
  local name="$1"; shift
  nohup "${daemon_java[@]}" "$@" > "$dir/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/$name.pid"
  started+=("$name")
}

# wait_for_log NAME PATTERN SECONDS: until NAME.log matches; fails when the process dies or time is up.
wait_for_log() {
  local name="$1" pattern="$2" deadline=$((SECONDS + $3))
  until grep -q -E "$pattern" "$dir/$name.log" 2>/dev/null; do
    if ! kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null; then
      echo "cluster-up: $name exited; the end of $dir/$name.log:" >&2
      tail -n 20 "$dir/$name.log" >&2
      stop_started; exit 1
    fi
    if (( SECONDS >= deadline )); then
      echo "cluster-up: $name did not log '$pattern' within $3 s; see $dir/$name.log" >&2
      stop_started; exit 1
    fi
    sleep 0.3
  done
}

start master org.apache.spark.deploy.master.Master --properties-file "$daemon_conf" \
  --host 127.0.0.1 --port "$port" --webui-port "$ui_port"
wait_for_log master "Starting Spark master at spark://" 60
master_url="$(grep -o -E "Starting Spark master at spark://[^ ]+" "$dir/master.log" | head -n 1 | sed 's/.* at //')"
wait_for_log master "Successfully started service 'MasterUI' on port [0-9]+" 60
ui_url="http://127.0.0.1:$(grep -o -E "service 'MasterUI' on port [0-9]+" "$dir/master.log" | head -n 1 | grep -o -E '[0-9]+$')"

for i in $(seq 1 "$workers"); do
  mkdir -p "$dir/worker-$i"
  start "worker-$i" org.apache.spark.deploy.worker.Worker "$master_url" --host 127.0.0.1 \
    --cores "$cores" --memory "$memory" --webui-port 0 --work-dir "$dir/worker-$i" \
    --properties-file "$daemon_conf"
done
for i in $(seq 1 "$workers"); do
  wait_for_log "worker-$i" "Successfully registered with master" 120
done

echo "$master_url" > "$dir/master.url"
echo "$ui_url" > "$dir/webui.url"
echo "cluster-up: $workers worker(s) with $cores core(s) and $memory each registered"
echo "master:  $master_url"
echo "web UI:  $ui_url"
echo "logs:    $dir (master.log, worker-N.log; executors: worker-N/app-*/*/stderr)"
if (( auth )); then
  if (( rpc_crypto )); then
    echo "secret:  $dir/secret (authentication and AES-GCM RPC encryption on)"
  else
    echo "secret:  $dir/secret (authentication on, RPC encryption off:" \
      "runs need --conf spark.network.crypto.enabled=false)"
  fi
  echo "submit:  SPARKSVM_SECRET_FILE=$dir/secret submit/standalone.sh $master_url COMMAND [OPTIONS]"
else
  echo "submit:  submit/standalone.sh $master_url COMMAND [OPTIONS] --no-auth"
fi
echo "stop:    submit/cluster-down.sh --dir $dir"
