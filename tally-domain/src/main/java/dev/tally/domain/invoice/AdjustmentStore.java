package dev.tally.domain.invoice;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.money.Money;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where discounts and credit grants are kept, with the ledger of credit consumed by finalized
 * invoices (written when an invoice is finalized, released when it is voided).
 */
public interface AdjustmentStore {
  void createDiscount(Discount discount);

  /** The account's discounts, oldest start first. */
  List<Discount> discounts(AccountId accountId);

  void createCreditGrant(CreditGrant grant);

  /** The account's credit grants, in the order they are used. */
  List<CreditGrant> creditGrants(AccountId accountId);

  /** The discounts of these accounts, oldest start first, by account (absent: none). */
  Map<AccountId, List<Discount>> discounts(Collection<AccountId> accountIds);

  /** The credit grants of these accounts, in the order they are used, by account (absent: none). */
  Map<AccountId, List<CreditGrant>> creditGrants(Collection<AccountId> accountIds);

  /**
   * {@link #consumed(AccountId, InvoiceId)} of each account of {@code excluding}, by account
   * (absent: nothing consumed): the invoice excluded is the account's value (null: none).
   */
  Map<AccountId, Map<String, Money>> consumed(Map<AccountId, InvoiceId> excluding);

  /**
   * Credit consumed per grant id by the account's finalized invoices other than {@code excluding}
   * (null: all of them).
   */
  Map<String, Money> consumed(AccountId accountId, InvoiceId excluding);
}
