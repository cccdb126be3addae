print("redflag: scaffold")
