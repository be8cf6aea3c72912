#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

nct_err file_create_private(const char *path, bool exclusive, int *fd)
{
	int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (exclusive ? O_EXCL : O_TRUNC);
	*fd = open(path, flags, FILE_PRIVATE_MODE);
	if (*fd < 0)
		return errno == EEXIST ? NCT_ERR_CONFLICT : NCT_ERR_IO;
	/* open() applies the mode only to a file it creates: narrow an old one too. */
	if (fchmod(*fd, FILE_PRIVATE_MODE) != 0) {
		int saved = errno;
		close(*fd);
		*fd = -1;
		errno = saved;
		return NCT_ERR_IO;
	}
	return NCT_OK;
}

nct_err file_make_private(const char *path, bool *narrowed)
{
	struct stat sb;
	*narrowed = false;
	if (lstat(path, &sb) != 0)
		return errno == ENOENT ? NCT_OK : NCT_ERR_IO;
	if (!S_ISREG(sb.st_mode) || !(sb.st_mode & 077))
		return NCT_OK;
	if (chmod(path, sb.st_mode & 0700) != 0)
		return NCT_ERR_IO;
	*narrowed = true;
	return NCT_OK;
}
