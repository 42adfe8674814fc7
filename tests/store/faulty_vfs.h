/* faulty_vfs.h — an SQLite VFS that wraps the default one and makes
 * writes, truncations or syncs fail after N of them, as a full disk, a
 * failing disk or a file system gone read-only would (docs/fuzzing.md,
 * "Fault injection"). Registered as the default VFS, so store_open uses
 * it; errno as SQLite reports it (sqlite3_system_errno) is the injected
 * one, as the unix VFS would have it.
 *
 * Header-only, included by exactly one file of a test binary. */
#ifndef BULWARK_TESTS_FAULTY_VFS_H
#define BULWARK_TESTS_FAULTY_VFS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

typedef struct fv_file {
    sqlite3_file base;
    sqlite3_file *real; /* the wrapped file, right after this struct */
} fv_file;

static sqlite3_vfs *fv_real;
static sqlite3_vfs fv_vfs;
static long fv_ops, fv_fail_at, fv_failed;
static int fv_write_rc, fv_sync_rc, fv_errno;

/* From now, count writes, truncations and syncs; the n-th and all after it
 * fail: writes and truncations with write_rc, syncs with sync_rc, and
 * errno reads as err. n = 0: only count. */
static inline void fv_arm(long n, int write_rc, int sync_rc, int err)
{
    fv_ops = fv_failed = 0;
    fv_fail_at = n;
    fv_write_rc = write_rc;
    fv_sync_rc = sync_rc;
    fv_errno = err;
}
static inline void fv_disarm(void) { fv_fail_at = 0; }

static inline bool fv_refuse(void)
{
    fv_ops++;
    if (fv_fail_at > 0 && fv_ops >= fv_fail_at) {
        fv_failed++;
        return true;
    }
    return false;
}

#define FV_REAL(f) (((fv_file *)(f))->real)

static int fv_close(sqlite3_file *f) { return FV_REAL(f)->pMethods->xClose(FV_REAL(f)); }
static int fv_read(sqlite3_file *f, void *b, int n, sqlite3_int64 off)
{
    return FV_REAL(f)->pMethods->xRead(FV_REAL(f), b, n, off);
}
/* write_rc SQLITE_OK: writes and truncations go through (only syncs fail). */
static int fv_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 off)
{
    if (fv_refuse() && fv_write_rc != SQLITE_OK)
        return fv_write_rc;
    return FV_REAL(f)->pMethods->xWrite(FV_REAL(f), b, n, off);
}
static int fv_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    if (fv_refuse() && fv_write_rc != SQLITE_OK)
        return fv_write_rc;
    return FV_REAL(f)->pMethods->xTruncate(FV_REAL(f), size);
}
/* sync_rc SQLITE_OK: syncs go through (only writes fail). */
static int fv_sync(sqlite3_file *f, int flags)
{
    if (fv_refuse() && fv_sync_rc != SQLITE_OK)
        return fv_sync_rc;
    return FV_REAL(f)->pMethods->xSync(FV_REAL(f), flags);
}
static int fv_size(sqlite3_file *f, sqlite3_int64 *s) { return FV_REAL(f)->pMethods->xFileSize(FV_REAL(f), s); }
static int fv_lock(sqlite3_file *f, int l) { return FV_REAL(f)->pMethods->xLock(FV_REAL(f), l); }
static int fv_unlock(sqlite3_file *f, int l) { return FV_REAL(f)->pMethods->xUnlock(FV_REAL(f), l); }
static int fv_reserved(sqlite3_file *f, int *r)
{
    return FV_REAL(f)->pMethods->xCheckReservedLock(FV_REAL(f), r);
}
/* The unix VFS keeps each file's last errno: so does this one. */
static int fv_control(sqlite3_file *f, int op, void *arg)
{
    if (op == SQLITE_FCNTL_LAST_ERRNO && fv_failed) {
        *(int *)arg = fv_errno;
        return SQLITE_OK;
    }
    return FV_REAL(f)->pMethods->xFileControl(FV_REAL(f), op, arg);
}
static int fv_sector(sqlite3_file *f) { return FV_REAL(f)->pMethods->xSectorSize(FV_REAL(f)); }
static int fv_device(sqlite3_file *f) { return FV_REAL(f)->pMethods->xDeviceCharacteristics(FV_REAL(f)); }
static int fv_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **p)
{
    return FV_REAL(f)->pMethods->xShmMap(FV_REAL(f), pg, sz, extend, p);
}
static int fv_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    return FV_REAL(f)->pMethods->xShmLock(FV_REAL(f), off, n, flags);
}
static void fv_shm_barrier(sqlite3_file *f) { FV_REAL(f)->pMethods->xShmBarrier(FV_REAL(f)); }
static int fv_shm_unmap(sqlite3_file *f, int del) { return FV_REAL(f)->pMethods->xShmUnmap(FV_REAL(f), del); }
/* No memory-mapped reads: every page goes through xRead. */
static int fv_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
    (void)f, (void)off, (void)n;
    *p = NULL;
    return SQLITE_OK;
}
static int fv_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    (void)f, (void)off, (void)p;
    return SQLITE_OK;
}

static const sqlite3_io_methods fv_io = {
    3,           fv_close,    fv_read,     fv_write,       fv_truncate,  fv_sync,
    fv_size,     fv_lock,     fv_unlock,   fv_reserved,    fv_control,   fv_sector,
    fv_device,   fv_shm_map,  fv_shm_lock, fv_shm_barrier, fv_shm_unmap, fv_fetch,
    fv_unfetch,
};

static int fv_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out)
{
    (void)vfs;
    fv_file *f = (fv_file *)file;
    f->real = (sqlite3_file *)(f + 1);
    memset(f->real, 0, (size_t)fv_real->szOsFile);
    int rc = fv_real->xOpen(fv_real, name, f->real, flags, out);
    f->base.pMethods = f->real->pMethods ? &fv_io : NULL;
    return rc;
}

static int fv_last_error(sqlite3_vfs *vfs, int n, char *buf)
{
    (void)vfs;
    return fv_failed ? fv_errno : fv_real->xGetLastError(fv_real, n, buf);
}

/* Wrap the default VFS and make the wrapper the default. */
static inline bool fv_install(void)
{
    if (sqlite3_initialize() != SQLITE_OK || !(fv_real = sqlite3_vfs_find(NULL)))
        return false;
    fv_vfs = *fv_real;
    fv_vfs.zName = "bulwark-faulty";
    fv_vfs.szOsFile = (int)sizeof(fv_file) + fv_real->szOsFile;
    fv_vfs.xOpen = fv_open;
    fv_vfs.xGetLastError = fv_last_error;
    fv_vfs.pNext = NULL;
    return sqlite3_vfs_register(&fv_vfs, 1) == SQLITE_OK;
}

#endif
