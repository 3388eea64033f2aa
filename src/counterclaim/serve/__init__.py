"""counterclaim.serve"""
