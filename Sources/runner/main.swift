print("runner: not built yet")
