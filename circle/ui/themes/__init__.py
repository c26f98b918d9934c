"""Themes: reading theme files into Textual themes, and putting them on circle's apps."""
