package dev.tiersync.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tiersync completion bash|zsh}: the completion script picocli generates from the command
 * definitions. The one script serves both shells (zsh loads it through {@code bashcompinit}).
 */
@Command(
    name = "completion",
    header = "Print a bash or zsh completion script.",
    description = {
      "Prints a shell completion script. Load it with:",
      "  source <(tiersync completion bash)   # in ~/.bashrc",
      "  source <(tiersync completion zsh)    # in ~/.zshrc"
    })
final class CompletionCommand implements Callable<Integer> {
  /** The shells the script serves. */
  enum Shell {
    BASH,
    ZSH
  }

  @ParentCommand Tiersync root;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("tiersync", spec.root().commandLine());
    root.terminal().out().print(script);
    root.terminal().out().flush();
    return ExitCodes.OK;
  }
}
