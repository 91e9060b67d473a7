print("refinery-bench")
