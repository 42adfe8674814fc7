-- Catch the tripped limit by running the loop in a coroutine, closing it
-- and starting a fresh one: a tripped limit cannot be caught.
-- expect: instruction limit exceeded
return scenario {
  id = "esc-coroutine-close", title = "esc_coroutine_close", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    for _ = 1, 1e9 do
      local co = coroutine.create(function() while true do end end)
      pcall(coroutine.resume, co)
      pcall(coroutine.close, co)
    end
    w:message("ESCAPED")
  end,
}
