return { workshop = "x", scenarios = { "../../etc/passwd" }, teams = {}, results = "postgresql://u:secret@h/db", time_limit_minutes = 0/0 }
