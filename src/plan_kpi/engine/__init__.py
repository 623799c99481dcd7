"""The relations engine: quantities, observations, equations, derivation and checks."""
