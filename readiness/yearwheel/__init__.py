"""The årshjul: recurring tasks derived from the data, and each user's calendar feed."""
