package dev.tally.client.billing;

/**
 * Who a token is: its id, its kind ({@code operator}, {@code account} or {@code team}) and, for
 * account and team tokens, the account and team it belongs to (else null).
 */
public record Login(String tokenId, String kind, String accountId, String teamId) {}
