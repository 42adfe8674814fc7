-- A five-megabyte description of an offence.
-- expect: w:offense: the description is 5000000 bytes long
return scenario {
  id = "big-offense-what", title = "big_offense_what", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local BIG = ("x"):rep(5000000)
    w:offense(1, BIG)
  end,
}
