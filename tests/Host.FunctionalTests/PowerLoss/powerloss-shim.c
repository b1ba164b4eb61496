/*
 * LD_PRELOAD shim of the power-loss test (PowerLossTests.cs, documented in docs/testing.md, "Power loss").
 *
 * Records every change a process makes to the files and folders under one folder, so the test can rebuild the folder
 * as it would be on disk after a power cut: each file holds what was written before its last completed fsync, and a
 * new name (a file or folder created, renamed or linked into place) is there only if its folder was fsynced after.
 *
 *   SKEIN_POWERLOSS_DIR  the folder recorded, with everything under it except SQLite's *-shm files
 *   SKEIN_POWERLOSS_LOG  the record file, appended to
 *   SKEIN_POWERLOSS_FAIL_SYNC  optional: a path under the folder whose fsync/fdatasync fails with EIO, unrecorded
 *
 * A record is a fixed header, the path and, for a write, the bytes written (see PowerLossRecord.cs):
 *   u32 kind, u32 path length, i64 offset, i64 length, path bytes, data bytes
 * kinds: 1 write (offset, length, data), 2 truncate (length), 3 fsync/fdatasync of a file or folder, 4 unlink,
 * 5 rename (data = new path), 6 file created by open, 7 mkdir, 8 rmdir, 9 link (data = new path).
 *
 * The host's folder fsyncs go through DllImport("libc"), which binds open and fsync with dlsym on libc's own handle,
 * where LD_PRELOAD does not reach; dlsym is wrapped so that such a look-up finds the wrappers here too.
 *
 * One lock is held across the real call and its record, so the records are in the order the calls took effect, and
 * a sync's record comes after its writes and before the call returns: whatever was acknowledged after a sync
 * returned is after that sync in the record file.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum {
    REC_WRITE = 1, REC_TRUNCATE = 2, REC_SYNC = 3, REC_UNLINK = 4, REC_RENAME = 5,
    REC_CREATE = 6, REC_MKDIR = 7, REC_RMDIR = 8, REC_LINK = 9,
};

struct header {
    uint32_t kind;
    uint32_t path_length;
    int64_t offset;
    int64_t length;
};

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static ssize_t (*real_writev)(int, const struct iovec *, int);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_unlink)(const char *);
static int (*real_unlinkat)(int, const char *, int);
static int (*real_rename)(const char *, const char *);
static int (*real_renameat)(int, const char *, int, const char *);
static ssize_t (*real_pwritev)(int, const struct iovec *, int, off_t);
static ssize_t (*real_pwritev64)(int, const struct iovec *, int, off64_t);
static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_openat64)(int, const char *, int, ...);
static int (*real_mkdir)(const char *, mode_t);
static int (*real_mkdirat)(int, const char *, mode_t);
static int (*real_rmdir)(const char *);
static int (*real_link)(const char *, const char *);
static int (*real_linkat)(int, const char *, int, const char *, int);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char dir[PATH_MAX];
static char fail_sync[PATH_MAX];
static size_t dir_length;
static int log_fd = -1;

static void init(void)
{
    real_write = dlsym(RTLD_NEXT, "write");
    real_pwrite = dlsym(RTLD_NEXT, "pwrite");
    real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
    real_writev = dlsym(RTLD_NEXT, "writev");
    real_fsync = dlsym(RTLD_NEXT, "fsync");
    real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
    real_ftruncate = dlsym(RTLD_NEXT, "ftruncate");
    real_ftruncate64 = dlsym(RTLD_NEXT, "ftruncate64");
    real_unlink = dlsym(RTLD_NEXT, "unlink");
    real_unlinkat = dlsym(RTLD_NEXT, "unlinkat");
    real_rename = dlsym(RTLD_NEXT, "rename");
    real_renameat = dlsym(RTLD_NEXT, "renameat");
    real_pwritev = dlsym(RTLD_NEXT, "pwritev");
    real_pwritev64 = dlsym(RTLD_NEXT, "pwritev64");
    real_open = dlsym(RTLD_NEXT, "open");
    real_open64 = dlsym(RTLD_NEXT, "open64");
    real_openat = dlsym(RTLD_NEXT, "openat");
    real_openat64 = dlsym(RTLD_NEXT, "openat64");
    real_mkdir = dlsym(RTLD_NEXT, "mkdir");
    real_mkdirat = dlsym(RTLD_NEXT, "mkdirat");
    real_rmdir = dlsym(RTLD_NEXT, "rmdir");
    real_link = dlsym(RTLD_NEXT, "link");
    real_linkat = dlsym(RTLD_NEXT, "linkat");

    const char *d = getenv("SKEIN_POWERLOSS_DIR");
    const char *l = getenv("SKEIN_POWERLOSS_LOG");
    if (d == NULL || l == NULL || realpath(d, dir) == NULL) {
        dir[0] = '\0';
        return;
    }

    dir_length = strlen(dir);
    /* Given under the folder as named, compared with paths under the folder as resolved. */
    const char *f = getenv("SKEIN_POWERLOSS_FAIL_SYNC");
    size_t named = strlen(d);
    if (f != NULL && strncmp(f, d, named) == 0 && dir_length + strlen(f + named) < PATH_MAX) {
        snprintf(fail_sync, sizeof fail_sync, "%s%s", dir, f + named);
    }
    log_fd = real_open(l, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) {
        /* Recording nothing would make the test pass for the wrong reason. */
        fprintf(stderr, "powerloss-shim: cannot open %s: %s\n", l, strerror(errno));
        abort();
    }
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A path is recorded when it is the folder or under it, except -shm files (SQLite writes them through mmap and
 * rebuilds them from the WAL after a crash) and a descriptor's file that is unlinked already (it has no name left). */
static int tracked(const char *path)
{
    return dir_length > 0 && strncmp(path, dir, dir_length) == 0 && (path[dir_length] == '/' || path[dir_length] == '\0')
        && !ends_with(path, "-shm") && !ends_with(path, " (deleted)");
}

/* The path behind fd, if it is recorded; resolved on every call, so there is no descriptor table to keep right. */
static int fd_path(int fd, char *out)
{
    pthread_once(&once, init);
    if (dir_length == 0) {
        return 0;
    }

    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, out, PATH_MAX - 1);
    if (n <= 0) {
        return 0;
    }

    out[n] = '\0';
    return tracked(out);
}

/* An absolute form of a path given to unlink or rename (relative to the working directory or to dirfd). */
static int name_path(int dirfd, const char *name, char *out)
{
    pthread_once(&once, init);
    if (dir_length == 0 || name == NULL) {
        return 0;
    }

    if (name[0] == '/') {
        if (strlen(name) >= PATH_MAX) {
            return 0;
        }
        strcpy(out, name);
    } else {
        char base[PATH_MAX];
        if (dirfd == AT_FDCWD) {
            if (getcwd(base, sizeof base) == NULL) {
                return 0;
            }
        } else {
            char link[64];
            snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
            ssize_t n = readlink(link, base, sizeof base - 1);
            if (n <= 0) {
                return 0;
            }
            base[n] = '\0';
        }
        size_t b = strlen(base), n = strlen(name);
        if (b + 1 + n >= PATH_MAX) {
            return 0;
        }
        memcpy(out, base, b);
        out[b] = '/';
        memcpy(out + b + 1, name, n + 1);
    }

    return tracked(out);
}

static void write_all(const void *data, size_t length)
{
    const char *p = data;
    while (length > 0) {
        ssize_t n = real_write(log_fd, p, length);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            fprintf(stderr, "powerloss-shim: cannot append to the record: %s\n", strerror(errno));
            abort();
        }
        p += n;
        length -= (size_t)n;
    }
}

/* Called with the lock held. */
static void record(uint32_t kind, const char *path, int64_t offset, int64_t length, const struct iovec *data, int count)
{
    int saved = errno;
    struct header h = { kind, (uint32_t)strlen(path), offset, length };
    write_all(&h, sizeof h);
    write_all(path, h.path_length);
    int64_t left = kind == REC_WRITE || kind == REC_RENAME ? length : 0;
    for (int i = 0; i < count && left > 0; i++) {
        size_t n = data[i].iov_len < (size_t)left ? data[i].iov_len : (size_t)left;
        write_all(data[i].iov_base, n);
        left -= (int64_t)n;
    }
    errno = saved;
}

/* Where a write() on fd lands: the file's end for O_APPEND, else the current position. */
static off_t write_position(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0 && (flags & O_APPEND)) {
        struct stat st;
        return fstat(fd, &st) == 0 ? st.st_size : -1;
    }
    return lseek(fd, 0, SEEK_CUR);
}

ssize_t write(int fd, const void *buf, size_t count)
{
    char path[PATH_MAX];
    if (!fd_path(fd, path)) {
        pthread_once(&once, init);
        return real_write(fd, buf, count);
    }

    pthread_mutex_lock(&lock);
    off_t at = write_position(fd);
    ssize_t n = real_write(fd, buf, count);
    if (n > 0) {
        struct iovec v = { (void *)buf, (size_t)n };
        record(REC_WRITE, path, at, n, &v, 1);
    }
    pthread_mutex_unlock(&lock);
    return n;
}

ssize_t writev(int fd, const struct iovec *iov, int count)
{
    char path[PATH_MAX];
    if (!fd_path(fd, path)) {
        pthread_once(&once, init);
        return real_writev(fd, iov, count);
    }

    pthread_mutex_lock(&lock);
    off_t at = write_position(fd);
    ssize_t n = real_writev(fd, iov, count);
    if (n > 0) {
        record(REC_WRITE, path, at, n, iov, count);
    }
    pthread_mutex_unlock(&lock);
    return n;
}

static ssize_t positioned(int fd, const void *buf, size_t count, off64_t offset, int wide)
{
    char path[PATH_MAX];
    int recorded = fd_path(fd, path);
    if (recorded) {
        pthread_mutex_lock(&lock);
    }
    ssize_t n = wide ? real_pwrite64(fd, buf, count, offset) : real_pwrite(fd, buf, count, (off_t)offset);
    if (recorded) {
        if (n > 0) {
            struct iovec v = { (void *)buf, (size_t)n };
            record(REC_WRITE, path, offset, n, &v, 1);
        }
        pthread_mutex_unlock(&lock);
    }
    return n;
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) { return positioned(fd, buf, count, offset, 0); }

ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset) { return positioned(fd, buf, count, offset, 1); }

static int sync_call(int fd, int data_only)
{
    char path[PATH_MAX];
    int recorded = fd_path(fd, path);
    if (recorded && fail_sync[0] != '\0' && strcmp(path, fail_sync) == 0) {
        errno = EIO;
        return -1;
    }
    if (recorded) {
        pthread_mutex_lock(&lock);
    }
    int rc = data_only ? real_fdatasync(fd) : real_fsync(fd);
    if (recorded) {
        if (rc == 0) {
            record(REC_SYNC, path, 0, 0, NULL, 0);
        }
        pthread_mutex_unlock(&lock);
    }
    return rc;
}

int fsync(int fd) { return sync_call(fd, 0); }

int fdatasync(int fd) { return sync_call(fd, 1); }

static int truncate_call(int fd, off64_t length, int wide)
{
    char path[PATH_MAX];
    int recorded = fd_path(fd, path);
    if (recorded) {
        pthread_mutex_lock(&lock);
    }
    int rc = wide ? real_ftruncate64(fd, length) : real_ftruncate(fd, (off_t)length);
    if (recorded) {
        if (rc == 0) {
            record(REC_TRUNCATE, path, 0, length, NULL, 0);
        }
        pthread_mutex_unlock(&lock);
    }
    return rc;
}

int ftruncate(int fd, off_t length) { return truncate_call(fd, length, 0); }

int ftruncate64(int fd, off64_t length) { return truncate_call(fd, length, 1); }

static int unlink_call(int dirfd, const char *name, int flags, int at)
{
    char path[PATH_MAX];
    int recorded = name_path(dirfd, name, path);
    if (recorded) {
        pthread_mutex_lock(&lock);
    }
    int rc = at ? real_unlinkat(dirfd, name, flags) : real_unlink(name);
    if (recorded) {
        if (rc == 0) {
            record(at && (flags & AT_REMOVEDIR) ? REC_RMDIR : REC_UNLINK, path, 0, 0, NULL, 0);
        }
        pthread_mutex_unlock(&lock);
    }
    return rc;
}

int unlink(const char *name) { return unlink_call(AT_FDCWD, name, 0, 0); }

int unlinkat(int dirfd, const char *name, int flags) { return unlink_call(dirfd, name, flags, 1); }

/* A rename or a link: recorded under the old name, with the new name as its data. */
static int name_call(int kind, int olddirfd, const char *oldname, int newdirfd, const char *newname, int flags, int at)
{
    char from[PATH_MAX], to[PATH_MAX];
    int a = name_path(olddirfd, oldname, from);
    int b = name_path(newdirfd, newname, to);
    int recorded = a || b;
    if (recorded) {
        pthread_mutex_lock(&lock);
    }
    int rc = kind == REC_LINK ? (at ? real_linkat(olddirfd, oldname, newdirfd, newname, flags) : real_link(oldname, newname))
        : at ? real_renameat(olddirfd, oldname, newdirfd, newname) : real_rename(oldname, newname);
    if (recorded) {
        if (rc == 0) {
            struct iovec v = { to, strlen(to) };
            record((uint32_t)kind, from, 0, (int64_t)v.iov_len, &v, 1);
        }
        pthread_mutex_unlock(&lock);
    }
    return rc;
}

int rename(const char *oldname, const char *newname) { return name_call(REC_RENAME, AT_FDCWD, oldname, AT_FDCWD, newname, 0, 0); }

int renameat(int olddirfd, const char *oldname, int newdirfd, const char *newname)
{
    return name_call(REC_RENAME, olddirfd, oldname, newdirfd, newname, 0, 1);
}

int link(const char *oldname, const char *newname) { return name_call(REC_LINK, AT_FDCWD, oldname, AT_FDCWD, newname, 0, 0); }

int linkat(int olddirfd, const char *oldname, int newdirfd, const char *newname, int flags)
{
    return name_call(REC_LINK, olddirfd, oldname, newdirfd, newname, flags, 1);
}

static ssize_t positioned_vector(int fd, const struct iovec *iov, int count, off64_t offset, int wide)
{
    char path[PATH_MAX];
    int recorded = fd_path(fd, path);
    if (recorded) {
        pthread_mutex_lock(&lock);
    }
    ssize_t n = wide ? real_pwritev64(fd, iov, count, offset) : real_pwritev(fd, iov, count, (off_t)offset);
    if (recorded) {
        if (n > 0) {
            record(REC_WRITE, path, offset, n, iov, count);
        }
        pthread_mutex_unlock(&lock);
    }
    return n;
}

ssize_t pwritev(int fd, const struct iovec *iov, int count, off_t offset) { return positioned_vector(fd, iov, count, offset, 0); }

ssize_t pwritev64(int fd, const struct iovec *iov, int count, off64_t offset)
{
    return positioned_vector(fd, iov, count, offset, 1);
}

/* An open that may create the file (O_CREAT) or empty it (O_TRUNC) is recorded as a create or a truncation to 0. */
static int open_call(int dirfd, const char *name, int flags, mode_t mode, int which)
{
    pthread_once(&once, init);
    char path[PATH_MAX];
    int recorded = (flags & (O_CREAT | O_TRUNC)) != 0 && name_path(dirfd, name, path);
    struct stat before;
    int existed = 0;
    if (recorded) {
        pthread_mutex_lock(&lock);
        existed = stat(path, &before) == 0;
    }
    int fd = which == 0 ? real_open(name, flags, mode)
        : which == 1 ? real_open64(name, flags, mode)
        : which == 2 ? real_openat(dirfd, name, flags, mode)
        : real_openat64(dirfd, name, flags, mode);
    if (recorded) {
        if (fd >= 0 && !existed) {
            record(REC_CREATE, path, 0, 0, NULL, 0);
        } else if (fd >= 0 && (flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY && S_ISREG(before.st_mode)) {
            record(REC_TRUNCATE, path, 0, 0, NULL, 0);
        }
        pthread_mutex_unlock(&lock);
    }
    return fd;
}

static int takes_mode(int flags) { return (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE; }

#define MODE_ARGUMENT(flags, last, mode) \
    mode_t mode = 0; \
    if (takes_mode(flags)) { \
        va_list args; \
        va_start(args, last); \
        mode = (mode_t)va_arg(args, int); \
        va_end(args); \
    }

int open(const char *name, int flags, ...)
{
    MODE_ARGUMENT(flags, flags, mode)
    return open_call(AT_FDCWD, name, flags, mode, 0);
}

int open64(const char *name, int flags, ...)
{
    MODE_ARGUMENT(flags, flags, mode)
    return open_call(AT_FDCWD, name, flags, mode, 1);
}

int openat(int dirfd, const char *name, int flags, ...)
{
    MODE_ARGUMENT(flags, flags, mode)
    return open_call(dirfd, name, flags, mode, 2);
}

int openat64(int dirfd, const char *name, int flags, ...)
{
    MODE_ARGUMENT(flags, flags, mode)
    return open_call(dirfd, name, flags, mode, 3);
}

static int folder_call(int dirfd, const char *name, mode_t mode, int kind, int at)
{
    char path[PATH_MAX];
    int recorded = name_path(dirfd, name, path);
    if (recorded) {
        pthread_mutex_lock(&lock);
    }
    int rc = kind == REC_RMDIR ? real_rmdir(name) : at ? real_mkdirat(dirfd, name, mode) : real_mkdir(name, mode);
    if (recorded) {
        if (rc == 0) {
            record((uint32_t)kind, path, 0, 0, NULL, 0);
        }
        pthread_mutex_unlock(&lock);
    }
    return rc;
}

int mkdir(const char *name, mode_t mode) { return folder_call(AT_FDCWD, name, mode, REC_MKDIR, 0); }

int mkdirat(int dirfd, const char *name, mode_t mode) { return folder_call(dirfd, name, mode, REC_MKDIR, 1); }

int rmdir(const char *name) { return folder_call(AT_FDCWD, name, 0, REC_RMDIR, 0); }

/* DllImport("libc") looks functions up on libc's own handle, past LD_PRELOAD: such a look-up of a function wrapped
 * here gets the wrapper, as a call through the program's symbol table would. */
static const struct {
    const char *name;
    void *function;
} wrapped[] = {
    { "write", (void *)write }, { "writev", (void *)writev }, { "pwrite", (void *)pwrite },
    { "pwrite64", (void *)pwrite64 }, { "pwritev", (void *)pwritev }, { "pwritev64", (void *)pwritev64 },
    { "fsync", (void *)fsync }, { "fdatasync", (void *)fdatasync }, { "ftruncate", (void *)ftruncate },
    { "ftruncate64", (void *)ftruncate64 }, { "unlink", (void *)unlink }, { "unlinkat", (void *)unlinkat },
    { "rename", (void *)rename }, { "renameat", (void *)renameat }, { "link", (void *)link },
    { "linkat", (void *)linkat }, { "open", (void *)open }, { "open64", (void *)open64 },
    { "openat", (void *)openat }, { "openat64", (void *)openat64 }, { "mkdir", (void *)mkdir },
    { "mkdirat", (void *)mkdirat }, { "rmdir", (void *)rmdir },
};

void *dlsym(void *handle, const char *name)
{
    static void *(*real_dlsym)(void *, const char *);
    if (real_dlsym == NULL) {
        /* The newest version first; then the first one of x86-64 and of arm64. */
        static const char *const versions[] = { "GLIBC_2.34", "GLIBC_2.2.5", "GLIBC_2.17" };
        for (size_t i = 0; i < sizeof versions / sizeof versions[0] && real_dlsym == NULL; i++) {
            real_dlsym = dlvsym(RTLD_NEXT, "dlsym", versions[i]);
        }
        if (real_dlsym == NULL) {
            fputs("powerloss-shim: cannot find glibc's dlsym\n", stderr);
            abort();
        }
    }

    if (handle != RTLD_NEXT && handle != RTLD_DEFAULT) {
        for (size_t i = 0; i < sizeof wrapped / sizeof wrapped[0]; i++) {
            if (strcmp(name, wrapped[i].name) == 0) {
                return wrapped[i].function;
            }
        }
    }

    return real_dlsym(handle, name);
}
