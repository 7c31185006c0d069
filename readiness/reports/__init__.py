"""The coordinator's yearly report: one set of figures for the API, the page and the PDF."""
