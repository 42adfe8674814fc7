-- Five-megabyte strings in every text field of the scenario table.
-- expect: 'title' is 5000000 bytes long
-- expect: 'briefing' is 5000000 bytes long
-- expect: 'author' is 5000000 bytes long
-- expect: 'summary' is 5000000 bytes long
-- expect: 'version' is 5000000 bytes long
-- expect: 'label' is 5000000 bytes long
-- expect: 'reporter' is 5000000 bytes long
-- expect: 'text' is 5000000 bytes long
local big = ("x"):rep(5000000)
return scenario {
  id = "big-static", title = big, days = 1, author = big, summary = big, version = big, briefing = big,
  nodes = { node { id = "web", kind = "web", label = big,
                   vulns = { vuln { id = "v", cwe = 79, severity = 5 } } } },
  actors = { actor { id = "crew", label = big, motive = "money", uses = { "T1190" } } },
  reports = { report { id = "r", vuln = "v", at = 1, reporter = big } },
  objectives = { objective { id = "o", text = big, kind = "no_data_lost" } },
}
