#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

const char *
pl_input_display(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

int
pl_input_open(struct pl_input *in, const char *path,
    unsigned long long limit, struct pl_err *e)
{
	const char *name = pl_input_display(path);
	struct stat st;
	int fd;

	memset(in, 0, sizeof(*in));
	snprintf(in->name, sizeof(in->name), "%s", name);
	in->limit = limit;
	in->crc = crc32(0, NULL, 0);
	if (strcmp(path, "-") == 0)
		fd = dup(STDIN_FILENO);
	else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0,
		    "cannot open '%s': %s", name, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return pl_err_set(e, PL_EXIT_IO, NULL, 0,
		    "cannot read '%s': %s", name, strerror(EISDIR));
	}
	in->gz = gzdopen(fd, "rb");
	if (in->gz == NULL) {
		close(fd);
		return pl_err_set(e, PL_EXIT_IO, NULL, 0,
		    "cannot open '%s': %s", name, "out of memory");
	}
	gzbuffer(in->gz, 128 * 1024);
	return 0;
}

/* Count and checksum n bytes delivered. */
static int
account(struct pl_input *in, const char *buf, int n)
{
	in->count += (unsigned)n;
	if (in->limit && in->count > in->limit) {
		in->over = 1;
		return -1;
	}
	in->crc = crc32(in->crc, (const Bytef *)buf, (uInt)n);
	return n;
}

int
pl_input_read(struct pl_input *in, char *buf, int len)
{
	int n, zerr;
	const char *msg;

	if (in->gz == NULL || in->over || in->failed)
		return -1;
	if (in->headpos < in->headlen) {
		n = in->headlen - in->headpos;
		if (n > len)
			n = len;
		memcpy(buf, in->head + in->headpos, (size_t)n);
		in->headpos += n;
		return account(in, buf, n);
	}
	if (in->limit && (unsigned long long)len > in->limit - in->count + 1)
		len = (int)(in->limit - in->count + 1);
	n = gzread(in->gz, buf, (unsigned)len);
	msg = gzerror(in->gz, &zerr);
	if (n < 0 || (zerr != Z_OK && zerr != Z_BUF_ERROR) ||
	    (zerr == Z_BUF_ERROR && n == 0)) {
		in->failed = zerr == Z_ERRNO ? 2 : 1;
		if (zerr == Z_ERRNO)
			snprintf(in->why, sizeof(in->why), "read error: %s",
			    strerror(errno));
		else if (zerr == Z_BUF_ERROR)
			snprintf(in->why, sizeof(in->why),
			    "truncated gzip stream (unexpected end of file)");
		else
			snprintf(in->why, sizeof(in->why), "bad gzip data: %s",
			    msg);
		return -1;
	}
	return account(in, buf, n);
}

int
pl_input_peek(struct pl_input *in, const unsigned char **head)
{
	char tmp[4];
	int n, got = 0;

	*head = in->head;
	if (in->headlen > 0 || in->count > 0)
		return in->headlen - in->headpos;
	/* read through pl_input_read() for its checks, then undo its count */
	while (got < 4 && (n = pl_input_read(in, tmp, 4 - got)) > 0) {
		memcpy(in->head + got, tmp, (size_t)n);
		got += n;
	}
	if (in->over || in->failed)
		return -1;
	in->count = 0;
	in->crc = crc32(0, NULL, 0);
	in->headlen = got;
	in->headpos = 0;
	return got;
}

void
pl_input_close(struct pl_input *in)
{
	if (in->gz)
		gzclose_r(in->gz);
	in->gz = NULL;
}
