"""counterclaim.store: where documents, claims, links and reviews live (SQLite or PostgreSQL).

    from counterclaim.store import Store
    store = Store.open("sqlite:///counterclaim.db")   # creates or migrates the schema
"""

from counterclaim.store.repository import Store

__all__ = ["Store"]
