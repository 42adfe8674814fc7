/* rstore_pg.c — TEMPORARY: the PostgreSQL backend is being written
 * (issue 7); until then a PostgreSQL target is refused with a sentence. */
#include "rstore_internal.h"

#include <stdio.h>

static int not_yet(rstore *s, bw_err *err)
{
    return bw_err_set(err, BW_EREFUSED,
                      "%s: the PostgreSQL backend is not built into this Bulwark yet; use a SQLite "
                      "file",
                      s->desc[0] ? s->desc : "PostgreSQL");
}

int rs_pg_open(rstore *s, const char *target, const char *user, bw_err *err)
{
    (void)target;
    (void)user;
    return not_yet(s, err);
}
void rs_pg_close(rstore *s) { (void)s; }
int rs_pg_migrate(rstore *s, bw_err *err) { return not_yet(s, err); }
int rs_pg_schema_version(rstore *s, int *v, bw_err *err)
{
    (void)v;
    return not_yet(s, err);
}
int rs_pg_check(rstore *s, bw_err *err) { return not_yet(s, err); }
int rs_pg_result_add(rstore *s, const char *text, const record_summary *sum,
                     const char *const who[3], int64_t at, int64_t *id, bw_err *err)
{
    (void)text, (void)sum, (void)who, (void)at, (void)id;
    return not_yet(s, err);
}
int rs_pg_results_list(rstore *s, const store_result_filter *f, store_result **out, int *count,
                       bw_err *err)
{
    (void)f, (void)out, (void)count;
    return not_yet(s, err);
}
int rs_pg_result_get(rstore *s, int64_t id, store_result *out, char **text, bw_err *err)
{
    (void)id, (void)out, (void)text;
    return not_yet(s, err);
}
int rs_pg_result_delete(rstore *s, int64_t id, bw_err *err)
{
    (void)id;
    return not_yet(s, err);
}
int rs_pg_session_get(rstore *s, const char *w, rstore_session *out, bw_err *err)
{
    (void)w, (void)out;
    return not_yet(s, err);
}
int rs_pg_session_put(rstore *s, const rstore_session *in, bw_err *err)
{
    (void)in;
    return not_yet(s, err);
}
int rs_pg_join(rstore *s, const char *w, const char *p, const char *t, int64_t now, bw_err *err)
{
    (void)w, (void)p, (void)t, (void)now;
    return not_yet(s, err);
}
int rs_pg_players_list(rstore *s, const char *w, rstore_player **out, int *count, bw_err *err)
{
    (void)w, (void)out, (void)count;
    return not_yet(s, err);
}
