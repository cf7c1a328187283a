package dev.tiersync.app.demo;

/** The text of the demo artifacts: short, but real enough to make the diffs worth reading. */
final class DemoContent {
  private DemoContent() {}

  static final String PDF_TOOLS =
      """
      ---
      name: pdf-tools
      description: Extract text and tables from PDF files, fill forms, merge documents.
      ---

      # PDF tools

      Use this skill when the user hands you a PDF.

      ## Steps
      1. Read the file with `pdftotext -layout` first; fall back to OCR for scans.
      2. Extract tables with `camelot` and return them as Markdown.
      3. Never rewrite the original file: write a new one next to it.

      See reference.md for the command options.
      """;

  static final String PDF_REFERENCE =
      """
      # Reference

      | tool | purpose |
      |---|---|
      | pdftotext | text with layout |
      | camelot | tables |
      | qpdf | merge and split |
      """;

  static final String RELEASE_NOTES =
      """
      ---
      name: release-notes
      description: Draft release notes from the merged pull requests since the last tag.
      ---

      # Release notes

      - Collect the pull requests merged since the last tag.
      - Group changes by area.
      - Lead with user-visible changes; put internal ones last.
      - Keep each entry to one line.
      """;

  static final String CODE_REVIEW =
      """
      ---
      name: code-review
      description: Review a change like a careful senior engineer.
      ---

      # Code review

      Work through checklist.md, then summarise.

      - Start with what the change does well.
      - Flag correctness problems before style.
      - Point out missing tests.
      - Suggest, do not demand: explain the why.
      """;

  static final String CODE_REVIEW_CHECKLIST =
      """
      # Checklist

      - [ ] Does it do what the description says?
      - [ ] Are errors handled at the boundary?
      - [ ] Is every new branch covered by a test?
      """;

  static final String SQL_HELPER =
      """
      ---
      name: sql-helper
      description: Write and explain SQL for PostgreSQL.
      ---

      # SQL helper

      - Always qualify column names.
      - Use CTEs for readability.
      - Explain the query plan when a query scans a large table.
      - Never run DDL without asking.
      """;

  static final String TEST_WRITER =
      """
      ---
      name: test-writer
      description: Write focused unit tests for the code under discussion.
      ---

      # Test writer

      - One behaviour per test; name it subject_expectedOutcome.
      - Use real temp folders, not mocks of the file system.
      """;

  static final String DEPLOY =
      """
      ---
      description: Deploy the current branch to staging.
      ---

      Deploy checklist:

      1. Run the test suite.
      2. Build the image and push it to the registry.
      3. Roll out to staging and watch the error rate for ten minutes.
      4. Announce the release in #deploys.
      """;

  static final String ARCHITECT =
      """
      ---
      name: architect
      description: Designs systems and reviews architecture decisions.
      ---

      You are a pragmatic software architect.

      Prefer boring technology.
      Write down every decision with its context and the options you rejected.
      Keep diagrams in the repository, next to the code they describe.
      """;

  static final String FORMAT_ON_SAVE =
      """
      ---
      event: PostToolUse
      matcher: Edit|Write
      ---

      Run the project's formatter on every file Claude edits.
      """;
}
