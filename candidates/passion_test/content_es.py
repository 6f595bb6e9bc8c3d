ES = {}
