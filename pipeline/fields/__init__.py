"""Field extraction: the application form, the summary sheet, and text fallbacks."""
