package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code plc completion bash|zsh}: the completion script (picocli's, for commands, flags and values), with
 * connection ids completed from the API after {@code --private-link-connection-id} (zsh shows each id's
 * name beside it). Install: {@code source <(plc completion bash)}, or in zsh {@code source <(plc completion zsh)}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true, description = "Print the shell completion script (bash or zsh).")
public class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        // picocli's script serves both shells (in zsh through bashcompinit)
        StringBuilder script = new StringBuilder();
        script.append(AutoComplete.bash("plc", spec.root().commandLine()));
        script.append(ID_COMPLETION);
        RootCommand.console(spec).stdout().print(script);
        return ExitCodes.OK;
    }

    /** After --private-link-connection-id: the cluster's ids (names as descriptions in zsh); else picocli's. */
    private static final String ID_COMPLETION = """

            # Connection ids, from the API (plc __complete-ids), after --private-link-connection-id
            function _plc_complete() {
              local prev="${COMP_WORDS[COMP_CWORD-1]}" cur="${COMP_WORDS[COMP_CWORD]}" cluster="" i
              if [[ "$prev" == "--private-link-connection-id" ]]; then
                for ((i = 1; i < COMP_CWORD; i++)); do
                  case "${COMP_WORDS[i]}" in
                    -c|--cluster-id) cluster="${COMP_WORDS[i+1]}" ;;
                    --cluster-id=*) cluster="${COMP_WORDS[i]#--cluster-id=}" ;;
                  esac
                done
                [[ -z "$cluster" ]] && return 0
                local lines
                lines="$("${COMP_WORDS[0]}" __complete-ids --cluster-id "$cluster" 2>/dev/null)"
                if [[ -n "$ZSH_VERSION" ]]; then
                  local -a ids descriptions
                  local id name
                  while IFS=$'\\t' read -r id name; do
                    [[ "$id" == "$cur"* ]] || continue
                    ids+=("$id"); descriptions+=("$id  -- $name")
                  done <<< "$lines"
                  compadd -l -d descriptions -a ids
                  return 0
                fi
                COMPREPLY=($(compgen -W "$(cut -f1 <<< "$lines")" -- "$cur"))
                return 0
              fi
              _complete_plc "$@"
            }
            complete -F _plc_complete -o default plc
            """;
}
