"""A group lead's own folder: their key and the bundles they have imported."""
