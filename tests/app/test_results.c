/* test_results.c — `bulwark results list|show|verify|export` on a room's
 * results file of real games: filters, a result in full, verification
 * by replay (an untouched room passes; an edited score column, an edited
 * record and a changed scenario file are each caught and named), and the
 * exports (CSV quoting, JSON read back, a self-contained HTML page that
 * escapes hostile names). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <time.h>

#include "app/results_test.h"
#include "app/run.h"

static const char *const HOSTILE = "<script>alert(1)</script>";

static const rt_game GAMES[] = {
    { "ada", "red", "log4shell", "sensible", 2021 },
    { "bob", "blue", "log4shell", "hackback", 2021 },
    { "cy", "red", "log4shell", "idle", 2021 },
    { "Tim, \"the\" hacker", "blue", "mirai", "sensible", 2021 },
    { "<script>alert(1)</script>", "red", "mirai", "random", 2022 },
    { "dee", "green", "mirai", "sensible", 2022 },
};
enum { NGAMES = sizeof GAMES / sizeof GAMES[0] };

typedef struct fixture {
    char dir[64], db[128];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    st_tmpdir(f->dir, sizeof f->dir);
    snprintf(f->db, sizeof f->db, "%s/room.db", f->dir);
    rt_make_store(f->db, GAMES, NGAMES, "acme-2026-11");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    st_remove_tree(f->dir);
    free(f);
    return 0;
}

#define RUN(r, ...)                                                                                \
    do {                                                                                           \
        char *argv_[] = { "bulwark", __VA_ARGS__, NULL };                                           \
        assert_int_equal(run_bulwark(argv_, (r)), 0);                                              \
    } while (0)

static int count_lines_with(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* The stored row of id, as the store has it. */
static store_result stored(const fixture *f, int64_t id, char **record)
{
    bw_err e;
    rstore *st = rstore_open(f->db, NULL, RSTORE_PLAYER, &e);
    assert_non_null(st);
    store_result r;
    assert_int_equal(rstore_result_get(st, id, &r, record, &e), BW_OK);
    rstore_close(st);
    return r;
}

/* ---- list and show ------------------------------------------------------------ */

static void test_list_shows_every_result_and_filters_them(void **state)
{
    fixture *f = *state;
    static run_result r;
    RUN(&r, "results", "list", "--store", f->db);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "6 results in"));
    assert_non_null(strstr(r.out, "ada"));
    assert_non_null(strstr(r.out, "acme-2026-11"));
    assert_non_null(strstr(r.out, "mirai"));

    RUN(&r, "results", "list", "--store", f->db, "--team", "red");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "3 results in"));
    assert_null(strstr(r.out, "bob"));

    RUN(&r, "results", "list", "--store", f->db, "--workshop", "another-room");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "no results in"));

    RUN(&r, "results", "list", "--store", f->db, "--scenario", "mirai", "--player", "dee", "--json");
    assert_int_equal(r.status, 0);
    cJSON *arr = cJSON_Parse(r.out);
    assert_non_null(arr);
    assert_int_equal(cJSON_GetArraySize(arr), 1);
    cJSON *o = cJSON_GetArrayItem(arr, 0);
    assert_int_equal(cJSON_GetObjectItem(o, "id")->valueint, 6);
    assert_string_equal(cJSON_GetObjectItem(o, "team")->valuestring, "green");
    assert_string_equal(cJSON_GetObjectItem(o, "scenario")->valuestring, "mirai");
    cJSON_Delete(arr);
}

static void test_show_prints_one_result_in_full(void **state)
{
    fixture *f = *state;
    static run_result r;
    RUN(&r, "results", "show", "2", "--store", f->db);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Result 2 — Holiday Lookup (log4shell)"));
    assert_non_null(strstr(r.out, "player bob, team blue, workshop acme-2026-11"));
    assert_non_null(strstr(r.out, "pillars: protection"));
    assert_non_null(strstr(r.out, "\nObjectives:\n"));
    assert_non_null(strstr(r.out, "\nDecisions:\n"));
    assert_non_null(strstr(r.out, "Decided: ")); /* the hackback bot answers the vendor's offer */
    assert_non_null(strstr(r.out, "\nActions ("));
    assert_non_null(strstr(r.out, "\nTimeline ("));
    assert_non_null(strstr(r.out, "\nDebrief:\n"));

    RUN(&r, "results", "show", "2", "--store", f->db, "--json");
    assert_int_equal(r.status, 0);
    cJSON *o = cJSON_Parse(r.out);
    assert_non_null(o);
    assert_int_equal(cJSON_GetObjectItem(o, "id")->valueint, 2);
    cJSON *rec = cJSON_GetObjectItem(o, "record");
    assert_true(cJSON_IsArray(cJSON_GetObjectItem(rec, "actions")));
    assert_string_equal(cJSON_GetObjectItem(rec, "world_hash")->valuestring,
                        cJSON_GetObjectItem(o, "world_hash")->valuestring);
    cJSON_Delete(o);

    RUN(&r, "results", "show", "99", "--store", f->db);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "no result 99"));
    RUN(&r, "results", "show", "--store", f->db);
    assert_int_equal(r.status, 2);
    RUN(&r, "results", "show", "two", "--store", f->db);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "'two' is not a result id"));
}

/* ---- verify ---------------------------------------------------------------------- */

static void test_verify_passes_an_untouched_room(void **state)
{
    fixture *f = *state;
    static run_result r;
    RUN(&r, "results", "verify", "--store", f->db);
    assert_int_equal(r.status, 0);
    assert_int_equal(count_lines_with(r.out, ": OK (world "), NGAMES);
    assert_non_null(strstr(r.out, "6 results verified in"));
    assert_non_null(strstr(r.out, ": 6 OK, 0 MISMATCH, 0 CANNOT VERIFY"));
    /* filters and ids select what is verified */
    RUN(&r, "results", "verify", "--store", f->db, "--team", "blue", "4");
    assert_int_equal(r.status, 0);
    assert_int_equal(count_lines_with(r.out, ": OK (world "), 1);
    assert_non_null(strstr(r.out, "result 4 (mirai, Tim, \"the\" hacker, blue): OK"));
}

static void test_verify_catches_an_edited_score_column(void **state)
{
    fixture *f = *state;
    store_result before = stored(f, 3, NULL);
    int stars = (before.sum.stars + 2) % 4, prot = (before.sum.pillar[0] + 7) % 101;
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE results SET stars = %d, protection = %d WHERE id = 3", stars, prot);
    rt_sql(f->db, sql);
    static run_result r;
    RUN(&r, "results", "verify", "--store", f->db);
    assert_int_equal(r.status, 1);
    char want[256];
    snprintf(want, sizeof want, "result 3 (log4shell, cy, red): MISMATCH: stars: stored %d, replayed %d; protection: stored %d, replayed %d\n",
             stars, before.sum.stars, prot, before.sum.pillar[0]);
    if (!strstr(r.out, want))
        fail_msg("wanted '%s' in:\n%s", want, r.out);
    assert_int_equal(count_lines_with(r.out, ": OK (world "), NGAMES - 1);
    assert_non_null(strstr(r.out, ": 5 OK, 1 MISMATCH, 0 CANNOT VERIFY"));
}

/* A result moved to another player and team in the columns alone: the
 * record says who submitted it (submitted_by), and verify compares. */
static void test_verify_catches_a_result_moved_to_another_player(void **state)
{
    fixture *f = *state;
    char *record = NULL;
    store_result before = stored(f, 1, &record);
    assert_non_null(strstr(record, "\"submitted_by\""));
    assert_non_null(strstr(record, "\"player\":\t\"ada\""));
    free(record);
    assert_string_equal(before.player, "ada");
    rt_sql(f->db, "UPDATE results SET player = 'dee', team = 'green' WHERE id = 1");
    static run_result r;
    RUN(&r, "results", "verify", "--store", f->db);
    assert_int_equal(r.status, 1);
    const char *want = "result 1 (log4shell, dee, green): MISMATCH: player: stored 'dee', record 'ada'; "
                       "team: stored 'green', record 'red'\n";
    if (!strstr(r.out, want))
        fail_msg("wanted '%s' in:\n%s", want, r.out);
    assert_non_null(strstr(r.out, ": 5 OK, 1 MISMATCH, 0 CANNOT VERIFY"));
}

/* Replace the first "name": old value in text by new (the record's own field). */
static char *edit_field(const char *text, const char *name, const char *value)
{
    cJSON *o = cJSON_Parse(text);
    assert_non_null(o);
    cJSON *v = cJSON_GetObjectItem(o, name);
    assert_non_null(v);
    cJSON_ReplaceItemInObject(o, name, cJSON_IsString(v) ? cJSON_CreateString(value) : cJSON_CreateNumber(atof(value)));
    char *out = cJSON_Print(o);
    cJSON_Delete(o);
    return out;
}

static void put_record(const fixture *f, int64_t id, const char *text)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "UPDATE results SET record = ?1 WHERE id = ?2", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, id);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_verify_catches_an_edited_record(void **state)
{
    fixture *f = *state;
    char *text = NULL;
    store_result before = stored(f, 6, &text);
    char stars[8];
    snprintf(stars, sizeof stars, "%d", (before.sum.stars + 1) % 4);
    char *edited = edit_field(text, "stars", stars);
    put_record(f, 6, edited);
    free(edited);
    /* and another: a forged world hash that matches nothing */
    char *text5 = NULL;
    store_result five = stored(f, 5, &text5);
    char *forged = edit_field(text5, "world_hash", "0123456789abcdef");
    put_record(f, 5, forged);
    free(forged);

    static run_result r;
    RUN(&r, "results", "verify", "--store", f->db);
    assert_int_equal(r.status, 1);
    char want[256];
    snprintf(want, sizeof want, "result 6 (mirai, dee, green): MISMATCH: stars: record %s, replayed %d\n", stars,
             before.sum.stars);
    if (!strstr(r.out, want))
        fail_msg("wanted '%s' in:\n%s", want, r.out);
    snprintf(want, sizeof want, "MISMATCH: world hash: record 0123456789abcdef, replayed %016" PRIx64 "\n",
             five.sum.world_hash);
    if (!strstr(r.out, want))
        fail_msg("wanted '%s' in:\n%s", want, r.out);
    assert_non_null(strstr(r.out, ": 4 OK, 2 MISMATCH, 0 CANNOT VERIFY"));
    free(text);
    free(text5);
}

static void test_verify_cannot_verify_a_scenario_whose_file_changed(void **state)
{
    fixture *f = *state;
    char src[1024], cmd[2048], data[128], path[256];
    st_source("scripts", src, sizeof src);
    snprintf(data, sizeof data, "%s/data", f->dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp -r '%s' '%s/'", data, src, data);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/scripts/scenarios/mirai.lua", data);
    FILE *fp = fopen(path, "a");
    assert_non_null(fp);
    fputs("\n-- one line more: another version of the scenario\n", fp);
    fclose(fp);
    store_result m = stored(f, 4, NULL);
    setenv("BULWARK_DATA_DIR", data, 1);
    static run_result r;
    RUN(&r, "results", "verify", "--store", f->db);
    unsetenv("BULWARK_DATA_DIR");
    assert_int_equal(r.status, 1);
    char want[512];
    snprintf(want, sizeof want,
             "result 4 (mirai, Tim, \"the\" hacker, blue): CANNOT VERIFY: scenario 'mirai' has changed since this game: "
             "the record names content hash %016" PRIx64 ", %s now hashes to ",
             m.sum.scenario_hash, path);
    if (!strstr(r.out, want))
        fail_msg("wanted '%s' in:\n%s", want, r.out);
    assert_int_equal(count_lines_with(r.out, "CANNOT VERIFY: scenario 'mirai' has changed"), 3);
    assert_int_equal(count_lines_with(r.out, ": OK (world "), 3); /* log4shell's copy is the same file */
    assert_non_null(strstr(r.out, ": 3 OK, 0 MISMATCH, 3 CANNOT VERIFY"));
}

/* ---- export ---------------------------------------------------------------------- */

/* A minimal RFC 4180 reader: rows of fields; returns the row count. */
static int csv_parse(const char *s, char rows[][20][128], int max_rows)
{
    int row = 0, col = 0;
    size_t len = 0;
    while (*s && row < max_rows) {
        char *cell = rows[row][col];
        len = 0;
        if (*s == '"') {
            for (s++; *s && !(*s == '"' && s[1] != '"'); s++) {
                if (*s == '"')
                    s++;
                cell[len++] = *s;
            }
            s++;
        } else {
            while (*s && *s != ',' && *s != '\r' && *s != '\n')
                cell[len++] = *s++;
        }
        cell[len] = '\0';
        if (*s == ',') {
            col++;
            s++;
        } else {
            assert_true(s[0] == '\r' && s[1] == '\n'); /* CRLF ends a row */
            s += 2;
            row++;
            col = 0;
        }
    }
    return row;
}

static char *export_to_file(fixture *f, char *format, const char *name)
{
    char out[256];
    snprintf(out, sizeof out, "%s/%s", f->dir, name);
    static run_result r;
    RUN(&r, "results", "export", "--format", format, "--out", out, "--store", f->db);
    if (r.status != 0)
        fail_msg("export %s: %s", format, r.err);
    char *text = run_slurp(out);
    assert_non_null(text);
    return text;
}

static void test_export_csv_quotes_commas_quotes_and_newlines(void **state)
{
    fixture *f = *state;
    rt_sql(f->db, "UPDATE results SET player = 'two' || char(10) || 'lines, \"quoted\"', team = '=1+1' WHERE id = 1");
    char *csv = export_to_file(f, "csv", "room.csv");
    static char rows[10][20][128];
    assert_int_equal(csv_parse(csv, rows, 10), 1 + NGAMES);
    assert_string_equal(rows[0][0], "id");
    assert_string_equal(rows[0][2], "player");
    assert_string_equal(rows[0][17], "world_hash");
    assert_string_equal(rows[1][2], "two\nlines, \"quoted\"");
    assert_string_equal(rows[1][3], "'=1+1"); /* a formula is defused */
    assert_string_equal(rows[4][2], "Tim, \"the\" hacker");
    assert_string_equal(rows[5][2], HOSTILE);
    assert_string_equal(rows[6][4], "acme-2026-11");
    assert_string_equal(rows[6][5], "mirai");
    char when[32];
    time_t t = 1795000000 + 60 * 5;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    assert_string_equal(rows[6][1], when);
    store_result s = stored(f, 6, NULL);
    char num[32];
    snprintf(num, sizeof num, "%d", s.sum.stars);
    assert_string_equal(rows[6][10], num);
    snprintf(num, sizeof num, "%016" PRIx64, s.sum.world_hash);
    assert_string_equal(rows[6][17], num);
    assert_non_null(strstr(csv, "\"two\nlines, \"\"quoted\"\"\""));
    free(csv);
    /* to stdout by default */
    static run_result r;
    RUN(&r, "results", "export", "--format", "csv", "--store", f->db, "--team", "green");
    assert_int_equal(r.status, 0);
    assert_int_equal(count_lines_with(r.out, "\r\n"), 2);
}

static void test_export_json_reads_back_with_the_stored_values(void **state)
{
    fixture *f = *state;
    char *text = export_to_file(f, "json", "room.json");
    cJSON *arr = cJSON_Parse(text);
    assert_non_null(arr);
    assert_int_equal(cJSON_GetArraySize(arr), NGAMES);
    for (int i = 0; i < NGAMES; i++) {
        cJSON *o = cJSON_GetArrayItem(arr, i);
        store_result s = stored(f, i + 1, NULL);
        assert_int_equal(cJSON_GetObjectItem(o, "id")->valueint, i + 1);
        assert_string_equal(cJSON_GetObjectItem(o, "player")->valuestring, GAMES[i].player);
        assert_string_equal(cJSON_GetObjectItem(o, "team")->valuestring, GAMES[i].team);
        assert_string_equal(cJSON_GetObjectItem(o, "workshop")->valuestring, "acme-2026-11");
        assert_string_equal(cJSON_GetObjectItem(o, "scenario")->valuestring, GAMES[i].scenario);
        assert_int_equal(cJSON_GetObjectItem(o, "seed")->valueint, (int)GAMES[i].seed);
        assert_string_equal(cJSON_GetObjectItem(o, "outcome")->valuestring,
                            s.sum.outcome == SIM_OUTCOME_WON ? "won" : "lost");
        assert_int_equal(cJSON_GetObjectItem(o, "stars")->valueint, s.sum.stars);
        assert_int_equal(cJSON_GetObjectItem(o, "ticks")->valueint, s.sum.ticks);
        cJSON *p = cJSON_GetObjectItem(o, "pillars");
        assert_int_equal(cJSON_GetObjectItem(p, "protection")->valueint, s.sum.pillar[0]);
        assert_int_equal(cJSON_GetObjectItem(p, "collaboration")->valueint, s.sum.pillar[3]);
        char hex[17];
        snprintf(hex, sizeof hex, "%016" PRIx64, s.sum.world_hash);
        assert_string_equal(cJSON_GetObjectItem(o, "world_hash")->valuestring, hex);
    }
    cJSON_Delete(arr);
    free(text);
}

static void test_export_html_is_self_contained_and_escapes_names(void **state)
{
    fixture *f = *state;
    char *html = export_to_file(f, "html", "report.html");
    /* nothing that loads or links anything outside the file */
    static const char *const banned[] = { "http://", "https://", "//", "src=", "url(", "<script", "<img",
                                          "<link", "<iframe", "<object", "@import", "javascript:" };
    for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
        if (strstr(html, banned[i]))
            fail_msg("the report holds '%s': ...%.80s", banned[i], strstr(html, banned[i]));
    assert_non_null(strstr(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
    /* the hostile name is text, escaped */
    assert_non_null(strstr(html, "&lt;script&gt;alert&#40;1&#41;&lt;&#47;script&gt;"));
    assert_non_null(strstr(html, "Tim, &quot;the&quot; hacker"));
    /* scoreboards, charts with accessible titles, the room's debrief, a section per player */
    assert_non_null(strstr(html, "id=\"teams\""));
    assert_non_null(strstr(html, "id=\"players\""));
    assert_true(count_lines_with(html, "<svg role=\"img\" aria-labelledby=") >= 2 * 6);
    assert_non_null(strstr(html, "<title id=\"box-1-t\">Pillar distributions"));
    assert_non_null(strstr(html, "The decisions most got wrong"));
    assert_non_null(strstr(html, "How the best game differed"));
    assert_non_null(strstr(html, "The best game, "));
    assert_non_null(strstr(html, "What this game taught"));
    assert_non_null(strstr(html, "<summary>Timeline"));
    assert_int_equal(count_lines_with(html, "✔ Verified"), NGAMES);
    /* every anchor link leads to a section of the page */
    int links = 0;
    for (const char *p = html; (p = strstr(p, "href=\"")); p += 6) {
        assert_int_equal(p[6], '#');
        char id[80];
        const char *end = strchr(p + 7, '"');
        assert_non_null(end);
        snprintf(id, sizeof id, "id=\"%.*s\"", (int)(end - p - 7), p + 7);
        if (!strstr(html, id))
            fail_msg("a link to %s leads nowhere", id);
        links++;
    }
    assert_true(links >= NGAMES);
    for (int i = 1; i <= 5; i++) { /* five players: each has a section */
        char id[32];
        snprintf(id, sizeof id, "id=\"player-%d\"", i);
        assert_non_null(strstr(html, id));
    }
    free(html);
}


/* A game of the scenario file at path, played by a shipped bot. */
static char *played_from(const char *path, const char *bot, uint64_t seed)
{
    script_options so = { 0 };
    so.seed_given = true;
    so.seed = seed;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(path, &so, &d, &e);
    script_diags_print(&d, stderr);
    script_diags_free(&d);
    assert_non_null(s);
    char rel[128], bp[1024];
    snprintf(rel, sizeof rel, "scripts/bots/%s.lua", bot);
    script_bot *b = script_bot_load(st_source(rel, bp, sizeof bp), seed, &e);
    assert_non_null(b);
    int taken = 0, refused = 0;
    while (!sim_world_over(script_scenario_cworld(s))) {
        assert_int_equal(script_bot_play(b, s, &taken, &refused, &e), BW_OK);
        assert_int_equal(script_scenario_step(s, &e), BW_OK);
    }
    const char *debrief = "";
    assert_int_equal(script_scenario_debrief(s, &debrief, &e), BW_OK);
    char *text = record_json(s, debrief);
    script_bot_destroy(b);
    script_scenario_destroy(s);
    return text;
}

static void test_a_workshop_config_names_the_store_the_filter_and_the_scenario_files(void **state)
{
    fixture *f = *state;
    /* the workshop's own version of log4shell: same id, another file */
    char src[1024], ws[128], cmd[2048], path[256], config[256], db[256];
    st_source("scripts/scenarios/log4shell.lua", src, sizeof src);
    snprintf(ws, sizeof ws, "%s/ws", f->dir);
    snprintf(path, sizeof path, "%s/holiday.lua", ws);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp '%s' '%s' && echo '-- the workshop edition' >> '%s'", ws, src,
             path, path);
    assert_int_equal(system(cmd), 0);
    snprintf(config, sizeof config, "%s/acme.workshop.lua", ws);
    FILE *c = fopen(config, "w");
    assert_non_null(c);
    fputs("return {\n  workshop = \"acme-ws\",\n  title = \"Acme <module 3>\",\n  scenarios = { \"holiday.lua\" },\n"
          "  seed = 2021,\n  time_limit_minutes = 60,\n  teams = { \"red\", \"blue\" },\n  results = \"acme.db\",\n}\n",
          c);
    fclose(c);
    snprintf(db, sizeof db, "%s/acme.db", ws);
    bw_err e;
    rstore *st = rstore_open(db, NULL, RSTORE_FACILITATOR, &e);
    assert_non_null(st);
    char *text = played_from(path, "sensible", 2021);
    store_result_meta m = { "eve", "red", "acme-ws", 0 };
    assert_int_equal(rstore_result_add(st, text, &m, NULL, &e), BW_OK);
    free(text);
    text = st_played_record("mirai", "idle", 3); /* another workshop's, in the same file */
    store_result_meta other = { "zed", "blue", "another-room", 0 };
    assert_int_equal(rstore_result_add(st, text, &other, NULL, &e), BW_OK);
    free(text);
    rstore_close(st);

    static run_result r;
    RUN(&r, "results", "verify", "--workshop", config);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "result 1 (log4shell, eve, red): OK (world "));
    assert_non_null(strstr(r.out, "1 result verified in"));
    /* a team the config does not have is a mistake, not an empty list */
    RUN(&r, "results", "list", "--workshop", config, "--team", "rde");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "'rde' is not a team of workshop acme-ws; its teams are: red, blue (did you mean 'red'?)"));
    RUN(&r, "results", "list", "--workshop", config, "--team", "red");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "OUTCOME"));
    assert_non_null(strstr(r.out, "1 result in"));
    /* without the config, the shipped log4shell is not the file it was played on */
    RUN(&r, "results", "verify", "--store", db, "--workshop", "acme-ws");
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "result 1 (log4shell, eve, red): CANNOT VERIFY: scenario 'log4shell' has changed "
                                  "since this game: the record names content hash "));
    /* a scenario of the workshop's own (an id nothing ships), without the config: no file to replay on */
    char own[256], cmd2[2048];
    snprintf(own, sizeof own, "%s/own.lua", ws);
    snprintf(cmd2, sizeof cmd2, "sed 's/^  id = \"log4shell\",/  id = \"acme-own\",/' '%s' > '%s'", src, own);
    assert_int_equal(system(cmd2), 0);
    text = played_from(own, "idle", 5);
    st = rstore_open(db, NULL, RSTORE_FACILITATOR, &e);
    assert_non_null(st);
    store_result_meta mine = { "fay", "blue", "acme-ws", 0 };
    assert_int_equal(rstore_result_add(st, text, &mine, NULL, &e), BW_OK);
    rstore_close(st);
    free(text);
    RUN(&r, "results", "verify", "--store", db, "--player", "fay");
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "result 3 (acme-own, fay, blue): CANNOT VERIFY: no file of scenario 'acme-own' "
                                  "with content hash "));
    assert_non_null(strstr(r.out, ": it is not shipped (give --workshop CONFIG for a workshop's own scenarios)\n"));
    assert_non_null(strstr(r.out, ": 0 OK, 0 MISMATCH, 1 CANNOT VERIFY"));
    RUN(&r, "results", "list", "--workshop", config, "--player", "eve", "--json");
    assert_int_equal(r.status, 0);
    cJSON *arr = cJSON_Parse(r.out);
    assert_int_equal(cJSON_GetArraySize(arr), 1);
    cJSON_Delete(arr);
    char html[256];
    snprintf(html, sizeof html, "%s/acme.html", ws);
    RUN(&r, "results", "export", "--workshop", config, "--format", "html", "--out", html);
    assert_int_equal(r.status, 0);
    char *page = run_slurp(html);
    assert_non_null(page);
    assert_non_null(strstr(page, "<title>Acme &lt;module 3&gt;</title>"));
    assert_null(strstr(page, "zed"));
    free(page);
    RUN(&r, "results", "list", "--workshop", config, "--store", db);
    assert_int_equal(r.status, 2);
}

/* ---- usage -------------------------------------------------------------------- */

static void test_usage_errors_and_missing_stores(void **state)
{
    fixture *f = *state;
    static run_result r;
    RUN(&r, "results");
    assert_int_equal(r.status, 2);
    RUN(&r, "results", "--help");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "bulwark results verify"));
    RUN(&r, "results", "lst");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "did you mean 'list'"));
    RUN(&r, "results", "export", "--store", f->db);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--format csv, json or html is needed"));
    RUN(&r, "results", "export", "--format", "xml", "--store", f->db);
    assert_int_equal(r.status, 2);
    RUN(&r, "results", "verify", "--json", "--store", f->db);
    assert_int_equal(r.status, 2);
    RUN(&r, "results", "list", "--store");
    assert_int_equal(r.status, 2);
    RUN(&r, "results", "list", "--colour");
    assert_int_equal(r.status, 2);
    char missing[256];
    snprintf(missing, sizeof missing, "%s/nothing-here.db", f->dir);
    RUN(&r, "results", "list", "--store", missing);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "no such results file"));
    struct stat st;
    assert_int_not_equal(stat(missing, &st), 0); /* never created */
    /* the player's own store, when no game was ever saved: empty, not created */
    char home[128];
    snprintf(home, sizeof home, "%s/home", f->dir);
    assert_int_equal(mkdir(home, 0700), 0);
    setenv("BULWARK_DATA_HOME", home, 1);
    RUN(&r, "results", "list");
    unsetenv("BULWARK_DATA_HOME");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "no results in"));
    RUN(&r, "nope-results");
    assert_int_equal(r.status, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_list_shows_every_result_and_filters_them, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_prints_one_result_in_full, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_passes_an_untouched_room, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_catches_an_edited_score_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_catches_a_result_moved_to_another_player, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_catches_an_edited_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_cannot_verify_a_scenario_whose_file_changed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_csv_quotes_commas_quotes_and_newlines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_json_reads_back_with_the_stored_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_html_is_self_contained_and_escapes_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_workshop_config_names_the_store_the_filter_and_the_scenario_files,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_usage_errors_and_missing_stores, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
