-- Invalid UTF-8 (a Latin-1 byte, a broken pair, a surrogate, a code point
-- past U+10FFFF) in every text field of the scenario table.
-- expect: 'title' is not valid UTF-8
-- expect: 'briefing' is not valid UTF-8
-- expect: 'author' is not valid UTF-8
-- expect: 'summary' is not valid UTF-8
-- expect: 'version' is not valid UTF-8
-- expect: 'label' is not valid UTF-8
-- expect: 'reporter' is not valid UTF-8
-- expect: 'text' is not valid UTF-8
local bad = "caf\xe9 \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80"
return scenario {
  id = "utf8-static", title = bad, days = 1, author = bad, summary = bad, version = bad, briefing = bad,
  nodes = { node { id = "web", kind = "web", label = bad,
                   vulns = { vuln { id = "v", cwe = 79, severity = 5 } } } },
  actors = { actor { id = "crew", label = bad, motive = "money", uses = { "T1190" } } },
  reports = { report { id = "r", vuln = "v", at = 1, reporter = bad } },
  objectives = { objective { id = "o", text = bad, kind = "no_data_lost" } },
}
