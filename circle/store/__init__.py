"""The only place SQL lives. Sensitive fields are sealed and opened here, through circle.vault."""
