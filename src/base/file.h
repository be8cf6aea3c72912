/* file.h - files that hold password hashes or personal data (stores, backups,
 * exports): created readable and writable by their owner only (0600), whatever
 * the umask. */
#ifndef NCT_FILE_H
#define NCT_FILE_H

#include <stdbool.h>
#include "err.h"

#define FILE_PRIVATE_MODE 0600

/* Opens path for writing with mode 0600 and returns the descriptor in *fd
 * (the caller closes it). An existing file is truncated and its mode narrowed
 * to 0600; with exclusive, an existing file is NCT_ERR_CONFLICT instead.
 * A symbolic link at path is refused. NCT_ERR_IO otherwise (errno says why). */
nct_err file_create_private(const char *path, bool exclusive, int *fd);

/* Narrows the mode of an existing file to its owner's bits (0644 becomes
 * 0600). NCT_OK when there is no such file or nothing to narrow; *narrowed
 * says whether the mode changed. NCT_ERR_IO when it cannot be changed (the
 * file belongs to someone else). */
nct_err file_make_private(const char *path, bool *narrowed);

#endif
