/* error.c — the bw_err helpers shared by every module. */
#include "bulwark/error.h"

#include <stdio.h>
#include <string.h>

int bw_err_set(bw_err *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void bw_err_clear(bw_err *err)
{
    if (err) {
        err->code = BW_OK;
        err->msg[0] = '\0';
    }
}

const char *bw_err_name(int code)
{
    switch (code) {
    case BW_OK: return "ok";
    case BW_EINVAL: return "invalid";
    case BW_ENOMEM: return "out of memory";
    case BW_ENOTFOUND: return "not found";
    case BW_EBUDGET: return "not enough budget";
    case BW_ESTAFF: return "not enough staff hours";
    case BW_EBUSY: return "already running";
    case BW_EOFFLINE: return "node offline";
    case BW_EREFUSED: return "refused";
    case BW_EOVER: return "game over";
    case BW_ELIMIT: return "limit exceeded";
    case BW_EIO: return "input/output error";
    case BW_ESCRIPT: return "script error";
    default: return "unknown error";
    }
}
