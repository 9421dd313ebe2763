"""Use cases in plain Python. Services own transactions; no Qt, no SQLModel imports."""
