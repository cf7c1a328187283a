package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;

import com.electronwill.nightconfig.core.CommentedConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file here was written by SkillMeat 0.74 ({@code tomli_w}); {@code tomli/sample.toml} is
 * {@code tomli_w.dumps} of a document with every value form. Writing what was parsed gives the
 * same bytes back.
 */
class TomliLayoutTest {
  private static final Path FIXTURES = Path.of("src/test/resources/skillmeat");

  static Stream<String> skillMeatFiles() {
    return Stream.of(
        "vectors/collection/collection.toml",
        "vectors/collection/collection.lock",
        "vectors/project/.claude/.skillmeat-deployed.toml",
        "vectors/scenario7/skillmeat-deployed.after-sync-check.toml",
        "vectors/scenario7/collection.lock.after-sync-pull-merge",
        "collection-local/collection.toml",
        "collection-local/collection.lock",
        "collection-github/collection.toml",
        "collection-empty/collection.toml",
        "collection-empty/collection.lock",
        "project/.claude/.skillmeat-deployed.toml",
        "tomli/sample.toml");
  }

  @ParameterizedTest
  @MethodSource("skillMeatFiles")
  void write_ofAParsedSkillMeatFile_givesItsBytesBack(String name) throws Exception {
    byte[] bytes = Files.readAllBytes(FIXTURES.resolve(name));
    CommentedConfig doc = TomlFiles.parse(FIXTURES.resolve(name), bytes);

    assertThat(TomliLayout.write(doc)).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
  }

  @Test
  void write_keepsCommentsAboveTheirKeysAndTables() {
    String text =
        """
        # the collection
        [collection]
        # its name
        name = "x"
        """;
    CommentedConfig doc = TomlFiles.parse(Path.of("c.toml"), text.getBytes(StandardCharsets.UTF_8));

    assertThat(TomliLayout.write(doc)).isEqualTo(text);
  }

  @Test
  void string_escapesLikeTomliW() {
    assertThat(TomliLayout.string("a\"b\\c\td\ne\u0001\u007fé"))
        .isEqualTo("\"a\\\"b\\\\c\td\\ne\\u0001\\u007fé\"");
  }
}
