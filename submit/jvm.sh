# How the launcher starts the driver JVM of a local run: the JIT compilers it runs and a class-data
# archive of the classes it loads. Both only shorten what a user waits for; neither changes a bit of
# W (Java's floating point is the same in every compiler).
# shellcheck shell=bash

# sparksvm_jit_flags COMMAND [CORES]: fills SPARKSVM_JIT_FLAGS (an array) for the driver JVM from
# SPARKSVM_JIT (auto, c1 or full; default auto). CORES: this machine's (nproc) unless given. Fails
# with one line when SPARKSVM_JIT is not one.
#
# Why: with OpenBLAS doing the arithmetic, HotSpot's second compiler (C2) pays little in a step but
# costs a lot to run: in a default train on this project's 2-core machines it compiled 1,440
# methods in 28 s of CPU (-XX:+CITime), on the two cores the tasks need, and the run's start and its
# first hundred steps waited for it. c1 stops at the first compiler (-XX:TieredStopAtLevel=1), and
# compiles a method after a fiftieth of the usual calls (-XX:CompileThresholdScaling=0.02): a step
# calls each of Spark's scheduler methods only a few times, so at the usual thresholds they ran
# interpreted for ~100 steps (train --batch 256: first 100 steps 21-35 ms against 9 ms later; with
# the scaling 10-13 ms, and C1 compiling more methods is cheap: no run's start got longer).
# auto picks c1 when the GEMMs will run on the bundled OpenBLAS (SPARKSVM_BLAS not java, on Linux
# x86_64) and the command runs only sparksvm's own arithmetic. Not for bench, ml-bench and scale:
# they also time the Java BLAS, MLlib and spark.ml, whose Java loops (netlib's VectorBLAS and its
# Vector API above all, ~100x slower without C2) want both compilers.
# On two cores or fewer c1 also runs one compiler thread, not the JVM's two (-XX:CICompilerCount=1):
# the second one took a core from Spark's start and the load, where every thread wants one; a default
# train's command to exit went from 4.41-4.69 s to 4.10-4.25 (three interleaved runs each).
sparksvm_jit_flags() {
  local command="${1:-}" cores="${2:-$(sparksvm_cores)}" jit="${SPARKSVM_JIT:-auto}"
  SPARKSVM_JIT_FLAGS=()
  case "${jit,,}" in
    full) return 0 ;;
    c1) ;;
    auto)
      [[ "${SPARKSVM_BLAS:-auto}" != [jJ][aA][vV][aA] && "$(uname -sm)" == "Linux x86_64" \
        && " train tune evaluate export search sweep landscape gradcheck " == *" $command "* ]] \
        || return 0 ;;
    *)
      echo "sparksvm: error: SPARKSVM_JIT=$jit is not a JIT choice (one of: auto, c1, full)" >&2
      return 2 ;;
  esac
  SPARKSVM_JIT_FLAGS=(-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.02)
  if sparksvm_few_cores "$cores"; then SPARKSVM_JIT_FLAGS+=(-XX:CICompilerCount=1); fi
  return 0
}

# sparksvm_gc_flags COMMAND MASTER [CORES]: fills SPARKSVM_GC_FLAGS (an array) with the driver JVM's
# garbage collector from SPARKSVM_GC (auto, serial or g1; default auto). Fails with one line when
# SPARKSVM_GC is not one.
#
# Why: on a local master the driver is the executor, and on two cores G1 (the JVM's choice on a
# machine of 2 GB or more) cost a training run more than it saved: it runs threads of its own beside
# the tasks, and grows its young generation into fresh memory, which is slow to touch on these
# machines (with the serial collector, steps 1-80 of a run to 0.38 took 0.75-0.76 s with a 256 MB
# young generation and 1.02-1.20 s with 1 GB). With the serial collector (three interleaved runs
# each) those 80 steps took 0.73-0.79 s against G1's 0.87-0.88, and batch 256's first hundred steps
# 1.32-1.41x its steps 300-800 against 1.41-1.61x. W's bits do not depend on the collector. auto
# picks it for train on a local master with at most two cores, unless JAVA_TOOL_OPTIONS or
# JDK_JAVA_OPTIONS already picks a collector. tune's 16 models allocate 16 models'
# results a step: the serial collector's small young generation collected 3.4 times as often as
# G1's and its steps took 8% longer, so tune, like every other command, keeps the JVM's choice.
sparksvm_gc_flags() {
  local command="${1:-}" master="${2:-}" cores="${3:-$(sparksvm_cores)}" gc="${SPARKSVM_GC:-auto}"
  SPARKSVM_GC_FLAGS=()
  case "${gc,,}" in
    serial) SPARKSVM_GC_FLAGS=(-XX:+UseSerialGC) ;;
    g1) SPARKSVM_GC_FLAGS=(-XX:+UseG1GC) ;;
    auto)
      # A collector the user chose for every JVM (the JVM reads both variables) is theirs: a second
      # one on the command line would stop the JVM ("Multiple garbage collectors selected").
      [[ " ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} " =~ [[:space:]]-XX:\+Use[A-Za-z0-9]*GC[[:space:]] ]] \
        && return 0
      if [[ "$command" == train && "$master" == local* ]] && sparksvm_few_cores "$cores"; then
        SPARKSVM_GC_FLAGS=(-XX:+UseSerialGC)
      fi ;;
    *)
      echo "sparksvm: error: SPARKSVM_GC=$gc is not a garbage collector choice (one of: auto, serial, g1)" >&2
      return 2 ;;
  esac
  return 0
}

# This machine's cores as the JVM will count them (nproc honours CPU affinity), or 0 when unknown.
sparksvm_cores() {
  nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 0
}

# True for a known count of two cores or fewer: where the launcher's choices above were measured to
# pay (the JIT's one compiler thread, the serial collector).
sparksvm_few_cores() {
  (( ${1:-0} > 0 && ${1:-0} <= 2 ))
}

# sparksvm_cds_flags JVM_ARGS...: fills SPARKSVM_CDS_FLAGS (an array) with the JVM flags that use
# a dynamic class-data archive (AppCDS) of the classes a local run loads, writing that archive first
# when this jar and classpath have none: the JVM then maps Spark's ~10,000 classes from one file
# instead of finding, reading and verifying each in ~200 jars (a default train's start fell from
# 6-10 s to 2.5-4.3 s here). JVM_ARGS (the driver's flags and classpath) start the short synthetic
# train that writes it: it loads the classes a real one does. SPARKSVM_CDS=off turns it off. The archive is
# named by the JVM, the jar and the classpath: a rebuilt jar gets a new one, and the JVM itself
# refuses an archive whose jars changed (it then starts without, as it would with none).
sparksvm_cds_flags() {
  SPARKSVM_CDS_FLAGS=()
  sparksvm_check_cds || return 2
  [[ "${SPARKSVM_CDS:-auto}" == auto ]] || return 0
  local dir="${SPARKSVM_CDS_DIR:-$ROOT/target/cds}" key archive partial out
  key="$( { readlink -f "$(command -v java)"; stat -c '%s %Y' "$JAR"; cat "$CLASSPATH_FILE"; } \
    | sha256sum | cut -c1-16)"
  archive="$dir/sparksvm-$key.jsa"
  if [[ ! -s "$archive" ]]; then
    mkdir -p "$dir" || return 0
    partial="$archive.$$.tmp"
    out="$(mktemp -d)"
    echo "sparksvm: writing a class-data archive of Spark's classes for a faster start (once per" \
      "build, ~20 s): $archive" >&2
    # A short synthetic train loads the classes a real one does; its output is thrown away.
    if java -XX:ArchiveClassesAtExit="$partial" "$@" org.apache.spark.deploy.SparkSubmit \
        --master 'local[2]' --class "$MAIN_CLASS" --properties-file "$ROOT/conf/spark-defaults.conf" \
        "$JAR" train --iters 20 --out "$out/run" >/dev/null 2>&1 && [[ -s "$partial" ]]; then
      # Renamed into place: a launcher started meanwhile uses a whole archive or none.
      rm -f "$dir"/sparksvm-*.jsa
      mv -f "$partial" "$archive"
    else
      echo "sparksvm: warning: the class-data archive could not be written; starting without" >&2
      rm -f "$partial"
    fi
    rm -rf "$out"
  fi
  # The JVM's own warnings (an archive it cannot use, say) go to stderr, never into a command's
  # output on stdout.
  [[ -s "$archive" ]] && SPARKSVM_CDS_FLAGS=(-XX:SharedArchiveFile="$archive" -Xshare:auto
    -Xlog:disable -Xlog:all=warning:stderr)
  return 0
}

# Fails with one line when SPARKSVM_CDS is set to something else than auto or off.
sparksvm_check_cds() {
  case "${SPARKSVM_CDS:-auto}" in
    auto|off) return 0 ;;
    *)
      echo "sparksvm: error: SPARKSVM_CDS=$SPARKSVM_CDS is not a choice (one of: auto, off)" >&2
      return 2 ;;
  esac
}
