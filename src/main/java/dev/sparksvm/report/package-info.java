/**
 * What commands report: {@code metrics.json} ({@link dev.sparksvm.report.Json}), {@code
 * history.csv} ({@link dev.sparksvm.report.History}), and the PNG pictures: line charts of every
 * kind ({@link dev.sparksvm.report.LineChart}), heat maps and class templates ({@link
 * dev.sparksvm.report.Pictures}), a training run's curves ({@link
 * dev.sparksvm.report.TrainingCharts}) and a scaling sweep's charts ({@link
 * dev.sparksvm.report.ScalingPlots}). Drawn with JFreeChart, headless.
 */
package dev.sparksvm.report;
