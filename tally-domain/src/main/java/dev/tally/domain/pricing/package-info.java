/** Price models, plans and subscriptions: what a quantity of usage and a period of service cost. */
package dev.tally.domain.pricing;
