package dev.tiersync.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON as Jackson trees only: the CLI passes the API's documents through with their field names and
 * never binds them to classes. Trees are read and written with Jackson's streaming parser and
 * generator rather than an {@code ObjectMapper}, whose set-up (type factory, serializer caches)
 * would be a tenth of a command's start-up.
 */
final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** Reads exactly one JSON document. */
  static JsonNode read(String text) throws JsonProcessingException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new JsonParseException(parser, "no JSON document");
      }
      JsonNode node = value(parser, first);
      if (parser.nextToken() != null) {
        throw new JsonParseException(parser, "more than one JSON document");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          object.set(name, value(parser, parser.nextToken()));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(value(parser, t));
        }
        return array;
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new JsonParseException(parser, "unexpected " + token);
    }
  }

  /** One line of JSON, for a request body. */
  static String write(JsonNode node) {
    return write(node, false);
  }

  /** Prints a document indented, for {@code --output json}. */
  static void print(PrintStream out, JsonNode node) {
    out.println(write(node, true));
    out.flush();
  }

  private static String write(JsonNode node, boolean pretty) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(text)) {
      if (pretty) {
        generator.useDefaultPrettyPrinter();
      }
      write(generator, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void write(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          g.writeFieldName(field.getKey());
          write(g, field.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode element : node) {
          write(g, element);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.textValue());
      case NUMBER -> {
        if (node.isInt()) {
          g.writeNumber(node.intValue());
        } else if (node.isLong()) {
          g.writeNumber(node.longValue());
        } else if (node.isBigInteger()) {
          g.writeNumber(node.bigIntegerValue());
        } else {
          g.writeNumber(node.decimalValue());
        }
      }
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      default -> g.writeNull();
    }
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Sets a text field unless {@code value} is null (the server then applies its default). */
  static ObjectNode putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
    return node;
  }

  /** A text field, or null when absent or JSON null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
