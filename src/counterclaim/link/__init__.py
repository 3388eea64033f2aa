"""counterclaim.link"""
