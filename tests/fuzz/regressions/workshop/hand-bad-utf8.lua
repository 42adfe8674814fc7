return { workshop = "ÿþ", results = "a.db" }
