"""counterclaim.extract"""
