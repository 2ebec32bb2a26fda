#!/usr/bin/env bash
# Starts Spark's History Server on an event log directory (what --event-log DIR wrote), from the
# Maven-resolved jars alone (no Spark distribution), bound to 127.0.0.1:
#
#   submit/history-server.sh DIR [--port PORT]
#
#   DIR          the event log directory: a local path, file:/..., or hdfs://... (HADOOP_CONF_DIR)
#   --port PORT  web UI port (default 18080; 0 picks a free one, named in the log line
#                "Bound HistoryServer to 127.0.0.1, and started at http://...")
#
# Runs in the foreground until stopped (Ctrl-C). It rescans DIR every 10 s, so runs that finish
# later appear too.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 1 && "$1" != -* ]] || usage
dir="$1"; shift
port=18080
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) [[ $# -ge 2 ]] || usage; port="$2"; shift 2 ;;
    *) usage ;;
  esac
done
# A plain path is local: make it absolute, as the History Server resolves it against its own cwd.
if [[ "$dir" != *://* && "$dir" != file:* ]]; then
  [[ -d "$dir" ]] || { echo "history-server: $dir: no such directory" >&2; exit 2; }
  dir="file:$(cd "$dir" && pwd)"
fi

sparksvm_build
export SPARK_LOCAL_IP=127.0.0.1
[[ "$port" == 0 ]] || echo "history-server: http://127.0.0.1:$port (event logs in $dir)" >&2
exec java "${SPARK_JAVA_FLAGS[@]}" -Xmx"${SPARK_DAEMON_MEMORY:-1g}" \
  -cp "${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}$(cat "$CLASSPATH_FILE")" \
  -Dspark.history.fs.logDirectory="$dir" -Dspark.history.ui.port="$port" \
  org.apache.spark.deploy.history.HistoryServer
