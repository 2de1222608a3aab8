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
    }
    try (EmbeddedDatabase second = EmbeddedDatabase.start(data, 0);
        Connection connection = DriverManager.getConnection(second.jdbcUrl("postgres"));
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select value from kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("survives");
    }
  }

  private static String setting(Statement statement, String name) throws Exception {
    try (ResultSet rows = statement.executeQuery("show " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
