/** Half-open billing periods on an account's monthly anchor, in UTC, and a clock tests can move. */
package dev.tally.domain.time;
