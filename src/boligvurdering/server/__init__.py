"""The team server: FastAPI over PostgreSQL (docs/SERVER.md).

Layout: ``config`` (environment), ``models`` + ``migrations`` (PostgreSQL schema, its own
metadata), ``accounts`` (users, teams, devices, tokens), ``access`` (who sees which visit — the
one place), ``sync`` (push/pull of visits, answers and conflicts), ``blobs`` (photos by SHA-256),
``app`` (thin HTTP routers).
"""
