/** Exact money in minor units, the one rounding rule, and proportional allocation. */
package dev.tally.domain.money;
