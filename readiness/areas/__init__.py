"""Areas (områden) and their crisis staff: the people holding the area roles of AREA-STAFF."""
