-- A check must return true or false: returning the vulnerability's table
-- (always truthy) instead of its .patched would mark the objective met.
-- phase: play (check loads without playing, so it passes this file)
-- expect: objective 'o': check must return true or false, not a table
return scenario {
  id = "type-check", title = "type_check", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  objectives = { objective { id = "o", text = "o", kind = "script", check = function(w) return w:vuln("v1") end } },
}
