"""Crisis operations: events, activations, the crisis log and fuel readings."""
