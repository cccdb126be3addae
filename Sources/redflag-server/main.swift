print("redflag-server: not yet")
