/*
 * weeks.c: demand per product and week in blocks that take at most a
 * budget of memory (weeks.h).  The block to write out is chosen by a
 * clock: each product has a bit set when it is met; the hand passes over
 * the products in memory, clearing bits, and takes the first whose bit is
 * clear.  A block goes back to its old place in the file when it fits,
 * else to the end, so the file holds at most the blocks' sizes as they
 * grew by half.
 */
#include "weeks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pl_weeks_slot {
	off_t off;
	size_t size;		/* 0: never written */
};

static size_t
block_size(const struct pl_weeks *w, uint32_t room)
{
	return sizeof(struct pl_weeks_block) + room * (w->k * sizeof(double) +
	    sizeof(uint32_t));
}

int
pl_weeks_init(struct pl_weeks *w, size_t nprod, int ledger, size_t budget)
{
	memset(w, 0, sizeof(*w));
	w->nprod = nprod;
	w->k = ledger ? 3 : 1;
	w->budget = budget;
	w->fd = -1;
	pl_err_clear(&w->lost);
	w->mem = calloc(nprod ? nprod : 1, sizeof(*w->mem));
	w->disk = calloc(nprod ? nprod : 1, sizeof(*w->disk));
	w->met = calloc(nprod ? nprod : 1, 1);
	if (w->mem == NULL || w->disk == NULL || w->met == NULL) {
		free(w->mem);
		free(w->disk);
		free(w->met);
		memset(w, 0, sizeof(*w));
		return -1;
	}
	return 0;
}

void
pl_weeks_free(struct pl_weeks *w)
{
	size_t i;

	/* never set up (a zeroed struct, whose fd 0 is not ours), or freed */
	if (w->mem == NULL)
		return;
	for (i = 0; i < w->nprod; i++)
		free(w->mem[i]);
	free(w->mem);
	free(w->disk);
	free(w->met);
	if (w->fd >= 0)
		close(w->fd);
	memset(w, 0, sizeof(*w));
}

static int
io_error(struct pl_err *e, const char *what, int err)
{
	return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot %s the demand per "
	    "week in a temporary file: %s%s", what, strerror(err),
	    *what == 'k' ? " (it was kept in memory instead)" : "");
}

/* All n bytes at off, written (write) or read: 0, or the errno (EIO for
 * a file that ends early). */
static int
whole(int fd, void *p, size_t n, off_t off, int write)
{
	char *b = p;
	ssize_t k;

	while (n > 0) {
		k = write ? pwrite(fd, b, n, off) : pread(fd, b, n, off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k < 0 ? errno : EIO;
		b += k;
		n -= (size_t)k;
		off += k;
	}
	return 0;
}

/* The temporary file, in TMPDIR (else /tmp), made on first need. */
static int
file(struct pl_weeks *w, struct pl_err *e)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];

	if (w->fd >= 0)
		return 0;
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof(path), "%s/poreview-weeks-XXXXXX",
	    dir) >= sizeof(path))
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "TMPDIR is too long");
	if ((w->fd = mkstemp(path)) < 0)
		return pl_err_set(e, PL_EXIT_IO, NULL, 0, "cannot keep the "
		    "demand per week in a temporary file in %s: %s (it was "
		    "kept in memory instead)", dir, strerror(errno));
	unlink(path);
	return 0;
}

/* Write product i's block out and free it. */
static int
evict(struct pl_weeks *w, size_t i, struct pl_err *e)
{
	struct pl_weeks_block *b = w->mem[i];
	struct pl_weeks_slot *s = &w->disk[i];
	size_t size = block_size(w, b->room);
	int err;

	if (file(w, e) < 0)
		return -1;
	if (s->size < size) {
		s->off = w->end;
		w->end += (off_t)size;
	}
	s->size = size;
	if ((err = whole(w->fd, b, size, s->off, 1)) != 0)
		return io_error(e, "keep", err);
	free(b);
	w->mem[i] = NULL;
	w->bytes -= size;
	w->evicted++;
	return 0;
}

/* Write blocks out until those in memory fit the budget; product keep
 * stays, even when it alone is over.  A file that cannot be made or
 * written is noted in w->lost, once, and the blocks stay. */
static void
fit(struct pl_weeks *w, size_t keep)
{
	size_t steps;

	for (steps = 0; w->bytes > w->budget && steps < 2 * w->nprod &&
	    w->lost.status == 0; steps++) {
		size_t i = w->hand;

		w->hand = (w->hand + 1) % w->nprod;
		if (w->mem[i] == NULL || i == keep)
			continue;
		if (w->met[i]) {
			w->met[i] = 0;
			continue;
		}
		evict(w, i, &w->lost);
	}
}

/* Product i's block into memory, when it has one: *out (NULL: none).
 * 0, or -1 with e filled. */
static int
load(struct pl_weeks *w, size_t i, struct pl_weeks_block **out,
    struct pl_err *e)
{
	struct pl_weeks_slot *s = &w->disk[i];
	struct pl_weeks_block *b;
	int err;

	w->met[i] = 1;
	if (w->mem[i] || s->size == 0) {
		*out = w->mem[i];
		return 0;
	}
	if ((b = malloc(s->size)) == NULL)
		return pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0, "out of memory");
	if ((err = whole(w->fd, b, s->size, s->off, 0)) != 0) {
		free(b);
		return io_error(e, "read", err);
	}
	w->mem[i] = b;
	w->bytes += s->size;
	*out = b;
	fit(w, i);
	return 0;
}

/* Room for one more week in block b (NULL: a new block), grown by half:
 * the arrays after the first move up to their new places, the last one
 * first. */
static struct pl_weeks_block *
grow(struct pl_weeks *w, struct pl_weeks_block *b)
{
	uint32_t old = b ? b->room : 0;
	uint32_t room = old < 4 ? 4 : old + old / 2;
	struct pl_weeks_block *t;
	size_t j;

	if ((t = realloc(b, block_size(w, room))) == NULL)
		return NULL;
	if (old == 0)
		t->n = 0;
	memmove(t->v + room * w->k, t->v + old * w->k, t->n *
	    sizeof(uint32_t));
	for (j = w->k - 1; j > 0; j--)
		memmove(t->v + j * room, t->v + j * old, t->n * sizeof(double));
	t->room = room;
	return t;
}

/* Where week wk is among the n sorted weeks, or would go. */
static uint32_t
position(const uint32_t *week, uint32_t n, uint32_t wk)
{
	uint32_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (week[mid] < wk)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

double *
pl_weeks_entry(struct pl_weeks *w, size_t prod, uint32_t wk, int *made,
    size_t *stride, struct pl_err *e)
{
	struct pl_weeks_block *b;
	uint32_t i = 0, *week;
	size_t j;

	*made = 0;
	if (load(w, prod, &b, e) < 0)
		return NULL;
	if (b)
		i = position(PL_WEEKS_OF(w, b), b->n, wk);
	if (b == NULL || i == b->n || PL_WEEKS_OF(w, b)[i] != wk) {
		if (b == NULL || b->n == b->room) {
			size_t before = b ? block_size(w, b->room) : 0;

			if ((b = grow(w, b)) == NULL) {
				pl_err_set(e, PL_EXIT_INTERNAL, NULL, 0,
				    "out of memory");
				return NULL;
			}
			w->mem[prod] = b;
			w->bytes += block_size(w, b->room) - before;
		}
		week = PL_WEEKS_OF(w, b);
		memmove(week + i + 1, week + i, (b->n - i) * sizeof(*week));
		week[i] = wk;
		for (j = 0; j < w->k; j++) {
			double *v = b->v + j * b->room;

			memmove(v + i + 1, v + i, (b->n - i) * sizeof(*v));
			v[i] = 0;
		}
		b->n++;
		*made = 1;
		fit(w, prod);
	}
	*stride = b->room;
	return &b->v[i];
}

int
pl_weeks_product(struct pl_weeks *w, size_t prod,
    const struct pl_weeks_block **out, struct pl_err *e)
{
	struct pl_weeks_block *b;

	*out = NULL;
	if (load(w, prod, &b, e) < 0)
		return -1;
	*out = b;
	return 0;
}
