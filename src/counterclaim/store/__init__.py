"""counterclaim.store"""
