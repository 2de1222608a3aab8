package dev.tally.server.metronome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The errors of the invoice routes: Metronome's shape {@code {"message", "errors"?}}, always JSON,
 * and never a 500 whatever the query string.
 */
class MetronomeErrorsTest extends SeededTallyTest {
  private static String acmeInvoice;
  private static String globexInvoice;

  @BeforeAll
  static void findInvoices() {
    acmeInvoice = tally.invoiceOf("acme", "2026-02-01T00:00:00Z");
    globexInvoice = tally.invoiceOf("globex", "2026-01-15T00:00:00Z");
  }

  private static List<String> routes() {
    return List.of("/v1/customers/acme/invoices", "/v1/customers/acme/invoices/" + acmeInvoice);
  }

  /** Asserts Metronome's error shape with {@code status}, and returns the body. */
  private static JsonNode error(MetronomeFixture.Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonNode body = reply.json();
    assertThat(body.path("message").asText()).isNotBlank();
    assertThat(body.has("error")).isFalse();
    return body;
  }

  @Test
  void aMissingOrInvalidTokenIs401() {
    JsonNode revoked = tally.admin("/tokens", Map.of("kind", "operator"));
    String revokedToken = revoked.path("token").asText();
    assertThat(tally.get("/v1/customers/acme/invoices", revokedToken).status()).isEqualTo(200);
    String revoke = "/admin/v1/tokens/" + revoked.path("id").asText();
    assertThat(tally.send("DELETE", revoke, MetronomeFixture.OPERATOR, null).status())
        .isEqualTo(204);
    for (String route : routes()) {
      error(tally.get(route, null), 401);
      error(tally.get(route, "nonsense"), 401);
      error(tally.get(route, "tly_AAAAAAAAAAAA_" + "b".repeat(32)), 401);
      error(tally.get(route, revokedToken), 401);
    }
  }

  @Test
  void accountAndTeamTokensAre403() {
    tally.admin("/accounts/acme/teams", Map.of("id", "acme-team", "name", "Team"));
    String account = tally.token("account", "acme");
    String team = tally.token("team", "acme-team");
    for (String route : routes()) {
      error(tally.get(route, account), 403);
      error(tally.get(route, team), 403);
    }
    error(tally.get("/v1/customers/nobody/invoices", account), 403);
  }

  @Test
  void unknownCustomersAndInvoicesAre404() {
    assertThat(error(tally.get("/v1/customers/nobody/invoices"), 404).path("message").asText())
        .isEqualTo("customer nobody not found");
    error(tally.get("/v1/customers/nobody/invoices/" + acmeInvoice), 404);
    assertThat(
            error(tally.get("/v1/customers/acme/invoices/inv_nothing"), 404)
                .path("message")
                .asText())
        .isEqualTo("invoice inv_nothing not found");
    // another customer's invoice is not found through this customer
    error(tally.get("/v1/customers/acme/invoices/" + globexInvoice), 404);
    assertThat(tally.get("/v1/customers/globex/invoices/" + globexInvoice).status()).isEqualTo(200);
    error(tally.get("/v1/customers/acme/invoices/" + acmeInvoice + "/lines"), 404);
  }

  @Test
  void badQueriesAre400NamingTheParameter() {
    Map<String, String> bad =
        Map.ofEntries(
            Map.entry("limit=0", "limit"),
            Map.entry("limit=101", "limit"),
            Map.entry("limit=-1", "limit"),
            Map.entry("limit=ten", "limit"),
            Map.entry("limit=2.5", "limit"),
            Map.entry("limit=99999999999999999999", "limit"),
            Map.entry("limit=1&limit=2", "limit"),
            Map.entry("status=PAID", "status"),
            Map.entry("status=draft", "status"),
            Map.entry("type=usage", "type"),
            Map.entry("type=INVOICE", "type"),
            Map.entry("sort=newest", "sort"),
            Map.entry("sort=DATE_ASC", "sort"),
            Map.entry("starting_on=2025-01-01", "starting_on"),
            Map.entry("starting_on=yesterday", "starting_on"),
            Map.entry("starting_on=2025-01-01T00:00:00", "starting_on"),
            Map.entry("starting_on=2025-01-01T00:00:00+02:00", "starting_on"),
            Map.entry("ending_before=2025-13-01T00:00:00Z", "ending_before"),
            Map.entry("ending_before=1735689600", "ending_before"),
            Map.entry(
                "starting_on=2025-06-01T00:00:00Z&ending_before=2025-05-01T00:00:00Z",
                "starting_on"),
            Map.entry("next_page=abc", "next_page"),
            Map.entry("next_page=" + "A".repeat(50), "next_page"),
            Map.entry("next_page=" + "A".repeat(5000), "next_page"),
            Map.entry("next_page=!!!", "next_page"),
            Map.entry("skip_zero_qty_line_items=yes", "skip_zero_qty_line_items"));
    bad.forEach(
        (query, field) -> {
          JsonNode body = error(tally.get("/v1/customers/acme/invoices?" + query), 400);
          assertThat(body.path("errors").get(0).path("field").asText()).as(query).isEqualTo(field);
        });
    JsonNode several =
        error(tally.get("/v1/customers/acme/invoices?limit=0&status=PAID&sort=up"), 400);
    assertThat(several.path("errors")).hasSize(3);
    error(
        tally.get("/v1/customers/acme/invoices/" + acmeInvoice + "?skip_zero_qty_line_items=2"),
        400);
  }

  @Test
  void aCursorEditedOrCutIs400() {
    String cursor = tally.ok("/v1/customers/acme/invoices?limit=2").path("next_page").asText();
    assertThat(cursor).isNotBlank();
    List<String> broken = new ArrayList<>();
    broken.add(cursor.substring(0, cursor.length() - 1));
    broken.add(cursor.substring(1));
    broken.add(cursor + "A");
    for (int i = 0; i < cursor.length(); i++) {
      char replacement = cursor.charAt(i) == 'A' ? 'B' : 'A';
      broken.add(cursor.substring(0, i) + replacement + cursor.substring(i + 1));
    }
    for (String text : broken) {
      error(tally.get("/v1/customers/acme/invoices?limit=2&next_page=" + text), 400);
    }
  }

  @Test
  void noQueryStringIsA500() {
    Random random = new Random(20260310);
    String[] names = {
      "limit",
      "next_page",
      "status",
      "type",
      "sort",
      "credit_type_id",
      "contract_id",
      "starting_on",
      "ending_before",
      "skip_zero_qty_line_items",
      "x",
      ""
    };
    String[] pieces = {
      "%",
      "%2",
      "%zz",
      "%00",
      "%FF",
      "%C3%A9",
      "%E2%82",
      "+",
      "=",
      "&",
      ";",
      "-1",
      "0",
      "100",
      "1e3",
      "DRAFT",
      "date_asc",
      "true",
      "2025-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "-999999999-01-01T00:00:00Z",
      "A",
      "_",
      "~",
      ".",
      "'",
      "(",
      "*",
      "!",
      "$",
      ",",
      "/",
      "?",
      "@",
      ":"
    };
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      StringBuilder query = new StringBuilder();
      int parameters = 1 + random.nextInt(4);
      for (int p = 0; p < parameters; p++) {
        if (p > 0) {
          query.append('&');
        }
        query.append(names[random.nextInt(names.length)]);
        if (random.nextInt(5) > 0) {
          query.append('=');
        }
        for (int k = random.nextInt(4); k > 0; k--) {
          query.append(pieces[random.nextInt(pieces.length)]);
        }
      }
      queries.add(query.toString());
    }
    queries.addAll(List.of("", "&", "&&=&", "=", "==", "%", "limit", "limit=%", "?", "#"));
    for (String malformed :
        List.of("limit=%zz", "status=%", "status=%2", "%zz=1", "sort=%E2%82", "x=%FF")) {
      assertThat(raw("/v1/customers/acme/invoices?" + malformed).status())
          .as(malformed)
          .isEqualTo(400);
    }
    for (String query : queries) {
      for (String route : routes()) {
        Raw reply = raw(route + "?" + query);
        assertThat(reply.status()).as(query).isIn(200, 400);
        assertThat(reply.contentType()).as(query).startsWith("application/json");
      }
    }
  }

  /** A raw HTTP answer: the query goes on the wire exactly as written, bad escapes and all. */
  private record Raw(int status, String contentType) {}

  private static Raw raw(String target) {
    try (Socket socket = new Socket("127.0.0.1", tally.tally.port())) {
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + target
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + MetronomeFixture.OPERATOR
              + "\r\nConnection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      String response = bytes.toString(StandardCharsets.ISO_8859_1);
      int status = Integer.parseInt(response.substring(9, 12));
      String contentType = "";
      for (String line : response.split("\r\n")) {
        if (line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
          contentType = line.substring(13).trim();
        }
        if (line.isEmpty()) {
          break;
        }
      }
      return new Raw(status, contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
