"""Reading uploaded workbooks: safe opening, normalisation of what people type."""
