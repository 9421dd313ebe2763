"""Domain layer: value objects, enums and plain data shared by all layers (no I/O)."""
