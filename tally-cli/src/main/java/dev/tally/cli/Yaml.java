package dev.tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes JSON values as block-style YAML; strings that YAML would misread are double-quoted. */
final class Yaml {
  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z_/][A-Za-z0-9_./@()+-]*( [A-Za-z0-9_./@()+-]+)*");
  private static final Pattern RESERVED =
      Pattern.compile("(?i)true|false|yes|no|on|off|null|y|n|~");

  private Yaml() {}

  static String write(JsonNode value) {
    StringBuilder text = new StringBuilder();
    if (value.isContainerNode() && !value.isEmpty()) {
      block(value, 0, text);
    } else {
      text.append(scalar(value)).append('\n');
    }
    return text.toString();
  }

  private static void block(JsonNode node, int indent, StringBuilder text) {
    String pad = " ".repeat(indent);
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        text.append(pad).append(key(field.getKey())).append(':');
        value(field.getValue(), indent, text);
      }
    } else {
      for (JsonNode item : node) {
        text.append(pad).append('-');
        if (item.isObject() && !item.isEmpty()) {
          // the first field on the dash's line, the rest aligned under it
          StringBuilder nested = new StringBuilder();
          block(item, indent + 2, nested);
          text.append(' ').append(nested.substring(indent + 2));
        } else {
          value(item, indent, text);
        }
      }
    }
  }

  private static void value(JsonNode value, int indent, StringBuilder text) {
    if (value.isContainerNode() && !value.isEmpty()) {
      text.append('\n');
      block(value, indent + 2, text);
    } else {
      text.append(' ').append(scalar(value)).append('\n');
    }
  }

  private static String key(String name) {
    return PLAIN.matcher(name).matches() && !RESERVED.matcher(name).matches() ? name : quote(name);
  }

  private static String scalar(JsonNode value) {
    if (value.isObject()) {
      return "{}";
    }
    if (value.isArray()) {
      return "[]";
    }
    if (value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isTextual()) {
      String text = value.asText();
      return PLAIN.matcher(text).matches() && !RESERVED.matcher(text).matches()
          ? text
          : quote(text);
    }
    return value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
  }

  private static String quote(String text) {
    return new TextNode(text).toString();
  }
}
