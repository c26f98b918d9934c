"""circle's subcommands, one module per command group; `root` holds the entry point."""
