"""The action plan (handlingsplan): what is to be done about a gap, by whom, by when, paid how."""
