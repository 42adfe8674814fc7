-- campaign.lua — the Bulwark campaign, in order from easy to hard.
--
-- Winning scenario n unlocks scenario n+1; the tutorial is open from the
-- start. Files are relative to scripts/ and must stay inside it; each
-- scenario's own `id` must equal its entry's id. Data only: this file is
-- loaded in the same sandbox as a scenario (campaign.h).
-- `bulwark curriculum` shows what the campaign teaches;
-- `bulwark balance --all` plays every scenario but the tutorial with the bots.
return {
  title = "The Bulwark campaign",
  scenarios = {
    { id = "tutorial",   file = "scenarios/tutorial.lua",   tutorial = true },
    { id = "mirai",      file = "scenarios/mirai.lua" },
    { id = "wannacry",   file = "scenarios/wannacry.lua" },
    { id = "log4shell",  file = "scenarios/log4shell.lua" },
    { id = "equifax",    file = "scenarios/equifax.lua" },
    { id = "colonial",   file = "scenarios/colonial.lua" },
    { id = "heartbleed", file = "scenarios/heartbleed.lua" },
    { id = "moveit",     file = "scenarios/moveit.lua" },
    { id = "solarwinds", file = "scenarios/solarwinds.lua" },
    { id = "xz",         file = "scenarios/xz.lua" },
  },
}
