"""The Dash app: figures by date and agency, read from the store (see docs/design.md)."""
