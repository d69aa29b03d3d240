"""Sources, store and scheduled refresh: documents from folders, feeds and URLs into a
database, kept current. Owns all file, network and database access (see docs/design.md)."""
