"""counterclaim.ingest"""
