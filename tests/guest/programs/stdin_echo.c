/* Reads the request through stdin (getchar) and echoes it upper-cased
 * through stdout, counting lines on the debug log. */
#include <ctype.h>
#include <stdio.h>

int main(void) {
  int c, lines = 0;
  while ((c = getchar()) != EOF) {
    if (c == '\n') ++lines;
    putchar(toupper(c));
  }
  fprintf(stderr, "%d lines\n", lines);
  return lines;
}
