"""The trends screen's parts: which groups and dates, the table, the plots and the words."""
