# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_capmap_global_optspecs
    string join \n h/help V/version
end

function __fish_capmap_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_capmap_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_capmap_using_subcommand
    set -l cmd (__fish_capmap_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c capmap -n "__fish_capmap_needs_command" -s h -l help -d 'Print help'
complete -c capmap -n "__fish_capmap_needs_command" -s V -l version -d 'Print version'
complete -c capmap -n "__fish_capmap_needs_command" -a "check" -d 'Validate portfolio files and print a one-line summary of each'
complete -c capmap -n "__fish_capmap_needs_command" -a "report" -d 'Write the decision log: every capability with its recommendation and decision'
complete -c capmap -n "__fish_capmap_needs_command" -a "plan" -d 'Write the plan: the migration backlog, the gaps against the minimum standard, the investment needed and the decisions due for review'
complete -c capmap -n "__fish_capmap_needs_command" -a "diff" -d 'List what changed between two portfolios (two quarters), matched by id'
complete -c capmap -n "__fish_capmap_needs_command" -a "render" -d 'Draw the quadrant chart as an SVG or PNG image (no display needed)'
complete -c capmap -n "__fish_capmap_needs_command" -a "import" -d 'Turn a spreadsheet (CSV) of capabilities into a new portfolio file'
complete -c capmap -n "__fish_capmap_needs_command" -a "merge" -d 'Merge two versions of a portfolio that grew from one: git\'s merge driver (`capmap merge %O %A %B`), writing the result over OURS'
complete -c capmap -n "__fish_capmap_needs_command" -a "git-setup" -d 'Make git merge portfolio files with `capmap merge` in a repository'
complete -c capmap -n "__fish_capmap_needs_command" -a "completions" -d 'Print the shell completion script (bash, zsh, fish, elvish or powershell), e.g. `capmap completions bash > ~/.local/share/bash-completion/completions/capmap`'
complete -c capmap -n "__fish_capmap_needs_command" -a "manpage" -d 'Print the manual page (roff), or write one per command into a folder'
complete -c capmap -n "__fish_capmap_needs_command" -a "new" -d 'Create a portfolio file: empty, or a copy of the bundled example'
complete -c capmap -n "__fish_capmap_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c capmap -n "__fish_capmap_using_subcommand check" -l as-of -d 'Count exceptions as overdue against this day (YYYY-MM-DD) instead of today' -r
complete -c capmap -n "__fish_capmap_using_subcommand check" -s h -l help -d 'Print help'
complete -c capmap -n "__fish_capmap_using_subcommand report" -s f -l format -d 'Output format' -r -f -a "markdown\t'Markdown, grouped by recommendation'
csv\t'CSV with a header row'
json\t'One JSON document'"
complete -c capmap -n "__fish_capmap_using_subcommand report" -s o -l output -d 'Write here instead of to standard output' -r -F
complete -c capmap -n "__fish_capmap_using_subcommand report" -l as-of -d 'Count exceptions as overdue against this day (YYYY-MM-DD) instead of today' -r
complete -c capmap -n "__fish_capmap_using_subcommand report" -l baseline -d 'With --scorecard: last quarter\'s file, to show what moved' -r -F
complete -c capmap -n "__fish_capmap_using_subcommand report" -l force -d 'Replace OUT if it exists (no backup is kept; never the portfolio itself)'
complete -c capmap -n "__fish_capmap_using_subcommand report" -l scorecard -d 'Write the quarterly scorecard instead of the decision log (Markdown or JSON)'
complete -c capmap -n "__fish_capmap_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c capmap -n "__fish_capmap_using_subcommand plan" -s f -l format -d 'Output format' -r -f -a "markdown\t'Markdown, grouped by recommendation'
csv\t'CSV with a header row'
json\t'One JSON document'"
complete -c capmap -n "__fish_capmap_using_subcommand plan" -s o -l output -d 'Write here instead of to standard output' -r -F
complete -c capmap -n "__fish_capmap_using_subcommand plan" -l as-of -d 'Count exceptions as overdue against this day (YYYY-MM-DD) instead of today' -r
complete -c capmap -n "__fish_capmap_using_subcommand plan" -l force -d 'Replace OUT if it exists (no backup is kept; never the portfolio itself)'
complete -c capmap -n "__fish_capmap_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c capmap -n "__fish_capmap_using_subcommand diff" -s f -l format -d 'Output format' -r -f -a "markdown\t'Markdown for a wiki or a pull request'
json\t'One JSON document'"
complete -c capmap -n "__fish_capmap_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c capmap -n "__fish_capmap_using_subcommand render" -s o -l output -d 'The image to write; its extension (.svg or .png) picks the format' -r -F
complete -c capmap -n "__fish_capmap_using_subcommand render" -l width -d 'Width in pixels' -r
complete -c capmap -n "__fish_capmap_using_subcommand render" -l height -d 'Height in pixels' -r
complete -c capmap -n "__fish_capmap_using_subcommand render" -l theme -d 'Colours' -r -f -a "light\t'Dark text on white'
dark\t'Light text on near-black'"
complete -c capmap -n "__fish_capmap_using_subcommand render" -l labels -d 'Name the dots, number them with an index beside the chart, or name them when every name fits beside its dot (auto)' -r -f -a "auto\t'Names when every one fits beside its dot, numbers otherwise'
names\t'Names; those that do not fit are left out and counted'
numbers\t'Numbers on the chart, names in an index beside it'"
complete -c capmap -n "__fish_capmap_using_subcommand render" -l baseline -d 'Draw arrows from where capabilities stood in this earlier portfolio' -r -F
complete -c capmap -n "__fish_capmap_using_subcommand render" -l as-of -d 'Count exceptions as overdue against this day (YYYY-MM-DD) instead of today' -r
complete -c capmap -n "__fish_capmap_using_subcommand render" -l force -d 'Replace OUT if it exists (no backup is kept; never the portfolio itself)'
complete -c capmap -n "__fish_capmap_using_subcommand render" -l vote-spread -d 'Draw each capability\'s vote spread (lowest to highest vote)'
complete -c capmap -n "__fish_capmap_using_subcommand render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c capmap -n "__fish_capmap_using_subcommand import" -s o -l output -d 'The portfolio file to write' -r -F
complete -c capmap -n "__fish_capmap_using_subcommand import" -l force -d 'Overwrite OUT if it exists (the old one is kept as .bak)'
complete -c capmap -n "__fish_capmap_using_subcommand import" -s h -l help -d 'Print help'
complete -c capmap -n "__fish_capmap_using_subcommand merge" -l name -d 'The file\'s name in the repository, for messages (git\'s %P)' -r
complete -c capmap -n "__fish_capmap_using_subcommand merge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c capmap -n "__fish_capmap_using_subcommand git-setup" -s h -l help -d 'Print help'
complete -c capmap -n "__fish_capmap_using_subcommand completions" -s h -l help -d 'Print help'
complete -c capmap -n "__fish_capmap_using_subcommand manpage" -l dir -d 'Write capmap.1 and capmap-COMMAND.1 here instead' -r -F
complete -c capmap -n "__fish_capmap_using_subcommand manpage" -s h -l help -d 'Print help'
complete -c capmap -n "__fish_capmap_using_subcommand new" -l example -d 'Start from the bundled example instead of an empty portfolio'
complete -c capmap -n "__fish_capmap_using_subcommand new" -l force -d 'Overwrite the file if it exists (the old one is kept as .bak)'
complete -c capmap -n "__fish_capmap_using_subcommand new" -s h -l help -d 'Print help'
complete -c capmap -n "__fish_capmap_using_subcommand help; and not __fish_seen_subcommand_from check report plan diff render import merge git-setup completions manpage new help" -f -a "check" -d 'Validate portfolio files and print a one-line summary of each'
complete -c capmap -n "__fish_capmap_using_subcommand help; and not __fish_seen_subcommand_from check report plan diff render import merge git-setup completions manpage new help" -f -a "report" -d 'Write the decision log: every capability with its recommendation and decision'
complete -c capmap -n "__fish_capmap_using_subcommand help; and not __fish_seen_subcommand_from check report plan diff render import merge git-setup completions manpage new help" -f -a "plan" -d 'Write the plan: the migration backlog, the gaps against the minimum standard, the investment needed and the decisions due for review'
complete -c capmap -n "__fish_capmap_using_subcommand help; and not __fish_seen_subcommand_from check report plan diff render import merge git-setup completions manpage new help" -f -a "diff" -d 'List what changed between two portfolios (two quarters), matched by id'
complete -c capmap -n "__fish_capmap_using_subcommand help; and not __fish_seen_subcommand_from check report plan diff render import merge git-setup completions manpage new help" -f -a "render" -d 'Draw the quadrant chart as an SVG or PNG image (no display needed)'
complete -c capmap -n "__fish_capmap_using_subcommand help; and not __fish_seen_subcommand_from check report plan diff render import merge git-setup completions manpage new help" -f -a "import" -d 'Turn a spreadsheet (CSV) of capabilities into a new portfolio file'
complete -c capmap -n "__fish_capmap_using_subcommand help; and not __fish_seen_subcommand_from check report plan diff render import merge git-setup completions manpage new help" -f -a "merge" -d 'Merge two versions of a portfolio that grew from one: git\'s merge driver (`capmap merge %O %A %B`), writing the result over OURS'
complete -c capmap -n "__fish_capmap_using_subcommand help; and not __fish_seen_subcommand_from check report plan diff render import merge git-setup completions manpage new help" -f -a "git-setup" -d 'Make git merge portfolio files with `capmap merge` in a repository'
complete -c capmap -n "__fish_capmap_using_subcommand help; and not __fish_seen_subcommand_from check report plan diff render import merge git-setup completions manpage new help" -f -a "completions" -d 'Print the shell completion script (bash, zsh, fish, elvish or powershell), e.g. `capmap completions bash > ~/.local/share/bash-completion/completions/capmap`'
complete -c capmap -n "__fish_capmap_using_subcommand help; and not __fish_seen_subcommand_from check report plan diff render import merge git-setup completions manpage new help" -f -a "manpage" -d 'Print the manual page (roff), or write one per command into a folder'
complete -c capmap -n "__fish_capmap_using_subcommand help; and not __fish_seen_subcommand_from check report plan diff render import merge git-setup completions manpage new help" -f -a "new" -d 'Create a portfolio file: empty, or a copy of the bundled example'
complete -c capmap -n "__fish_capmap_using_subcommand help; and not __fish_seen_subcommand_from check report plan diff render import merge git-setup completions manpage new help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
