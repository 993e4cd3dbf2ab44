/* stdin, stdout and stderr for picolibc's tiny stdio.
 *
 * stdout is the response (fd 1) and stderr the debug log (fd 2), each with
 * a fixed buffer that is flushed when full, by fflush, by vcc_write_response
 * / vcc_debug_log, and at exit; stderr is also flushed at each newline.
 * stdin reads the request (fd 0) a byte at a time. */
#include <stdio.h>
#include <vcc/guest/io.h>

#include "runtime_internal.h"

enum { kStreamBufferSize = 512 };

struct vcc_stream {
  FILE file; /* first: picolibc hands &file back to put and flush */
  int fd;
  int flush_at_newline;
  size_t used;
  char buffer[kStreamBufferSize];
};

static int stream_flush(FILE* file) {
  struct vcc_stream* stream = (struct vcc_stream*)file;
  size_t used = stream->used;
  stream->used = 0;
  __vcc_write_all(stream->fd, stream->buffer, used);
  return 0;
}

static int stream_put(char c, FILE* file) {
  struct vcc_stream* stream = (struct vcc_stream*)file;
  if (stream->used == kStreamBufferSize) stream_flush(file);
  stream->buffer[stream->used++] = c;
  if (c == '\n' && stream->flush_at_newline) stream_flush(file);
  return (unsigned char)c;
}

static int stream_get(FILE* file) {
  (void)file;
  unsigned char c;
  return vcc_read_request(&c, 1) == 1 ? c : _FDEV_EOF;
}

static struct vcc_stream stdout_stream = {
    .file = FDEV_SETUP_STREAM(stream_put, NULL, stream_flush, _FDEV_SETUP_WRITE),
    .fd = VCC_FD_RESPONSE,
};
static struct vcc_stream stderr_stream = {
    .file = FDEV_SETUP_STREAM(stream_put, NULL, stream_flush, _FDEV_SETUP_WRITE),
    .fd = VCC_FD_DEBUG_LOG,
    .flush_at_newline = 1,
};
static FILE stdin_file = FDEV_SETUP_STREAM(NULL, stream_get, NULL, _FDEV_SETUP_READ);

FILE* const stdin = &stdin_file;
FILE* const stdout = &stdout_stream.file;
FILE* const stderr = &stderr_stream.file;

void __vcc_flush_stdio(void) {
  stream_flush(&stdout_stream.file);
  stream_flush(&stderr_stream.file);
}
