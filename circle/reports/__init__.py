"""Tables, CSV, Markdown and JSON for trends and lead reports, and the columns they share."""
