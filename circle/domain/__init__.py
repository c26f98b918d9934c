"""Pure rules of circle: groups, confidentiality rules, sessions, timing and text.

Nothing here imports Textual, SQLite, cryptography or any other layer of circle.
"""
