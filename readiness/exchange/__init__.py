"""Points in and out of spreadsheets: the Excel/CSV import (with dry run) and the export.

columns.py   the layout: sheets, columns, headers, how a cell becomes point input and back
reading.py   an uploaded .xlsx or .csv -> sheets of rows (limits, encodings, delimiters)
importing.py rows -> created/changed/unchanged points, written through points/writes.py
exporting.py points -> .xlsx/.csv in the same layout; the blank templates
views.py     the page "Importera punkter", the templates and the point list's export
web.py       request helpers the views and the API share (downloads, `?sheet=`)
"""
