print("poolcheck")
