package dev.tally.server.northflank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The sums every Northflank invoice answer keeps: at every level of the breakdown a node's price is
 * the sum of its children's, each price's categories add up to its total, {@code subTotal} is the
 * PaaS total plus the BYOC total plus the line items, and {@code total = subTotal − discount +
 * tax}.
 */
final class Invariants {
  private static final List<String> PAAS = List.of("cpu", "memory", "storage", "gpu");
  private static final List<String> BYOC = List.of("vcpu", "memory", "gpuMemory", "cluster");

  private Invariants() {}

  /** Checks an answer of get-invoice ({@code data} of spec 003). */
  static void ofInvoice(JsonNode invoice) {
    JsonNode paas = invoice.path("paasUsage");
    categoriesAddUp(invoice.path("byocUsage").path("price"), BYOC);
    childrenAddUp(paas.path("price"), prices(paas.path("teams"), "price"));
    for (JsonNode team : paas.path("teams")) {
      childrenAddUp(team.path("price"), prices(team.path("projects"), "price"));
      for (JsonNode project : team.path("projects")) {
        childrenAddUp(project.path("price"), prices(project.path("resourceTypes"), "price"));
        for (JsonNode type : project.path("resourceTypes")) {
          childrenAddUp(type.path("price"), prices(type.path("resources"), "price"));
          type.path("resources").forEach(resource -> categoriesAddUp(resource.path("price"), PAAS));
        }
      }
    }
    for (JsonNode line : invoice.path("lineItems")) {
      assertThat(number(line, "base").add(number(line, "proration")))
          .isEqualByComparingTo(number(line, "total"));
    }
    totalsAddUp(
        invoice, number(invoice.path("discounts"), "total"), number(invoice.path("tax"), "amount"));
  }

  /** Checks an answer of the details endpoint ({@code data} of spec 002). */
  static void ofDetails(JsonNode details) {
    JsonNode paas = details.path("paasUsage");
    childrenAddUp(paas.path("price"), prices(paas.path("teams"), "usage", "price"));
    for (JsonNode team : paas.path("teams")) {
      JsonNode usage = team.path("usage");
      childrenAddUp(usage.path("price"), prices(usage.path("projects"), "price"));
    }
    totalsAddUp(details, number(details, "discount"), number(details.path("tax"), "value"));
  }

  private static void totalsAddUp(JsonNode invoice, BigDecimal discount, BigDecimal tax) {
    BigDecimal lineItems = BigDecimal.ZERO;
    for (JsonNode line : invoice.path("lineItems")) {
      lineItems = lineItems.add(number(line, "total"));
    }
    BigDecimal subTotal = number(invoice, "subTotal");
    assertThat(
            number(invoice.path("paasUsage").path("price"), "total")
                .add(number(invoice.path("byocUsage").path("price"), "total"))
                .add(lineItems))
        .as("paas + byoc + line items = subTotal in %s", invoice)
        .isEqualByComparingTo(subTotal);
    assertThat(subTotal.subtract(discount).add(tax))
        .as("subTotal - discount + tax = total in %s", invoice)
        .isEqualByComparingTo(number(invoice, "total"));
  }

  /** The price of each child, found by following {@code path} from it. */
  private static List<JsonNode> prices(JsonNode children, String... path) {
    List<JsonNode> prices = new ArrayList<>();
    for (JsonNode child : children) {
      JsonNode price = child;
      for (String step : path) {
        price = price.path(step);
      }
      prices.add(price);
    }
    return prices;
  }

  /** Each category of {@code price} is the sum of the children's, and so is the total. */
  private static void childrenAddUp(JsonNode price, List<JsonNode> children) {
    categoriesAddUp(price, PAAS);
    for (String category : List.of("total", "cpu", "memory", "storage", "gpu")) {
      BigDecimal sum = BigDecimal.ZERO;
      for (JsonNode child : children) {
        sum = sum.add(number(child, category));
      }
      assertThat(sum)
          .as("%s of %s is the sum of %s", category, price, children)
          .isEqualByComparingTo(number(price, category));
    }
  }

  private static void categoriesAddUp(JsonNode price, List<String> categories) {
    BigDecimal sum = BigDecimal.ZERO;
    for (String category : categories) {
      sum = sum.add(number(price, category));
    }
    assertThat(sum).as("categories of %s", price).isEqualByComparingTo(number(price, "total"));
  }

  private static BigDecimal number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    assertThat(value.isIntegralNumber()).as("%s is a whole number in %s", field, node).isTrue();
    return value.decimalValue();
  }
}
