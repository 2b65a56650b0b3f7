/*
 * driver.c: replays inputs through a harness without libFuzzer, for a
 * compiler that has none (gcc): each FILE operand is read and given to
 * LLVMFuzzerTestOneInput() once.  Built into a harness by make
 * fuzz-replay FUZZ_ENGINE=driver.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

__attribute__((weak)) int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

int
main(int argc, char *argv[])
{
	char *buf = NULL;
	FILE *fp;
	size_t n, cap = 0;
	int i;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return 1;
		}
		for (n = 0; !feof(fp) && !ferror(fp); n += fread(buf + n, 1,
		    cap - n, fp))
			if (n == cap && (buf = realloc(buf, cap = cap * 2 +
			    4096)) == NULL)
				abort();
		if (ferror(fp)) {
			perror(argv[i]);
			return 1;
		}
		fclose(fp);
		fprintf(stderr, "Running: %s\n", argv[i]);
		LLVMFuzzerTestOneInput((const uint8_t *)buf, n);
		fprintf(stderr, "Executed %s\n", argv[i]);
	}
	free(buf);
	return 0;
}
