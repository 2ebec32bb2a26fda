/** Tests against a real Spark standalone cluster started by {@code submit/cluster-up.sh}. */
package dev.sparksvm.cluster;
