"""Textual screens and widgets. Thin: they talk to a Workspace, never to SQL or keys."""
