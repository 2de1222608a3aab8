package dev.tally.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {
  @Test
  void runsDurablyAndKeepsDataAcrossRestarts() throws Exception {
    Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-");
    try (EmbeddedDatabase first = EmbeddedDatabase.start(data, 0);
        Connection connection = DriverManager.getConnection(first.jdbcUrl("postgres"));
        Statement statement = connection.createStatement()) {
      statement.execute("create table kept (value text)");
      statement.execute("insert into kept values ('survives')");
      assertThat(setting(statement, "fsync")).isEqualTo("on");
      assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
      long machine = EmbeddedDatabase.machineMemoryBytes();
      try (ResultSet rows =
          statement.executeQuery(
              "select setting::bigint * 8 / 1024 from pg_settings where name = 'shared_buffers'")) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(EmbeddedDatabase.sharedBuffersMb(machine));
      }
    }
    try (EmbeddedDatabase second = EmbeddedDatabase.start(data, 0);
        Connection connection = DriverManager.getConnection(second.jdbcUrl("postgres"));
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select value from kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("survives");
    }
  }

  @Test
  void sharedBuffersAreAQuarterOfTheMachineBetween128MbAnd1Gb() {
    long gb = 1024L * 1024 * 1024;
    assertThat(EmbeddedDatabase.sharedBuffersMb(gb / 4)).isEqualTo(128);
    assertThat(EmbeddedDatabase.sharedBuffersMb(2 * gb)).isEqualTo(512);
    assertThat(EmbeddedDatabase.sharedBuffersMb(24 * gb)).isEqualTo(1024);
    assertThat(EmbeddedDatabase.sharedBuffersMb(0)).isEqualTo(128);
  }

  private static String setting(Statement statement, String name) throws Exception {
    try (ResultSet rows = statement.executeQuery("show " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
