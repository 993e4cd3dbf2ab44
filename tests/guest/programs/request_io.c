/* The request and response streams in C, through each interface: the
 * first request byte picks one. The VM moves at most one aligned 32-byte
 * block per system call, so every path below needs the runtime's loops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vcc/guest/io.h>

int main(void) {
  size_t size = 0;
  unsigned char* request = vcc_read_request_all(&size);
  if (size == 0) {
    vcc_debug_print("empty request\n");
    return 3;
  }
  char header[64];
  snprintf(header, sizeof header, "mode %c, %zu bytes\n", request[0], size);
  vcc_debug_print(header);
  switch (request[0]) {
    case 'r': /* reversed, in one vcc_write_response call */
      for (size_t i = 0, j = size - 1; i < j; ++i, --j) {
        unsigned char t = request[i];
        request[i] = request[j];
        request[j] = t;
      }
      vcc_write_response(request, size);
      break;
    case 'p': /* printf and putchar (buffered stdout), mixed with direct writes */
      printf("%s", header);
      for (size_t i = 1; i < size; ++i) putchar(request[i]);
      vcc_write_response("|direct|", 8);
      printf("|after|\n");
      break;
    case 'w': /* POSIX write of the request, unchanged, at an odd offset */
      if (write(1, request + 1, size - 1) != (ssize_t)(size - 1)) return 4;
      break;
    default:
      fprintf(stderr, "unknown mode\n");
      return 5;
  }
  free(request);
  return 0;
}
