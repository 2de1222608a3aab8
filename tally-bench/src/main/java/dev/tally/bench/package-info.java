/**
 * The benchmark harness: {@link dev.tally.bench.Bench} starts the real server as a separate process
 * on a fresh embedded database ({@link dev.tally.bench.ServerProcess}), seeds it through the admin
 * API and bulk SQL ({@link dev.tally.bench.Seeder}), drives it from a load generator in another JVM
 * ({@link dev.tally.bench.Generator}) and prints a table and a JSON file of figures.
 */
package dev.tally.bench;
