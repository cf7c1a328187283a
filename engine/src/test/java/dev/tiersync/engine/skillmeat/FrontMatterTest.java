package dev.tiersync.engine.skillmeat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrontMatterTest {
  @Test
  void description_isTheFrontMattersValue_trimmed() {
    assertThat(FrontMatter.description("---\nname: x\ndescription: Read PDFs \n---\n# x\n"))
        .isEqualTo("Read PDFs");
    assertThat(FrontMatter.description("---\r\ndescription: \"Lint: C++\"\r\n---\r\n"))
        .isEqualTo("Lint: C++");
    assertThat(FrontMatter.description("---\ndescription: >\n  Folded\n  text\n---"))
        .isEqualTo("Folded text");
    assertThat(FrontMatter.description("---\ndescription: None\n---\n")).isEqualTo("None");
  }

  @Test
  void description_isNullWithoutOne() {
    assertThat(FrontMatter.description("# no front matter\n")).isNull();
    assertThat(FrontMatter.description("")).isNull();
    assertThat(FrontMatter.description("---\nname: x\n---\n")).isNull();
    assertThat(FrontMatter.description("---\ndescription:\n---\n")).isNull();
    assertThat(FrontMatter.description("---\ndescription: '  '\n---\n")).isNull();
    assertThat(FrontMatter.description("---\ndescription: [unclosed\n---\n")).isNull();
  }
}
