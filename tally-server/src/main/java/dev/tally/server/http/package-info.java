/** What every route shares: JSON on the wire, authentication, errors, request ids and logs. */
package dev.tally.server.http;
