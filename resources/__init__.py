"""Packaged data: the sample newsletters, icons and Qt translations (data only)."""
