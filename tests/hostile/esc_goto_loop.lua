-- An endless loop made of goto, not while: the budget counts instructions,
-- not loop statements.
-- phase: play (check loads without playing, so it passes this file)
-- expect: instruction limit exceeded
return scenario {
  id = "esc-goto-loop", title = "esc_goto_loop", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_tick = function(w)
    ::again::
    goto again
  end,
}
