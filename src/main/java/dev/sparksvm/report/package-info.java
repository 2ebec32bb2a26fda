/** What commands report: metrics.json and history.csv. */
package dev.sparksvm.report;
