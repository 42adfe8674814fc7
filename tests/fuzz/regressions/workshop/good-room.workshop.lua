-- A workshop for the tests (tests/app/test_workshop_room.c, test_workshop.c).
return {
  workshop = "test-room",
  title = "Secure development, module 3",
  scenarios = { "log4shell", "mirai" },
  seed = 2021,
  time_limit_minutes = 60,
  teams = { "red", "blue", "green" },
  results = "room.db",
}
