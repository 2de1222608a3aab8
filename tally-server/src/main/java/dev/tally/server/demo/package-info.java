/** {@code tally demo}: a server with realistic demo data, seeded once into its own directory. */
package dev.tally.server.demo;
