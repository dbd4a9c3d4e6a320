"""Email templates: one folder per theme, shared partials, gettext catalogs (data only)."""
