"""Generated templates: the yearly report workbook."""
